// Public reads: anonymous visitors on the pages and feeds a shared link brings (home, venues
// list, an event page, the network calendar and feed, the chapters API), on the demo network.
// Run: npm run build && node bench/public-reads.mjs [--workers N]. Sends REQUESTS GETs with
// CONCURRENCY in flight over keep-alive HTTP on 127.0.0.1, round-robin over the paths, after a
// warm-up; prints req/s and latency, and exits non-zero on any 5xx or unanswered request.
// The baseline is GET /healthz on the same server in the same run.
import os from 'node:os';
import { printTable, startBenchServer, workersArg } from './support.mjs';

const REQUESTS = 3_000;
const WARMUP = 300;
const CONCURRENCY = 50;
const WORKERS = workersArg();
const ADMIN = { email: 'bench-admin@example.org', password: 'public-reads-bench-password' };

async function run(server, label, paths, total = REQUESTS) {
  const latencies = [];
  const statuses = new Map();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        const i = next++;
        const res = await server.request('GET', paths[i % paths.length], {
          keepBody: false,
          headers: { accept: 'text/html' },
        });
        latencies.push(res.ms);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const wallMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
  return { label, wallMs, rps: total / (wallMs / 1000), p50: pct(50), p99: pct(99), statuses };
}

let exitCode = 1;
let server;
try {
  server = await startBenchServer({
    label: 'reads',
    admin: ADMIN,
    sockets: CONCURRENCY,
    abortAfterMs: 400_000,
    args: ['--demo', ...(WORKERS > 1 ? ['--workers', String(WORKERS)] : [])],
  });
  const events = await server.must('GET', '/api/v1/events', {}, 200);
  const first = events.json.items?.[0];
  const paths = [
    '/',
    '/venues',
    '/calendar.ics',
    '/events.rss',
    '/api/v1/chapters',
    ...(first ? [`/events/${first.id}`] : []),
  ];
  for (const p of paths) await server.must('GET', p, { headers: { accept: 'text/html' } }, 200);
  await run(server, 'warm-up', paths, WARMUP);
  const base = await run(server, 'baseline: GET /healthz', ['/healthz']);
  const reads = await run(server, `public reads (${paths.length} paths)`, paths);
  console.log(
    `public reads — ${REQUESTS} GETs, ${CONCURRENCY} in flight, keep-alive HTTP on 127.0.0.1, demo network; ${WORKERS} server process${WORKERS > 1 ? 'es' : ''}; ${os.cpus().length} cores, Node ${process.version}`,
  );
  console.log(`paths: ${paths.join(' ')}`);
  printTable(
    ['run', 'wall', 'req/s', 'p50', 'p99', 'statuses'],
    [base, reads].map((r) => [
      r.label,
      `${(r.wallMs / 1000).toFixed(2)} s`,
      r.rps.toFixed(0),
      `${r.p50.toFixed(1)} ms`,
      `${r.p99.toFixed(1)} ms`,
      [...r.statuses].map(([s, n]) => `${s || 'none'}×${n}`).join(' '),
    ]),
  );
  const bad = [...reads.statuses].filter(([s]) => s === 0 || s >= 500).reduce((n, [, c]) => n + c, 0);
  console.log(bad ? `FAIL: ${bad} answers were 5xx or missing` : 'PASS: no 5xx, all answered');
  exitCode = bad ? 1 : 0;
} catch (err) {
  console.error(`FAIL: ${err.stack ?? err}`);
  if (server) console.error(`--- server output ---\n${server.output().slice(-4000)}`);
} finally {
  await server?.stop();
  process.exit(exitCode);
}
