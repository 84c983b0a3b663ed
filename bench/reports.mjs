// Reports and the justification pack at scale.
// Run: npm run bench:reports   (builds first). Spawns `essaim serve` on the embedded PostgreSQL in a
// fresh data directory, creates 20 chapters, 5 venues and a grant per year through the API, then
// writes in bulk (SQL, as an import would): 5,000 events over 5 years, 100,000 registrations of
// 30,011 people (a prime: nobody twice at one event; about 70 % checked in) and 20,000 approved expenses, each shared with an event
// and most charged to that year's grant. After VACUUM ANALYZE it times, one request at a time over
// a keep-alive connection: the network-year report, a chapter report, and beside them GET /healthz
// of the same server; then the yearly justification pack as XLSX and PDF (time, and the server's
// peak resident memory sampled every 10 ms while it is built). Targets: reports p95 < 300 ms,
// pack < 5 s. Exits non-zero when a request fails.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDataDir, printTable, root, startBenchServer } from './support.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5_000);
const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 100_000);
const EXPENSES = Number(process.env.BENCH_EXPENSES ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARMUP = 5;
const YEARS = [2022, 2023, 2024, 2025, 2026];
const ADMIN = { email: 'bench-admin@example.org', password: 'reports-bench-password' };

const load = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const { openDatabase } = await load('db/connection.js');
const { sql } = await import('drizzle-orm');

let server;
async function time(urlPath, token) {
  for (let i = 0; i < WARMUP; i++) await server.must('GET', urlPath, { token }, 200);
  const ms = [];
  for (let i = 0; i < RUNS; i++) ms.push((await server.must('GET', urlPath, { token }, 200)).ms);
  ms.sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  return { p50: at(0.5), p95: at(0.95), max: ms.at(-1) };
}
const rssKb = () => {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
};
/** A pack download: time to the last byte, size, and the server's peak RSS meanwhile. */
async function pack(urlPath, token) {
  const before = rssKb();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKb())), 10);
  const res = await server.request('GET', urlPath, { token });
  clearInterval(sampler);
  if (res.status !== 200) throw new Error(`${urlPath} answered ${res.status}: ${String(res.body).slice(0, 300)}`);
  return { ms: res.ms, bytes: Buffer.byteLength(res.body ?? ''), before, peak };
}

