// Mails per second the outbox worker sustains against a local SMTP server.
// Run: npm run bench:mail (builds first). The baseline, in the same run, is nodemailer sending
// the same number of messages straight to the same SMTP server over one pooled connection: the
// ratio is the cost of the outbox (render, row lock, status write) on top of SMTP itself.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';

const COUNT = Number(process.env.BENCH_MAILS ?? 1000);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const deadline = setTimeout(() => {
  console.error('bench: gave up after 300 s');
  process.exit(2);
}, 300_000);

let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _s, cb) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      received++;
      cb();
    });
  },
});
await new Promise((r) => smtp.listen(0, '127.0.0.1', r));
const smtpPort = smtp.server.address().port;

async function until(predicate, ms = 240_000) {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Baseline: the SMTP round trips alone.
const transport = nodemailer.createTransport({ pool: true, maxConnections: 1, host: '127.0.0.1', port: smtpPort, secure: false });
let t0 = performance.now();
for (let i = 0; i < COUNT; i++) await transport.sendMail({ from: 'bench@example.org', to: `p${i}@example.org`, subject: 'Hello', text: 'Hello there.\n'.repeat(20), html: '<p>Hello there.</p>'.repeat(20) });
const baselineMs = performance.now() - t0;
transport.close();
await until(() => received >= COUNT);
received = 0;

// The worker of a real server: registrations queue confirmations, the worker sends them.
const freePort = () => new Promise((r) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });
const port = await freePort();
const dataDir = path.join(os.tmpdir(), `essaim-bench-mail-${process.pid}`);
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
const env = { ...process.env, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ESSAIM_DATA_DIR: dataDir, ESSAIM_ADMIN_EMAIL: 'admin@example.org', ESSAIM_ADMIN_PASSWORD: 'bench-admin-password', SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, BASE_URL: `http://127.0.0.1:${port}` };
delete env.DATABASE_URL;
const server = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), 'serve', '--port', String(port)], { env, stdio: ['ignore', 'inherit', 'inherit'] });
const base = `http://127.0.0.1:${port}`;
const stop = async () => {
  const exited = new Promise((r) => server.on('exit', r));
  server.kill('SIGTERM');
  await exited;
  fs.rmSync(dataDir, { recursive: true, force: true });
  smtp.close();
};
try {
  await until(() => false, 0).catch(() => undefined);
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    if (i > 600) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const post = async (p, body, token) => {
    const res = await fetch(`${base}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const { token } = await post('/api/v1/auth/tokens', { email: 'admin@example.org', password: 'bench-admin-password', name: 'bench' });
  await post('/api/v1/chapters', { name: 'Bench', city: 'Charleroi', status: 'active' }, token);
  const start = new Date(Date.now() + 30 * 86_400_000);
  const event = await post('/api/v1/chapters/bench/events', { title: 'Bench', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(), capacity: COUNT, onlineUrl: 'https://meet.example.org/b' }, token);
  // Queue all messages first (registrations in parallel), then time the worker draining them.
  t0 = performance.now();
  const queued = [];
  for (let i = 0; i < COUNT; i++) queued.push(post(`/api/v1/events/${event.id}/registrations`, { name: `Person ${i}`, email: `person${i}@example.org` }));
  await Promise.all(queued);
  await until(() => received >= COUNT);
  const workerMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 1500));
  const rows = [
    ['baseline: nodemailer straight to SMTP', `${COUNT}`, `${(baselineMs / 1000).toFixed(2)} s`, `${Math.round(COUNT / (baselineMs / 1000))}/s`, '1.0×'],
    ['outbox worker (register → queued → sent)', `${received}`, `${(workerMs / 1000).toFixed(2)} s`, `${Math.round(COUNT / (workerMs / 1000))}/s`, `${(baselineMs / workerMs).toFixed(2)}×`],
  ];
  console.log(`mail throughput — ${COUNT} messages to a local SMTP server; 2 cores, Node ${process.version}`);
  console.log('run                                      | mails | wall    | rate   | throughput vs baseline');
  console.log('-----------------------------------------|-------|---------|--------|-----------------------');
  for (const r of rows) console.log(`${r[0].padEnd(41)}| ${r[1].padStart(5)} | ${r[2].padStart(7)} | ${r[3].padStart(6)} | ${r[4]}`);
  console.log(received === COUNT ? `ok   each message arrived once (${received})` : `FAIL ${received} messages arrived for ${COUNT}`);
  process.exitCode = received === COUNT ? 0 : 1;
} finally {
  await stop();
  clearTimeout(deadline);
}
