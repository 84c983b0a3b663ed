import type { User } from '../accounts/service.js';
import { findUserByEmail } from '../accounts/service.js';
import * as calls from '../calls/service.js';
import type { Db } from '../db/connection.js';
import { draftDecisions, previewDecisions, sendDecisions, stageResults } from '../jury/decisions.js';
import { saveReview, jurorQueue, closeStage } from '../jury/reviews.js';
import { inviteJuror } from '../jury/invitations.js';
import { declareConflict, runAssignment } from '../jury/service.js';
import type { Network } from '../networks/service.js';
import { FIVE, tri } from './call-scales.js';
import { loadDemoTalks } from './talks.js';

/** Deterministic noise, so the demo is the same every time. */
function noise(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const PROJECTS = [
  ['Cowork Thudinie', 'Thuin'],
  ['La Fabrik', 'Mons'],
  ['Espace Sambre', 'Charleroi'],
  ['Le Relais', 'Namur'],
  ['Hub Botte', 'Chimay'],
  ['Tiers-lieu Ardenne', 'Bastogne'],
  ['Quai 10 Work', 'Charleroi'],
  ['Coworking Condroz', 'Ciney'],
  ['La Gare', 'Ottignies'],
  ['Atelier Mosan', 'Huy'],
  ['Borinage Lab', 'Frameries'],
  ['Le Phare', 'Tournai'],
  ['Work & Co Famenne', 'Marche'],
  ['Hesbaye Hub', 'Waremme'],
  ['Les Ateliers du Centre', 'La Louvière'],
  ['Wallonie Picarde Work', 'Mouscron'],
  ['Coworking des Lacs', 'Eupen'],
  ['Station Gembloux', 'Gembloux'],
] as const;

/**
 * The calls of the demo: the past coworking call of the Walloon region (18 projects, a first
 * selection then a final one, 8 laureates in two budget tiers, a jury of five with two declared
 * conflicts), and the open call for talks of the next Charleroi IT day, whose first accepted talks
 * are already on its programme.
 */
export async function loadDemoCalls(
  db: Db,
  network: Network,
  opts: { admin: User; nextItDay: string | undefined; baseUrl: string },
): Promise<{ calls: number; submissions: number }> {
  const { admin, baseUrl } = opts;
  const now = Date.now();
  const day = 86_400_000;
  const rand = noise(2026);
  const past = await calls.createCall(db, network, admin, {
    kind: 'projects',
    slug: 'appel-coworking-2026',
    title: tri('Appel à projets coworking 2026', 'Projectoproep coworking 2026', 'Coworking call for projects 2026'),
    description: tri(
      'Soutien au démarrage d’espaces de coworking en Wallonie : 600 000 € répartis entre huit lauréats, choisis par un jury indépendant.',
      'Startsteun voor coworkingruimtes in Wallonië: 600.000 euro verdeeld over acht laureaten, gekozen door een onafhankelijke jury.',
      'Start-up aid for coworking spaces in Wallonia: 600,000 EUR shared by eight laureates, chosen by an independent jury.',
    ),
    opensAt: new Date(now - 120 * day).toISOString(),
    closesAt: new Date(now - 90 * day).toISOString(),
    stages: [
      { name: 'Première sélection', blind: true },
      { name: 'Sélection finale', blind: false },
    ],
    rules: {
      eligibility: [
        {
          key: 'public_partner',
          label: tri(
            'Le consortium comprend un partenaire public',
            'Het consortium omvat een publieke partner',
            'The consortium includes a public partner',
          ),
          hardGate: true,
        },
      ],
      fields: [
        {
          key: 'summary',
          kind: 'long_text',
          label: tri('Résumé du projet', 'Samenvatting van het project', 'Project summary'),
          required: true,
          maxLength: 5000,
        },
        {
          key: 'seats',
          kind: 'number',
          label: tri('Postes de travail', 'Werkplekken', 'Desks'),
          required: true,
          min: 1,
          max: 500,
        },
        {
          key: 'amount',
          kind: 'amount',
          label: tri('Montant demandé', 'Gevraagd bedrag', 'Amount requested'),
          required: true,
          requestedAmount: true,
        },
        {
          key: 'plan',
          kind: 'file',
          label: tri('Plan financier', 'Financieel plan', 'Financial plan'),
          required: false,
        },
      ],
      criteria: [
        {
          key: 'impact',
          label: tri('Impact régional', 'Regionale impact', 'Regional impact'),
          weight: 3,
          scale: FIVE,
          independent: false,
        },
        {
          key: 'viability',
          label: tri('Viabilité', 'Leefbaarheid', 'Viability'),
          weight: 2,
          scale: FIVE,
          independent: false,
        },
        {
          key: 'community',
          label: tri('Communauté', 'Gemeenschap', 'Community'),
          weight: 1,
          scale: FIVE,
          independent: false,
        },
        {
          key: 'fit',
          label: tri('Adéquation au réseau', 'Past bij het netwerk', 'Fits the network'),
          weight: 1,
          scale: FIVE,
          independent: true,
        },
      ],
      places: null,
      budgetCents: 60_000_000,
      tiers: [
        { count: 4, amountCents: 10_000_000 },
        { count: 4, amountCents: 5_000_000 },
      ],
      tieBreak: 'criterion',
      tieBreakCriterion: 'impact',
      rankBy: 'raw',
      reviewsPerSubmission: 3,
      conflictPolicy: tri(
        'Un juré ne peut évaluer un projet auquel il est lié ; tout lien est déclaré avant la lecture.',
        'Een jurylid beoordeelt geen project waarmee het verbonden is; elke band wordt gemeld voor het lezen.',
        'A juror never judges a project they are linked to; every link is declared before reading.',
      ),
      softConflictsMayReview: true,
      appealDays: 14,
      maxFileBytes: 10 * 1_048_576,
    },
  });
  const quality: number[] = [];
  for (const [i, [name, city]] of PROJECTS.entries()) {
    quality.push(1.5 + rand() * 3.5);
    const who = `${['Marie', 'Luc', 'Sarah', 'Tom', 'Inès', 'Karim'][i % 6]} ${['Lemaire', 'Dupont', 'Gilson', 'Renard', 'Maes', 'Collard'][(i * 5) % 6]}`;
    await calls.startSubmission(
      db,
      network,
      null,
      past.id,
      {
        name: who,
        email: `contact@${name.toLowerCase().replace(/[^a-z]+/g, '-')}.example.org`,
        organisation: name,
        locale: 'fr',
        language: 'fr',
        title: `${name} — ${city}`,
        answers: {
          summary: `${name} ouvre un espace de coworking à ${city} avec la commune et l’agence de développement local.`,
          seats: 20 + ((i * 7) % 40),
          amount: i % 3 ? 5_000_000 : 10_000_000,
        },
        eligibility: { public_partner: true },
        submit: true,
      },
      { baseUrl, locale: 'fr', now: new Date(now - (110 - i) * day) },
    );
  }
  const jury = [
    ['Anne Marchal', 'anne.marchal@jury.example.org'],
    ['Pieter De Smet', 'pieter.desmet@jury.example.org'],
    ['Claire Wauters', 'claire.wauters@jury.example.org'],
    ['Jonas Keller', 'jonas.keller@jury.example.org'],
    ['Elena Rossi', 'elena.rossi@jury.example.org'],
  ] as const;
  const bias = [0.3, -0.2, 0, 0.4, -0.5];
  for (const stage of [1, 2]) {
    for (const [name, email] of jury)
      await inviteJuror(
        db,
        network,
        admin,
        past.id,
        { email, name, stage, languages: ['fr', 'en'], locale: email.startsWith('pieter') ? 'nl' : 'fr' },
        { baseUrl },
      );
    await runAssignment(db, network, admin, past.id, { stage, pins: [], forbids: [], seed: 7 * stage });
    for (const [j, [, email]] of jury.entries()) {
      const user = (await findUserByEmail(db, network.id, email))!;
      const queue = await jurorQueue(db, network, user, past.id);
      for (const [k, item] of queue.items.entries()) {
        // Two declared conflicts in the first selection: recusals, logged.
        const hard = stage === 1 && ((j === 1 && k === 0) || (j === 3 && k === 2));
        await declareConflict(db, network, user, past.id, {
          submissionId: item.id,
          level: hard ? 'hard' : 'none',
          reason: hard ? 'ancien collègue' : '',
        });
        if (hard) continue;
        const q = quality[PROJECTS.findIndex(([n]) => item.title.startsWith(n))] ?? 3;
        const score = (d: number) => Math.max(1, Math.min(5, Math.round(q + bias[j]! + d + (rand() - 0.5))));
        await saveReview(db, network, user, item.id, {
          scores: { impact: score(0), viability: score(-0.3), community: score(0.2), fit: score(0.5) },
          comment: 'Dossier lu en entier.',
          applicantComment:
            score(0) >= 4 ? 'Projet solide, bien ancré localement.' : 'Le plan financier mérite d’être consolidé.',
          abstain: false,
          submit: true,
        });
      }
    }
    if (stage === 1) {
      const r = await stageResults(db, network, admin, past.id, 1);
      await draftDecisions(db, network, admin, past.id, {
        stage: 1,
        items: r.results.items.map((x) => ({
          submissionId: x.submissionId,
          outcome: x.rank <= 12 ? 'advanced' : 'rejected',
        })),
      });
    } else await draftDecisions(db, network, admin, past.id, { stage: 2, includeComments: true });
    await previewDecisions(db, network, admin, past.id, stage);
    await sendDecisions(db, network, admin, past.id, { stage, baseUrl });
    await closeStage(db, network, admin, past.id, stage);
  }

  let submissions = PROJECTS.length;
  if (opts.nextItDay) submissions += await loadDemoTalks(db, network, { admin, eventId: opts.nextItDay, baseUrl, now });
  return { calls: opts.nextItDay ? 2 : 1, submissions };
}