const dataDir = benchDataDir('reports-db');
let database;
try {
  server = await startBenchServer({
    label: 'reports',
    admin: ADMIN,
    sockets: 4,
    abortAfterMs: 1_800_000,
    env: { ESSAIM_DATA_DIR: dataDir },
  });
  const token = server.token;
  for (let i = 1; i <= 20; i++)
    await server.must(
      'POST',
      '/api/v1/chapters',
      { token, body: { name: `Chapter ${i}`, slug: `chapter-${i}`, city: `City ${i}`, status: 'active' } },
      201,
    );
  for (let i = 1; i <= 5; i++)
    await server.must(
      'POST',
      '/api/v1/venues',
      {
        token,
        body: { name: `Venue ${i}`, slug: `venue-${i}`, city: `City ${i}`, rooms: [{ name: 'Room', capacity: 60 }] },
      },
      201,
    );
  const grants = {};
  for (const year of YEARS)
    grants[year] = (
      await server.must(
        'POST',
        '/api/v1/grants',
        {
          token,
          body: {
            funder: 'Brussels-Capital Region',
            decisionRef: `AR-${year}`,
            amountGrantedCents: 6_000_000,
            ratePercent: 50,
            eligibleCategories: ['activities', 'communication', 'rent'],
            periodStart: `${year}-01-01`,
            periodEnd: `${year}-12-31`,
          },
        },
        201,
      )
    ).json.id;

  database = await openDatabase({ databaseUrl: undefined, dataDir }, 'tool', 4);
  const { db } = database;
  const [{ network_id: networkId, user_id: adminId }] = (
    await db.execute(sql`SELECT network_id, id AS user_id FROM users WHERE email = ${ADMIN.email}`)
  ).rows;
  const started = performance.now();
  await db.execute(sql`
    INSERT INTO events (network_id, chapter_id, title, starts_at, ends_at, capacity, venue_id, status)
    SELECT ${networkId}, c.id, 'Event ' || g, s, s + interval '3 hours', 60, v.id, 'published'
    FROM generate_series(1, ${EVENTS}) g
    CROSS JOIN LATERAL (SELECT timestamptz '2022-01-01 17:30+01' + (g * (1826.0 / ${EVENTS})) * interval '1 day' AS s) t
    JOIN LATERAL (SELECT id FROM chapters WHERE network_id = ${networkId} ORDER BY slug OFFSET (g % 20) LIMIT 1) c ON true
    JOIN LATERAL (SELECT id FROM venues WHERE network_id = ${networkId} ORDER BY slug OFFSET (g % 5) LIMIT 1) v ON true`);
  await db.execute(sql`
    WITH ev AS (SELECT id, starts_at, row_number() OVER (ORDER BY starts_at) AS n FROM events WHERE network_id = ${networkId})
    INSERT INTO registrations (network_id, event_id, name, email, status, queue_no, secret, check_in_code, created_at, checked_in_at, shared_with_venue_at)
    SELECT ${networkId}, ev.id, 'Person ' || p, 'person' || p || '@example.org', 'confirmed', g, md5(random()::text || g), substr(md5(g::text), 1, 12),
      ev.starts_at - interval '5 days',
      CASE WHEN g % 10 < 7 THEN ev.starts_at + interval '10 minutes' END,
      CASE WHEN g % 5 = 2 THEN ev.starts_at - interval '5 days' END
    FROM generate_series(1, ${REGISTRATIONS}) g
    CROSS JOIN LATERAL (SELECT (g * 7919) % 30011 AS p) person
    JOIN ev ON ev.n = 1 + (g % ${EVENTS})`);
  await db.execute(sql`
    WITH ev AS (SELECT id, chapter_id, starts_at, row_number() OVER (ORDER BY starts_at) AS n FROM events WHERE network_id = ${networkId}),
    ins AS (
      INSERT INTO expenses (network_id, chapter_id, status, incurred_on, supplier_name, amount_cents, vat_rate, category, description, created_by, submitted_by, approved_by, approved_at)
      SELECT ${networkId}, ev.chapter_id, 'approved', (ev.starts_at AT TIME ZONE 'Europe/Brussels')::date, 'Supplier ' || (g % 97),
        500 + (g * 37) % 20000, 21, (ARRAY['activities', 'communication', 'rent', 'equipment'])[1 + g % 4], 'Expense ' || g, ${adminId}, ${adminId}, ${adminId}, now()
      FROM generate_series(1, ${EXPENSES}) g JOIN ev ON ev.n = 1 + (g % ${EVENTS})
      RETURNING id, amount_cents, incurred_on, category, description
    )
    , shares AS (
      INSERT INTO expense_event_shares (network_id, expense_id, event_id, amount_cents)
      SELECT ${networkId}, ins.id, ev.id, ins.amount_cents FROM ins JOIN ev ON ev.n = 1 + (substr(ins.description, 9)::int % ${EVENTS})
    )
    INSERT INTO expense_grant_shares (network_id, expense_id, grant_id, amount_cents)
    SELECT ${networkId}, ins.id, g.id, ins.amount_cents / 2 FROM ins
    JOIN grants g ON g.network_id = ${networkId} AND ins.incurred_on BETWEEN g.period_start AND g.period_end
    WHERE ins.category <> 'equipment'`);
  await db.execute(sql`VACUUM ANALYZE`);
  const seconds = (performance.now() - started) / 1000;
  const [counts] = (
    await db.execute(sql`SELECT (SELECT count(*) FROM events WHERE network_id = ${networkId})::int AS events,
      (SELECT count(*) FROM registrations WHERE network_id = ${networkId})::int AS registrations,
      (SELECT count(*) FROM expenses WHERE network_id = ${networkId})::int AS expenses`)
  ).rows;

  const rows = [
    ['baseline: GET /healthz', await time('/healthz')],
    ['network year 2025', await time('/api/v1/reports/network?year=2025', token)],
    ['chapter year 2025', await time('/api/v1/reports/chapters/chapter-7?year=2025', token)],
    [
      'event report',
      await time(
        `/api/v1/reports/events/${(await db.execute(sql`SELECT id FROM events WHERE network_id = ${networkId} ORDER BY starts_at OFFSET ${Math.floor(EVENTS * 0.6)} LIMIT 1`)).rows[0].id}`,
        token,
      ),
    ],
  ];
  // Where the network-year time goes: each query of the report, run directly against the database.
  const q = await load('reports/queries.js');
  const { yearPeriod } = await load('reports/period.js');
  const timeQuery = async (run) => {
    for (let i = 0; i < 2; i++) await run();
    const ms = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      await run();
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    return { p50: ms[5], p95: ms[9], max: ms[9] };
  };
  const p2025 = yearPeriod(2025);
  if (process.env.BENCH_EXPLAIN) {
    // The plans, from auto_explain on one connection (a profiling aid: BENCH_EXPLAIN=1).
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const client = await database.pool.connect();
    client.on('notice', (n) => console.log(n.message));
    const one = drizzle(client);
    for (const s of [
      "LOAD 'auto_explain'",
      'SET auto_explain.log_min_duration = 0',
      'SET auto_explain.log_analyze = on',
      "SET auto_explain.log_level = 'notice'",
    ])
      await one.execute(sql.raw(s));
    await q.selectPeople(one, networkId, p2025, {});
    await q.selectEventFigures(one, networkId, p2025, {});
    await one.execute(sql.raw('SET auto_explain.log_min_duration = -1'));
    client.release();
  }
  const parts = [
    ['  event figures (query)', await timeQuery(() => q.selectEventFigures(db, networkId, p2025, {}))],
    ['  people: uniques, new (query)', await timeQuery(() => q.selectPeople(db, networkId, p2025, {}))],
    ['  come-home (query)', await timeQuery(() => q.selectComeHome(db, networkId, p2025, {}))],
  ];
  const packs = [
    ['pack 2025 JSON', await pack(`/api/v1/grants/${grants[2025]}/pack?format=json`, token)],
    ['pack 2025 XLSX', await pack(`/api/v1/grants/${grants[2025]}/pack?format=xlsx`, token)],
    ['pack 2025 PDF', await pack(`/api/v1/grants/${grants[2025]}/pack?format=pdf`, token)],
  ];
  const [{ lines }] = (
    await db.execute(
      sql`SELECT count(*)::int AS lines FROM expenses WHERE network_id = ${networkId} AND incurred_on BETWEEN '2025-01-01' AND '2025-12-31' AND category IN ('activities', 'communication', 'rent')`,
    )
  ).rows;

  console.log(
    `reports — ${counts.events} events, ${counts.registrations} registrations, ${counts.expenses} expenses over ${YEARS.length} years, 20 chapters; ${RUNS} sequential requests each after ${WARMUP} warm-up; ${os.cpus().length} cores, Node ${process.version}`,
  );
  console.log(`(data written and analysed in ${seconds.toFixed(1)} s; targets: reports p95 < 300 ms, pack < 5 s)`);
  const fmt = (ms) => `${ms.toFixed(1)} ms`;
  printTable(
    ['request', 'p50', 'p95', 'max', 'p95 < 300 ms'],
    rows.map(([label, r], k) => [label, fmt(r.p50), fmt(r.p95), fmt(r.max), k === 0 ? '' : r.p95 < 300 ? 'yes' : 'NO']),
  );
  printTable(
    ['network year 2025, by query', 'p50', 'p95 (of 10)', 'max', ''],
    parts.map(([label, r]) => [label, fmt(r.p50), fmt(r.p95), fmt(r.max), '']),
  );
  printTable(
    [`pack (${lines} eligible lines)`, 'time', 'size', 'server RSS before', 'peak RSS', '< 5 s'],
    packs.map(([label, r]) => [
      label,
      fmt(r.ms),
      `${(r.bytes / 1024).toFixed(0)} KiB`,
      `${(r.before / 1024).toFixed(0)} MiB`,
      `${(r.peak / 1024).toFixed(0)} MiB`,
      r.ms < 5000 ? 'yes' : 'NO',
    ]),
  );
  await database.close();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
} catch (err) {
  console.error(`FAIL: ${err.stack ?? err.message}`);
  console.error(server?.output().slice(-2000));
  await database?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
}
