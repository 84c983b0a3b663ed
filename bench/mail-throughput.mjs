// Mails per second the outbox worker sustains against a local SMTP server.
// Run: npm run bench:mail (builds first). The baseline, in the same run, is nodemailer sending
// the same number of messages straight to the same SMTP server over one pooled connection: the
// ratio is the cost of the outbox (render, row lock, status write) on top of SMTP itself.
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { printTable, startBenchServer } from './support.mjs';

const COUNT = Number(process.env.BENCH_MAILS ?? 1000);
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
const transport = nodemailer.createTransport({
  pool: true,
  maxConnections: 1,
  host: '127.0.0.1',
  port: smtpPort,
  secure: false,
});
let t0 = performance.now();
for (let i = 0; i < COUNT; i++)
  await transport.sendMail({
    from: 'bench@example.org',
    to: `p${i}@example.org`,
    subject: 'Hello',
    text: 'Hello there.\n'.repeat(20),
    html: '<p>Hello there.</p>'.repeat(20),
  });
const baselineMs = performance.now() - t0;
transport.close();
await until(() => received >= COUNT);
received = 0;

// The worker of a real server: registrations queue confirmations, the worker sends them.
const server = await startBenchServer({
  label: 'mail',
  admin: { email: 'admin@example.org', password: 'bench-admin-password' },
  sockets: 50,
  abortAfterMs: 300_000,
  env: { SMTP_URL: `smtp://127.0.0.1:${smtpPort}` },
});
const post = async (p, body, token) => (await server.must('POST', p, { body, token }, 201)).json;
try {
  const { token } = server;
  await post('/api/v1/chapters', { name: 'Bench', city: 'Charleroi', status: 'active' }, token);
  const start = new Date(Date.now() + 30 * 86_400_000);
  const event = await post(
    '/api/v1/chapters/bench/events',
    {
      title: 'Bench',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      capacity: COUNT,
      onlineUrl: 'https://meet.example.org/b',
    },
    token,
  );
  // Queue all messages first (registrations in parallel), then time the worker draining them.
  t0 = performance.now();
  const queued = [];
  for (let i = 0; i < COUNT; i++)
    queued.push(
      post(`/api/v1/events/${event.id}/registrations`, { name: `Person ${i}`, email: `person${i}@example.org` }),
    );
  await Promise.all(queued);
  await until(() => received >= COUNT);
  const workerMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 1500));
  const rows = [
    [
      'baseline: nodemailer straight to SMTP',
      `${COUNT}`,
      `${(baselineMs / 1000).toFixed(2)} s`,
      `${Math.round(COUNT / (baselineMs / 1000))}/s`,
      '1.0×',
    ],
    [
      'outbox worker (register → queued → sent)',
      `${received}`,
      `${(workerMs / 1000).toFixed(2)} s`,
      `${Math.round(COUNT / (workerMs / 1000))}/s`,
      `${(baselineMs / workerMs).toFixed(2)}×`,
    ],
  ];
  console.log(`mail throughput — ${COUNT} messages to a local SMTP server; 2 cores, Node ${process.version}`);
  printTable(['run', 'mails', 'wall', 'rate', 'throughput vs baseline'], rows);
  console.log(
    received === COUNT
      ? `ok   each message arrived once (${received})`
      : `FAIL ${received} messages arrived for ${COUNT}`,
  );
  process.exitCode = received === COUNT ? 0 : 1;
} finally {
  await server.stop();
  smtp.close();
  clearTimeout(deadline);
}
