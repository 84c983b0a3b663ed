import type { User } from '../accounts/service.js';
import { findUserByEmail } from '../accounts/service.js';
import * as calls from '../calls/service.js';
import type { Db } from '../db/connection.js';
import { findEvent } from '../events/service.js';
import { confirmAccepted, draftDecisions, previewDecisions, sendDecisions } from '../jury/decisions.js';
import { saveReview } from '../jury/reviews.js';
import { inviteJuror } from '../jury/invitations.js';
import { declareConflict, runAssignment } from '../jury/service.js';
import type { Network } from '../networks/service.js';
import { programmeOf, updateSession } from '../programme/service.js';
import { FIVE, tri } from './call-scales.js';

/**
 * The open call for talks of the next Charleroi IT day: four proposals, one programme committee
 * member, and the first two talks accepted, confirmed and on the programme. Returns the number of
 * proposals.
 */
export async function loadDemoTalks(
  db: Db,
  network: Network,
  opts: { admin: User; eventId: string; baseUrl: string; now: number },
): Promise<number> {
  const { admin, baseUrl, now } = opts;
  const day = 86_400_000;
  const event = await findEvent(db, network, opts.eventId);
  const organiser = admin;
  const talks = await calls.createCall(db, network, organiser, {
    kind: 'talks',
    eventId: event.id,
    slug: 'orateurs-it-day-charleroi',
    title: tri(
      'Appel à orateurs : prochaine journée IT de Charleroi',
      'Oproep voor sprekers: volgende IT-dag Charleroi',
      'Call for talks: next Charleroi IT day',
    ),
    description: tri(
      'Vingt minutes pour partager ce que vous faites.',
      'Twintig minuten om te delen waar u mee bezig bent.',
      'Twenty minutes to share what you work on.',
    ),
    opensAt: new Date(now - 14 * day).toISOString(),
    closesAt: new Date(Math.max(now + day, event.startsAt.getTime() - 7 * day)).toISOString(),
    stages: [{ name: 'Comité de programme', blind: false }],
    rules: {
      eligibility: [],
      fields: [
        {
          key: 'abstract',
          kind: 'long_text',
          label: tri('Résumé', 'Samenvatting', 'Abstract'),
          required: true,
          maxLength: 2000,
        },
        { key: 'links', kind: 'links', label: tri('Liens', 'Links', 'Links'), required: false },
      ],
      criteria: [
        {
          key: 'interest',
          label: tri('Intérêt', 'Interesse', 'Interest'),
          weight: 2,
          scale: FIVE,
          independent: false,
        },
        {
          key: 'clarity',
          label: tri('Clarté', 'Duidelijkheid', 'Clarity'),
          weight: 1,
          scale: FIVE,
          independent: false,
        },
      ],
      places: 3,
      budgetCents: null,
      tiers: [],
      tieBreak: 'earliest_submission',
      rankBy: 'raw',
      reviewsPerSubmission: 1,
      conflictPolicy: tri('', '', ''),
      softConflictsMayReview: true,
      appealDays: 14,
      maxFileBytes: 10 * 1_048_576,
    },
  });
  const proposals = [
    ['Léa Fontaine', 'Rust à la périphérie', 'Des binaires minuscules pour des capteurs en Sambre.', 'fr'],
    ['Thomas Peeters', 'Accessibility audits in one afternoon', 'axe-core, a screen reader and a checklist.', 'en'],
    ['Nora Benali', 'PostgreSQL pour les petites équipes', 'Une base, pas cinq services.', 'fr'],
    ['Wim Claes', 'Van Excel naar API', 'Hoe een vzw haar ledenlijst ontsloot.', 'nl'],
  ] as const;
  const ids: string[] = [];
  for (const [i, [name, title, abstract, lang]] of proposals.entries()) {
    const { submission } = await calls.startSubmission(
      db,
      network,
      null,
      talks.id,
      {
        name,
        email: `${name.split(' ')[0]!.toLowerCase()}@speakers.example.org`,
        locale: lang,
        language: lang,
        title,
        answers: { abstract },
        submit: true,
      },
      { baseUrl, locale: lang, now: new Date(now - (10 - i) * day) },
    );
    ids.push(submission.id);
  }
  const pc = 'adrien.dubois@example.org';
  await inviteJuror(
    db,
    network,
    admin,
    talks.id,
    { email: pc, name: 'Adrien Dubois', stage: 1, languages: ['fr', 'nl', 'en'], locale: 'fr' },
    { baseUrl },
  );
  await runAssignment(db, network, admin, talks.id, { pins: [], forbids: [], seed: 3 });
  const pcUser = (await findUserByEmail(db, network.id, pc))!;
  for (const [i, id] of ids.slice(0, 3).entries()) {
    await declareConflict(db, network, pcUser, talks.id, { submissionId: id, level: 'none' });
    await saveReview(db, network, pcUser, id, {
      scores: { interest: 5 - i, clarity: 4 },
      comment: '',
      applicantComment: '',
      abstain: false,
      submit: true,
    });
  }
  // A rolling call: the first two talks are accepted and confirmed while the call stays open.
  await draftDecisions(db, network, admin, talks.id, {
    items: ids.slice(0, 2).map((submissionId) => ({ submissionId, outcome: 'accepted' as const })),
  });
  await previewDecisions(db, network, admin, talks.id);
  await sendDecisions(db, network, admin, talks.id, { baseUrl });
  for (const id of ids.slice(0, 2)) await db.transaction((tx) => confirmAccepted(tx, network, id));
  const sessions = await programmeOf(db, network, event.id);
  for (const [i, s] of sessions.entries())
    await updateSession(db, network, admin, s.id, {
      startsAt: new Date(event.startsAt.getTime() + (30 + i * 30) * 60_000).toISOString(),
      endsAt: new Date(event.startsAt.getTime() + (55 + i * 30) * 60_000).toISOString(),
      roomId: event.roomId,
    });
  return proposals.length;
}
