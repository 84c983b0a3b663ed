// Calendar feed: how long a chapter's iCalendar feed of 500 events takes to render.
// Run: npm run bench:calendar   (builds first). Spawns `essaim serve` on the embedded PostgreSQL
// in a fresh data directory, creates a venue, an active chapter and EVENTS one-off events through
// the API, then requests GET /chapters/{slug}/calendar.ics RUNS times, one at a time over a
// keep-alive connection, and the same number of GET /healthz of the same server as the baseline,
// so the figures read as ratios on any machine. Also times the 304 answer a polling calendar app
// gets when it sends back the ETag, and shows the very first request apart: rendered VEVENTs are
// remembered by their inputs, so later requests only render what changed. Exits non-zero when a request fails or the feed is incomplete.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const EVENTS = 500;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARMUP = 20;
const CREATE_CONCURRENCY = 8;
const ABORT_AFTER_MS = 300_000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const ADMIN = { email: 'bench-admin@example.org', password: 'calendar-feed-bench-password' };

const env = { ...process.env, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ESSAIM_ADMIN_EMAIL: ADMIN.email, ESSAIM_ADMIN_PASSWORD: ADMIN.password };
for (const k of ['DATABASE_URL', 'PORT', 'BASE_URL', 'HOST']) delete env[k];

const dataDir = path.join(os.tmpdir(), `essaim-calendar-${process.pid}-${Date.now()}`);
const agent = new http.Agent({ keepAlive: true, maxSockets: CREATE_CONCURRENCY });
let child;
let serverOut = '';
let cleaning;

/** Stops the server (SIGTERM, SIGKILL after 30 s) and removes the data directory; runs once. */
function cleanup() {
  cleaning ??= (async () => {
    agent.destroy();
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  })();
  return cleaning;
}

const abortTimer = setTimeout(async () => {
  console.error(`FAIL: aborted after ${ABORT_AFTER_MS / 1000} s`);
  await cleanup();
  process.exit(2);
}, ABORT_AFTER_MS);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, async () => { await cleanup(); process.exit(130); });

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

let port;
/** One request over the keep-alive agent: { status, ms, body, headers } ({ status: 0, error } when unanswered). */
function request(method, urlPath, { body, token, headers: extra = {} } = {}) {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = { ...extra };
    if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    if (token) headers.authorization = `Bearer ${token}`;
    const started = performance.now();
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', (error) => resolve({ status: 0, ms: performance.now() - started, error }));
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

async function must(method, urlPath, opts, expected) {
  const res = await request(method, urlPath, opts);
  if (res.status !== expected) throw new Error(`${method} ${urlPath} answered ${res.status} (expected ${expected}): ${res.error ?? res.body.slice(0, 300)}`);
  return res;
}

async function waitHealthy(deadline) {
  while (Date.now() < deadline) {
    if ((await request('GET', '/healthz')).status === 200) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server did not become healthy in time\n${serverOut}`);
}

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
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  port = await freePort();
  child = spawn(process.execPath, [cli, 'serve', '--port', String(port)], { env: { ...env, ESSAIM_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (c) => (serverOut += c));
  child.stderr.on('data', (c) => (serverOut += c));
  await waitHealthy(Date.now() + 120_000);

  const token = JSON.parse((await must('POST', '/api/v1/auth/tokens', { body: { ...ADMIN, name: 'bench' } }, 201)).body).token;
  await must('POST', '/api/v1/venues', { token, body: { name: 'Bench Hub', city: 'Namur', address: 'Rue du Bench 1' } }, 201);
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
        await must('POST', '/api/v1/chapters/bench/events', { token, body: { title: `Bench meetup #${i + 1}`, description: `Talks and **drinks**, evening ${i + 1}.`, startsAt, endsAt, venue: 'bench-hub', capacity: 50 } }, 201);
      }
    }),
  );
  const createSeconds = (performance.now() - createStarted) / 1000;

  const feedPath = '/chapters/bench/calendar.ics';
  const full = await must('GET', feedPath, {}, 200);
  const vevents = full.body.split('BEGIN:VEVENT').length - 1;
  if (vevents !== EVENTS) throw new Error(`the feed has ${vevents} events, expected ${EVENTS}`);
  if (!full.body.includes('BEGIN:VTIMEZONE') || !full.headers.etag) throw new Error('the feed has no VTIMEZONE or no ETag');

  const healthz = await time('/healthz', {}, 200);
  const feed = await time(feedPath, {}, 200);
  const revalidated = await time(feedPath, { 'if-none-match': full.headers.etag }, 304);

  const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
  const rows = [
    ['baseline: GET /healthz', healthz.p50, healthz.p95, kib(healthz.bytes), 1],
    [`first GET ${feedPath} (nothing rendered yet, 1 sample)`, full.ms, full.ms, kib(Buffer.byteLength(full.body)), full.ms / healthz.p50],
    [`GET ${feedPath} (${EVENTS} events) → 200`, feed.p50, feed.p95, kib(feed.bytes), feed.p50 / healthz.p50],
    [`same with If-None-Match → 304`, revalidated.p50, revalidated.p95, kib(revalidated.bytes), revalidated.p50 / healthz.p50],
  ];
  const head = ['request', 'p50', 'p95', 'body', 'p50 vs baseline'];
  const cells = rows.map((r) => [r[0], `${r[1].toFixed(2)} ms`, `${r[2].toFixed(2)} ms`, r[3], `${r[4].toFixed(1)}×`]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(' | ');
  console.log(`calendar feed — ${RUNS} sequential requests each after ${WARMUP} warm-up, ${os.cpus().length} cores, Node ${process.version}`);
  console.log(`(${EVENTS} events created through the API in ${createSeconds.toFixed(1)} s)`);
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const c of cells) console.log(line(c));
  clearTimeout(abortTimer);
  await cleanup();
} catch (err) {
  console.error(`FAIL: ${err.message}`);
  clearTimeout(abortTimer);
  await cleanup();
  process.exit(1);
}
