// Calendar feed: how long a chapter's iCalendar feed of 500 events takes to render.
// Run: npm run bench:calendar   (builds first). Spawns `essaim serve` on the embedded PostgreSQL
// in a fresh data directory, creates a venue, an active chapter and EVENTS one-off events through
// the API, then requests GET /chapters/{slug}/calendar.ics RUNS times, one at a time over a
// keep-alive connection, and the same number of GET /healthz of the same server as the baseline,
// so the figures read as ratios on any machine. Also times the 304 answer a polling calendar app
// gets when it sends back the ETag, and shows the very first request apart: rendered VEVENTs are
// remembered by their inputs, so later requests only render what changed. Exits non-zero when a request fails or the feed is incomplete.
import os from 'node:os';
import { printTable, startBenchServer } from './support.mjs';

const EVENTS = 500;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARMUP = 20;
const CREATE_CONCURRENCY = 8;
const ABORT_AFTER_MS = 300_000;
const ADMIN = { email: 'bench-admin@example.org', password: 'calendar-feed-bench-password' };

let server;
const must = (...args) => server.must(...args);

/** Sequential timings (one request in flight): what a single calendar client sees. */
async function time(urlPath, headers, expected) {
  for (let i = 0; i < WARMUP; i++) await must('GET', urlPath, { headers }, expected);
  const ms = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const res = await must('GET', urlPath, { headers }, expected);
    ms.push(res.ms);
    bytes = Buffer.byteLength(res.body);
  }
  ms.sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];
  return { p50: at(0.5), p95: at(0.95), bytes };
}

try {
  server = await startBenchServer({
    label: 'calendar',
    admin: ADMIN,
    sockets: CREATE_CONCURRENCY,
    abortAfterMs: ABORT_AFTER_MS,
  });
  const { token } = server;
  await must(
    'POST',
    '/api/v1/venues',
    { token, body: { name: 'Bench Hub', city: 'Namur', address: 'Rue du Bench 1' } },
    201,
  );
  await must('POST', '/api/v1/chapters', { token, body: { name: 'Bench', city: 'Namur', status: 'active' } }, 201);

  // One-off events on consecutive days at 17:30 UTC: the feed spans both sides of the clock changes.
  const createStarted = performance.now();
  const day0 = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1, 17, 30);
  let next = 0;
  await Promise.all(
    Array.from({ length: CREATE_CONCURRENCY }, async () => {
      while (next < EVENTS) {
        const i = next++;
        const startsAt = new Date(day0 + i * 86_400_000);
        const endsAt = new Date(startsAt.getTime() + 2.5 * 3_600_000);
        await must(
          'POST',
          '/api/v1/chapters/bench/events',
          {
            token,
            body: {
              title: `Bench meetup #${i + 1}`,
              description: `Talks and **drinks**, evening ${i + 1}.`,
              startsAt,
              endsAt,
              venue: 'bench-hub',
              capacity: 50,
            },
          },
          201,
        );
      }
    }),
  );
  const createSeconds = (performance.now() - createStarted) / 1000;

  const feedPath = '/chapters/bench/calendar.ics';
  const full = await must('GET', feedPath, {}, 200);
  const vevents = full.body.split('BEGIN:VEVENT').length - 1;
  if (vevents !== EVENTS) throw new Error(`the feed has ${vevents} events, expected ${EVENTS}`);
  if (!full.body.includes('BEGIN:VTIMEZONE') || !full.headers.etag)
    throw new Error('the feed has no VTIMEZONE or no ETag');

  const healthz = await time('/healthz', {}, 200);
  const feed = await time(feedPath, {}, 200);
  const revalidated = await time(feedPath, { 'if-none-match': full.headers.etag }, 304);

  const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
  const rows = [
    ['baseline: GET /healthz', healthz.p50, healthz.p95, kib(healthz.bytes), 1],
    [
      `first GET ${feedPath} (nothing rendered yet, 1 sample)`,
      full.ms,
      full.ms,
      kib(Buffer.byteLength(full.body)),
      full.ms / healthz.p50,
    ],
    [`GET ${feedPath} (${EVENTS} events) → 200`, feed.p50, feed.p95, kib(feed.bytes), feed.p50 / healthz.p50],
    [
      `same with If-None-Match → 304`,
      revalidated.p50,
      revalidated.p95,
      kib(revalidated.bytes),
      revalidated.p50 / healthz.p50,
    ],
  ];
  const head = ['request', 'p50', 'p95', 'body', 'p50 vs baseline'];
  const cells = rows.map((r) => [r[0], `${r[1].toFixed(2)} ms`, `${r[2].toFixed(2)} ms`, r[3], `${r[4].toFixed(1)}×`]);
  console.log(
    `calendar feed — ${RUNS} sequential requests each after ${WARMUP} warm-up, ${os.cpus().length} cores, Node ${process.version}`,
  );
  console.log(`(${EVENTS} events created through the API in ${createSeconds.toFixed(1)} s)`);
  printTable(head, cells);
  await server.stop();
} catch (err) {
  console.error(`FAIL: ${err.message}`);
  await server?.stop();
  process.exit(1);
}
