// Calls and juries: 200 submissions, 15 jurors.
// Run: npm run bench:calls   (builds first). Spawns `essaim serve` on the embedded PostgreSQL in a fresh
// data directory, creates an open call over the API, writes SUBMISSIONS submissions through the app's own
// service (the public route is rate limited per address), closes the call with a new version, invites
// JURORS jurors over the API, then times: the assignment (POST …/assignments, conflict detection
// included), the reviews (each juror declares and scores their share through the service), the results
// (GET …/results, RUNS sequential requests after WARMUP), and the deliberation report in XLSX, CSV and
// PDF — each beside GET /healthz of the same server. Targets: assignment < 2 s, results p95 < 300 ms.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { benchDataDir, printTable, root, startBenchServer } from './support.mjs';

const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 200);
const JURORS = Number(process.env.BENCH_JURORS ?? 15);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARMUP = 5;
const ADMIN = { email: 'bench-admin@example.org', password: 'calls-bench-password-1' };

const load = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const { openDatabase } = await load('db/connection.js');
const { findUserByEmail } = await load('accounts/service.js');
const calls = await load('calls/service.js');
const { declareConflict } = await load('jury/service.js');
const { jurorQueue, saveReview } = await load('jury/reviews.js');
const { networks } = await load('networks/tables.js');
const { sql } = await import('drizzle-orm');

const tri = (s) => ({ fr: s, nl: s, en: s });
const five = [1, 2, 3, 4, 5].map((v) => ({ value: v, label: tri(String(v)) }));
const pct = (ms, q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))];

