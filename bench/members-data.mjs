// The members of the directory benchmark: a seeded generator (every run has the same people) and
// bulk writes. Profiles are made by the app's own profileRow (from dist/), so their folded search
// columns are exactly what the app writes.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './support.mjs';

const load = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const { profileRow } = await load('profiles/service.js');
const { memberProfiles } = await load('profiles/tables.js');
const { chapterFollowers } = await load('follows/tables.js');
const { users } = await load('accounts/tables.js');
const { sql } = await import('drizzle-orm');

const BATCH = 2_000;

/** mulberry32: a small seeded generator, so every run measures the same directory. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20_251_123);
const pick = (list) => list[Math.floor(random() * list.length)];
/** Earlier entries are likelier (a rough Zipf): a few skills and towns are everywhere, most are rare. */
const skewed = (list) => list[Math.floor(list.length * random() ** 2.2)];

const firstNames =
  'Lucas,Emma,Noah,Louise,Arthur,Olivia,Jules,Mila,Adam,Alice,Louis,Lina,Victor,Elena,Nathan,Juliette,Liam,Sofia,Mohamed,Yasmine,Thomas,Sarah,Pieter,Lotte,Wout,Jens,Femke,Sien,Lars,Noor,Chloé,Zoé,Hélène,Amélie,Benoît,François,Jérôme,Inès,Léa,Théo,Maël,Ayoub,Fatima,Senne,Marie,Anaïs,Gaëlle,Joëlle,Mehdi,Björn'.split(
    ',',
  );
const lastNames =
  'Peeters,Janssens,Maes,Jacobs,Mertens,Willems,Claes,Goossens,Wouters,De Smet,Dubois,Lambert,Dupont,Martin,Simon,Laurent,Leroy,Renard,Lejeune,Mathieu,Lemaire,François,Dumont,Wauters,Vermeulen,El Amrani,Benali,Nguyen,Kowalski,Rossi,Fontaine,Denis,Collin,Gérard,Michel,Hermans,Van Damme,De Backer,Verhaegen,Bogaert,Noël,Lefèvre,Bastin,Hubert,Piron,Delvaux,Stassen,Thiry,Gillet,Mahieu'.split(
    ',',
  );
const brussels =
  'Bruxelles,Ixelles,Schaerbeek,Anderlecht,Uccle,Etterbeek,Saint-Gilles,Molenbeek,Forest,Jette,Woluwe-Saint-Lambert,Evere,Elsene,Schaarbeek'.split(
    ',',
  );
const towns =
  'Liège,Charleroi,Namur,Gent,Antwerpen,Mons,Leuven,Brugge,Hasselt,Wavre,Louvain-la-Neuve,Tournai,Mechelen,Kortrijk,Verviers,La Louvière,Arlon,Ottignies,Nivelles,Mouscron,Aalst,Genk,Oostende,Sint-Niklaas,Roeselare,Dinant,Bastogne,Huy,Seraing,Gembloux,Waterloo,Binche,Ath,Ieper,Turnhout,Marche-en-Famenne,Châtelet,Fleurus,Spa,Eupen'.split(
    ',',
  );
const regions = [
  'BE-WHT',
  'BE-WLG',
  'BE-VWV',
  'BE-WNA',
  'BE-VOV',
  'BE-VAN',
  'BE-BRU',
  'BE-VBR',
  'BE-WBR',
  'BE-VLI',
  'BE-WLX',
];
const elsewhere = ['Lille, France', 'Maastricht', 'Paris', 'Kinshasa', 'Casablanca', 'Luxembourg-ville', 'Aachen'];
const skills =
  'JavaScript,PHP,Python,React,TypeScript,Marketing,Laravel,Java,Node.js,Gestion de projet,Sales,UX design,Docker,SQL,Symfony,Communication,WordPress,C#,.NET,DevOps,Figma,Vue.js,Kubernetes,AWS,Comptabilité,Go,Rust,Angular,Data science,Machine learning,SEO,Product management,Scrum,Linux,Flutter,Android,iOS,Swift,Kotlin,PostgreSQL,Cybersécurité,Réseaux,Graphisme,Photographie,Vidéo,Rédaction,Drupal,Django,Azure,Power BI,Excel,Odoo,SAP,Salesforce,E-commerce,Community management,Illustration,Électronique,IoT,Arduino,Impression 3D,Formation,Coaching,Entrepreneuriat,Levée de fonds,Juridique,Finance,RH,Traduction,Néerlandais,Growth hacking,Blockchain,Tableau,Agile'.split(
    ',',
  );
