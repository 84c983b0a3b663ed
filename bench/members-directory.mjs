// Member directory: search times over 100,000 members.
// Run: npm run bench:members   (builds first). Spawns `essaim serve` on the embedded PostgreSQL in a
// fresh data directory, joins that PostgreSQL as a CLI command does, and writes MEMBERS members in
// bulk (bench/members-data.mjs: a seeded generator, and profiles made by the app's own profileRow so
// the folded search columns are exactly what the app writes): Belgian towns
// and regions, a share of Brussels residents from Hainaut or West Flanders, skills, kinds, ~30% in
// the directory, ~3% unconfirmed. Then VACUUM ANALYZE, and each scenario is requested RUNS times, one at a
// time over a keep-alive connection, as a member (and as an organiser, an admin), beside GET /healthz
// of the same server as the baseline. The target: p95 under 50 ms. Exits non-zero when a request fails.
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDataDir, printTable, root, startBenchServer } from './support.mjs';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const WARMUP = 10;
const TARGET_MS = 50;
const ABORT_AFTER_MS = 1_200_000;
const ADMIN = { email: 'bench-admin@example.org', password: 'members-directory-bench-password' };

const load = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const { openDatabase } = await load('db/connection.js');
const { memberProfiles } = await load('profiles/tables.js');
const { chapterFollowers } = await load('follows/tables.js');
const { users } = await load('accounts/tables.js');
const { createToken, createUser } = await load('accounts/service.js');
const { sql } = await import('drizzle-orm');
const { follow, generate } = await import('./members-data.mjs');

// ── Timing ──────────────────────────────────────────────────────────────────

let server;

/** Sequential timings (one request in flight): what one person searching sees. */
async function time(urlPath, token, method = 'GET', body = undefined) {
  for (let i = 0; i < WARMUP; i++) await server.must(method, urlPath, { token, body }, 200);
  const ms = [];
  let answer;
  for (let i = 0; i < RUNS; i++) {
    const res = await server.must(method, urlPath, { token, body }, 200);
    ms.push(res.ms);
    answer = res.body;
  }
  ms.sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  const json = JSON.parse(answer);
  return {
    p50: at(0.5),
    p95: at(0.95),
    max: ms[ms.length - 1],
    found: json.total ?? json.count ?? json.items?.length ?? json.status,
  };
}

/**
 * The organiser's segment counts for an upcoming Charleroi event (POST …/invitations/preview, the
 * count shown before sending): "come home" (from Hainaut, living elsewhere), a narrow mix, and a
 * broad one that matches most members.
 */
function segmentScenarios(eventId) {
  const preview = `/api/v1/events/${eventId}/invitations/preview`;
  return [
    {
      label: 'segment count: come home to Charleroi',
      method: 'POST',
      path: preview,
      body: { segment: { comeHome: true } },
      as: 'charleroi',
    },
    {
      label: 'segment count: Hainaut→Brussels, tech, PHP',
      method: 'POST',
      path: preview,
      body: { segment: { origin: ['BE-WHT'], residence: ['BE-BRU'], kinds: ['tech'], skills: ['php'] } },
      as: 'charleroi',
    },
    {
      label: 'segment count: tech or generalist, anywhere',
      method: 'POST',
      path: preview,
      body: { segment: { kinds: ['tech', 'generalist'] } },
      as: 'charleroi',
    },
  ];
}

const q = (params) => `/api/v1/members?${new URLSearchParams(params)}`;
const scenarios = [
  { label: 'directory, no filter (by name)', path: q({}), as: 'member' },
  { label: 'free text, exact word "laravel"', path: q({ q: 'laravel' }), as: 'member' },
  { label: 'free text, folded "liege" (Liège)', path: q({ q: 'liege' }), as: 'member' },
  { label: 'free text, other language "henegouwen"', path: q({ q: 'henegouwen' }), as: 'member' },
  { label: 'free text, typo "javscript"', path: q({ q: 'javscript' }), as: 'member' },
  { label: 'free text, two words "php bruxelles"', path: q({ q: 'php bruxelles' }), as: 'member' },
  { label: 'skill filter "php"', path: q({ skill: 'php' }), as: 'member' },
  { label: 'city filter "Ixelles"', path: q({ city: 'Ixelles' }), as: 'member' },
  { label: 'region filter origin=Hainaut', path: q({ origin: 'BE-WHT' }), as: 'member' },
  {
    label: 'combination: Hainaut→Brussels, tech, JavaScript',
    path: q({ origin: 'BE-WHT', residence: 'BE-BRU', kind: 'tech', skill: 'javascript' }),
    as: 'member',
  },
  {
    label: 'combination: text "react" + Hainaut→Brussels',
    path: q({ q: 'react', origin: 'BE-WHT', residence: 'BE-BRU' }),
    as: 'member',
  },
  {
    label: 'page 10 of skill "javascript"',
    path: `${q({ skill: 'javascript' })}&cursor=${Buffer.from(JSON.stringify({ after: '180' })).toString('base64url')}`,
    as: 'member',
  },
  { label: 'organiser: free text "namur" (+ followers)', path: q({ q: 'namur' }), as: 'organiser' },
  { label: 'admin: free text "liege" (everyone)', path: q({ q: 'liege' }), as: 'admin' },
  { label: 'skill suggestions "ja"', path: '/api/v1/skills?q=ja', as: 'member' },
];