let server;
let database;
const dataDir = benchDataDir('calls-db');
try {
  server = await startBenchServer({
    label: 'calls',
    admin: ADMIN,
    sockets: 4,
    abortAfterMs: 900_000,
    env: { ESSAIM_DATA_DIR: dataDir },
  });
  const token = server.token;
  const now = Date.now();
  const call = (
    await server.must(
      'POST',
      '/api/v1/calls',
      {
        token,
        body: {
          kind: 'projects',
          slug: 'bench-call',
          title: tri('Bench call'),
          opensAt: new Date(now - 86_400_000).toISOString(),
          closesAt: new Date(now + 86_400_000).toISOString(),
          stages: [{ name: 'Selection', blind: true }],
          rules: {
            fields: [
              { key: 'summary', kind: 'long_text', label: tri('Summary'), required: true },
              { key: 'amount', kind: 'amount', label: tri('Amount'), required: true, requestedAmount: true },
            ],
            criteria: [
              { key: 'impact', label: tri('Impact'), weight: 3, scale: five },
              { key: 'viability', label: tri('Viability'), weight: 2, scale: five },
              { key: 'fit', label: tri('Fit'), weight: 1, scale: five, independent: true },
            ],
            budgetCents: 60_000_000,
            tiers: [
              { count: 4, amountCents: 10_000_000 },
              { count: 4, amountCents: 5_000_000 },
            ],
            tieBreak: 'criterion',
            tieBreakCriterion: 'impact',
          },
        },
      },
      201,
    )
  ).json;
  database = await openDatabase({ databaseUrl: undefined, dataDir }, 'tool', 4);
  const { db } = database;
  const [network] = await db.select().from(networks);
  let started = performance.now();
  for (let i = 0; i < SUBMISSIONS; i++)
    await calls.startSubmission(
      db,
      network,
      null,
      call.id,
      {
        name: `Applicant ${i}`,
        email: `applicant${i}@org${i % 40}.example.be`,
        organisation: `Organisation ${i % 40}`,
        locale: ['fr', 'nl', 'en'][i % 3],
        language: i % 10 === 0 ? 'nl' : 'fr',
        title: `Project ${i}`,
        answers: { summary: `Applicant ${i} of Organisation ${i % 40} opens a space.`, amount: 5_000_000 },
        submit: true,
      },
      { baseUrl: server.base, locale: 'fr' },
    );
  const writeSeconds = (performance.now() - started) / 1000;
  await server.must(
    'PATCH',
    `/api/v1/calls/${call.id}`,
    {
      token,
      body: { closesAt: new Date(Date.now() - 1000).toISOString(), newVersion: { reason: 'Closed for the bench' } },
    },
    200,
  );
  for (let j = 0; j < JURORS; j++)
    await server.must(
      'POST',
      `/api/v1/calls/${call.id}/jurors`,
      {
        token,
        body: {
          email: `juror${j}@jury${j}.example.net`,
          name: `Juror ${j}`,
          languages: j % 3 === 0 ? ['fr', 'nl'] : ['fr'],
          organisation: j < 3 ? `Organisation ${j}` : '',
        },
      },
      201,
    );

  const healthz = [];
  for (let i = 0; i < RUNS; i++) healthz.push((await server.must('GET', '/healthz', {}, 200)).ms);
  const assign = await server.must('POST', `/api/v1/calls/${call.id}/assignments`, { token, body: { seed: 11 } }, 200);
  const loads = Object.values(assign.json.loads);
  const rerun = await server.must('POST', `/api/v1/calls/${call.id}/assignments`, { token, body: {} }, 200);

  started = performance.now();
  let reviews = 0;
  for (let j = 0; j < JURORS; j++) {
    const user = await findUserByEmail(db, network.id, `juror${j}@jury${j}.example.net`);
    const queue = await jurorQueue(db, network, user, call.id);
    for (const item of queue.items) {
      await declareConflict(db, network, user, call.id, { submissionId: item.id, level: 'none' });
      const n = Number(item.title.split(' ')[1]) || 0;
      const s = (d) => Math.max(1, Math.min(5, ((n * 7 + j * 3 + d) % 5) + 1));
      await saveReview(db, network, user, item.id, {
        scores: { impact: s(0), viability: s(1), fit: s(2) },
        comment: '',
        applicantComment: '',
        abstain: false,
        submit: true,
      });
      reviews++;
    }
  }
  const reviewSeconds = (performance.now() - started) / 1000;
  await db.execute(sql`VACUUM ANALYZE`);

  const time = async (urlPath, runs = RUNS) => {
    for (let i = 0; i < WARMUP; i++) await server.must('GET', urlPath, { token }, 200);
    const ms = [];
    let last;
    for (let i = 0; i < runs; i++) {
      last = await server.must('GET', urlPath, { token }, 200);
      ms.push(last.ms);
    }
    ms.sort((a, b) => a - b);
    return { p50: pct(ms, 0.5), p95: pct(ms, 0.95), max: ms.at(-1), bytes: Buffer.byteLength(last.body) };
  };
  healthz.sort((a, b) => a - b);
  const results = await time(`/api/v1/calls/${call.id}/results`);
  const xlsx = await time(`/api/v1/calls/${call.id}/report?format=xlsx`, 10);
  const csv = await time(`/api/v1/calls/${call.id}/report?format=csv`, 10);
  const pdf = await time(`/api/v1/calls/${call.id}/report?format=pdf`, 10);
  const selected = (await server.must('GET', `/api/v1/calls/${call.id}/results`, { token }, 200)).json.items.filter(
    (x) => x.selected,
  ).length;

  console.log(
    `calls — ${SUBMISSIONS} submissions, ${JURORS} jurors, ${reviews} reviews, ${os.cpus().length} cores, Node ${process.version}`,
  );
  console.log(
    `(submissions written in ${writeSeconds.toFixed(1)} s, reviews in ${reviewSeconds.toFixed(1)} s; ${selected} selected; loads ${Math.min(...loads)}–${Math.max(...loads)}, short ${assign.json.short.length})`,
  );
  const fmt = (ms) => `${ms.toFixed(1)} ms`;
  printTable(
    ['request', 'p50', 'p95', 'max', 'size', 'target'],
    [
      ['GET /healthz (baseline)', fmt(pct(healthz, 0.5)), fmt(pct(healthz, 0.95)), fmt(healthz.at(-1)), '', ''],
      ['POST assignments (first run)', fmt(assign.ms), '', '', '', assign.ms < 2000 ? '< 2 s: yes' : '< 2 s: NO'],
      ['POST assignments (re-run)', fmt(rerun.ms), '', '', '', rerun.ms < 2000 ? '< 2 s: yes' : '< 2 s: NO'],
      [
        'GET results',
        fmt(results.p50),
        fmt(results.p95),
        fmt(results.max),
        `${results.bytes} B`,
        results.p95 < 300 ? 'p95 < 300 ms: yes' : 'p95 < 300 ms: NO',
      ],
      ['GET report.xlsx', fmt(xlsx.p50), fmt(xlsx.p95), fmt(xlsx.max), `${xlsx.bytes} B`, ''],
      ['GET report.csv', fmt(csv.p50), fmt(csv.p95), fmt(csv.max), `${csv.bytes} B`, ''],
      ['GET report.pdf', fmt(pdf.p50), fmt(pdf.p95), fmt(pdf.max), `${pdf.bytes} B`, ''],
    ],
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