const jobs = [
  'Développeuse freelance',
  'Developer',
  'Consultant',
  'Indépendant',
  'Ontwerper',
  'Chef de projet',
  'Student',
  'Fondatrice',
  'Data analyst',
  'Marketeer',
  'Ingénieur',
  'Projectleider',
];
const tails = [
  'passionnée par le web accessible',
  'on the lookout for a coworking near home',
  'op zoek naar samenwerking in de regio',
  'qui aime les meetups du jeudi',
  'building tools for small shops',
  'spécialisé dans les PME wallonnes',
  'graag actief in open source',
  'de retour au pays après dix ans à Bruxelles',
];

export function person(i) {
  const name = `${pick(firstNames)} ${pick(lastNames)}`;
  // A third live in Brussels, many of them from Hainaut or West Flanders: the "come home" case.
  const inBrussels = random() < 0.33;
  const city = inBrussels ? pick(brussels) : skewed(towns);
  const r = random();
  const originRegion =
    r < 0.03 ? 'other' : inBrussels && r < 0.45 ? pick(['BE-WHT', 'BE-VWV']) : r < 0.6 ? null : skewed(regions);
  const kind = pick(['tech', 'tech', 'tech', 'generalist', 'generalist', 'other', null]);
  const count = Math.floor(random() * 6);
  const own = [...new Set(Array.from({ length: count }, () => skewed(skills)))];
  return {
    i,
    name,
    email: `member${i}@bench.example.org`,
    verified: random() >= 0.03,
    profile: {
      city,
      originRegion: originRegion ?? undefined,
      originDetail: originRegion === 'other' ? pick(elsewhere) : undefined,
      kind,
      skills: own,
      bio: random() < 0.7 ? `${pick(jobs)} à ${city}, ${pick(tails)}.` : '',
      directoryVisible: random() < 0.3,
    },
  };
}

// ── Writing them ────────────────────────────────────────────────────────────

/** Accounts and profiles, BATCH at a time, one transaction each; returns the seconds it took. */
export async function generate(db, networkId, total) {
  const started = performance.now();
  for (let from = 0; from < total; from += BATCH) {
    const people = Array.from({ length: Math.min(BATCH, total - from) }, (_, k) => person(from + k));
    const now = new Date();
    const rows = people.map((p) => ({
      id: crypto.randomUUID(),
      networkId,
      email: p.email,
      name: p.name,
      role: 'member',
      emailVerifiedAt: p.verified ? now : null,
    }));
    await db.transaction(async (tx) => {
      await tx.insert(users).values(rows);
      // As saveProfile does: an unconfirmed account is never listed.
      await tx.insert(memberProfiles).values(
        people.map((p, k) =>
          profileRow(networkId, rows[k].id, p.name, undefined, {
            ...p.profile,
            directoryVisible: p.verified && p.profile.directoryVisible,
          }),
        ),
      );
    });
  }
  return (performance.now() - started) / 1000;
}

/** About one member in eight follows one of the chapters (organisers see their followers). */
export async function follow(db, networkId, chapterIds) {
  for (const [k, chapterId] of chapterIds.entries()) {
    await db.execute(sql`
      INSERT INTO ${chapterFollowers} (network_id, chapter_id, user_id)
      SELECT ${networkId}, ${chapterId}, user_id FROM ${memberProfiles}
      WHERE network_id = ${networkId} AND abs(hashtext(user_id::text)) % ${chapterIds.length * 8} = ${k}`);
  }
}