const dataDir = benchDataDir('members-db');
let database;
try {
  // Our own data directory (support.mjs makes and removes its own otherwise), so the bench can join its PostgreSQL.
  server = await startBenchServer({
    label: 'members',
    admin: ADMIN,
    sockets: 4,
    abortAfterMs: ABORT_AFTER_MS,
    env: { ESSAIM_DATA_DIR: dataDir },
  });
  const { token: adminToken } = server;
  for (const [name, city, region] of [
    ['Charleroi', 'Charleroi', 'Hainaut'],
    ['Namur', 'Namur', 'Namur'],
    ['Liège', 'Liège', 'Liège'],
  ]) {
    await server.must(
      'POST',
      '/api/v1/chapters',
      { token: adminToken, body: { name, city, region, status: 'active' } },
      201,
    );
  }
  database = await openDatabase({ databaseUrl: undefined, dataDir }, 'tool', 4);
  const { db } = database;
  const [{ network_id: networkId }] = (
    await db.execute(sql`SELECT network_id FROM ${users} WHERE email = ${ADMIN.email}`)
  ).rows;
  const chapterIds = (
    await db.execute(sql`SELECT id FROM chapters WHERE network_id = ${networkId} ORDER BY slug`)
  ).rows.map((r) => r.id);

  const seconds = await generate(db, networkId, MEMBERS);
  await follow(db, networkId, chapterIds);
  const analyzeStarted = performance.now();
  // As autovacuum would have by then: statistics, and the visibility map index-only scans need.
  await db.execute(sql`VACUUM ANALYZE`);
  const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;
  const [counts] = (
    await db.execute(sql`
    SELECT count(*)::int AS profiles, count(*) FILTER (WHERE directory_visible)::int AS listed,
           (SELECT count(*)::int FROM ${chapterFollowers} WHERE network_id = ${networkId}) AS follows
    FROM ${memberProfiles} WHERE network_id = ${networkId}`)
  ).rows;

  const member = await createUser(db, networkId, {
    email: 'bench-member@example.org',
    name: 'Bench Member',
    role: 'member',
  });
  const organiser = await createUser(db, networkId, {
    email: 'bench-organiser@example.org',
    name: 'Bench Organiser',
    role: 'member',
  });
  await server.must(
    'POST',
    '/api/v1/chapters/namur/organizers',
    { token: adminToken, body: { email: organiser.email } },
    201,
  );
  const charleroi = await createUser(db, networkId, {
    email: 'bench-charleroi@example.org',
    name: 'Bench Charleroi',
    role: 'member',
  });
  await server.must(
    'POST',
    '/api/v1/chapters/charleroi/organizers',
    { token: adminToken, body: { email: charleroi.email } },
    201,
  );
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  const event = await server.must(
    'POST',
    '/api/v1/chapters/charleroi/events',
    {
      token: adminToken,
      body: {
        title: 'IT day',
        onlineUrl: 'https://meet.example.org/it-day',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString(),
        capacity: 50,
        status: 'published',
      },
    },
    201,
  );
  scenarios.push(...segmentScenarios(event.json.id));
  const tokens = {
    member: (await createToken(db, member, 'bench')).token,
    organiser: (await createToken(db, organiser, 'bench')).token,
    charleroi: (await createToken(db, charleroi, 'bench')).token,
    admin: adminToken,
  };

  const healthz = await time('/healthz', undefined);
  const rows = [['baseline: GET /healthz', healthz, '']];
  for (const s of scenarios) {
    const r = await time(s.path, tokens[s.as], s.method, s.body);
    rows.push([s.label, r, r.found]);
  }

  console.log(
    `member directory — ${counts.profiles} members (${counts.listed} listed, ${counts.follows} chapter follows), ${RUNS} sequential requests each after ${WARMUP} warm-up, ${os.cpus().length} cores, Node ${process.version}`,
  );
  console.log(
    `(generated in ${seconds.toFixed(1)} s, VACUUM ANALYZE ${analyzeSeconds.toFixed(1)} s; target p95 < ${TARGET_MS} ms)`,
  );
  const fmt = (ms) => `${ms.toFixed(2)} ms`;
  printTable(
    ['request', 'found', 'p50', 'p95', 'max', 'p95 vs baseline', `p95 < ${TARGET_MS} ms`],
    rows.map(([label, r, found], k) => [
      label,
      String(found),
      fmt(r.p50),
      fmt(r.p95),
      fmt(r.max),
      `${(r.p95 / healthz.p95).toFixed(1)}×`,
      k === 0 ? '' : r.p95 < TARGET_MS ? 'yes' : 'NO',
    ]),
  );
  await database.close();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
} catch (err) {
  console.error(`FAIL: ${err.stack ?? err.message}`);
  await database?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
}
