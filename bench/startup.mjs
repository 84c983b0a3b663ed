// Start-up and idle memory of `essaim serve` on the embedded PostgreSQL.
// Run: npm run bench:startup   (builds first). Prints a table; the baseline is a bare Node
// process started and measured in the same run, so the figures read as ratios on any machine.
// Idle memory is taken twice: 2 s after the server answers, and settled, SETTLED_MS after it, once
// V8's memory reducer has given back the young generation that start-up grew (about 30 s after
// the last allocations; until then the server holds some 35 MB it no longer uses). Exits non-zero
// when the settled RSS is above IDLE_RSS_MB, the idle RSS when issue 17 was filed ("unchanged or
// better").
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDataDir, benchEnv, cli, freePort } from './support.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const SETTLED_MS = 45_000;
const IDLE_RSS_MB = 130;
const env = benchEnv();

/** Resident set size in KiB. */
const rssKiB = (pid) => Number(/^VmRSS:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

/** Proportional set size in KiB (shared pages split between processes), falling back to RSS. */
function memoryKiB(pid) {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  } catch {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  }
}

function postgresTreeKiB(dataDir) {
  const pid = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = execFileSync('pgrep', ['-P', String(pid)])
    .toString()
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(Number);
  return [pid, ...children].reduce((sum, p) => sum + memoryKiB(p), 0);
}

async function waitHealthy(url, deadline) {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('server did not become healthy in 60 s');
}

/** Spawns `essaim serve`, returns ms until /healthz answers 200 (measured from spawn). */
async function startOnce(dataDir) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'serve', '--port', String(port)], {
    env: { ...env, ESSAIM_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  try {
    await waitHealthy(`http://127.0.0.1:${port}`, Date.now() + 60_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${err.message}\n${out}`);
  }
  const ms = performance.now() - started;
  return { ms, child };
}

async function stop(child) {
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
}

async function bareNode() {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['-e', 'require("http").createServer((q,s)=>s.end("ok")).listen(0,"127.0.0.1",()=>console.log("up"))'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  await new Promise((r) => child.stdout.once('data', r));
  const ms = performance.now() - started;
  await new Promise((r) => setTimeout(r, 500));
  const kib = memoryKiB(child.pid);
  await stop(child);
  return { ms, kib };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const base = [];
for (let i = 0; i < runs; i++) base.push(await bareNode());
const baseMs = median(base.map((b) => b.ms));
const baseKiB = median(base.map((b) => b.kib));

const fresh = [];
const existing = [];
const nodeKiB = [];
const nodeRssKiB = [];
const settledKiB = [];
const settledRssKiB = [];
const pgKiB = [];
for (let i = 0; i < runs; i++) {
  const dataDir = benchDataDir(`startup-${i}`);
  const a = await startOnce(dataDir); // new data directory: initdb + migrations
  fresh.push(a.ms);
  await stop(a.child);
  const b = await startOnce(dataDir); // existing data directory
  existing.push(b.ms);
  const healthyAt = performance.now();
  await new Promise((r) => setTimeout(r, 2000)); // idle
  nodeKiB.push(memoryKiB(b.child.pid));
  nodeRssKiB.push(rssKiB(b.child.pid));
  pgKiB.push(postgresTreeKiB(dataDir));
  await new Promise((r) => setTimeout(r, SETTLED_MS - (performance.now() - healthyAt)));
  settledKiB.push(memoryKiB(b.child.pid));
  settledRssKiB.push(rssKiB(b.child.pid));
  await stop(b.child);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const mb = (kib) => `${((kib * 1024) / 1e6).toFixed(0)} MB`;
const rows = [
  ['baseline: bare Node HTTP server, spawn → listening', `${baseMs.toFixed(0)} ms`, '1.0×'],
  [
    'essaim serve, new data directory → /healthz 200',
    `${median(fresh).toFixed(0)} ms`,
    `${(median(fresh) / baseMs).toFixed(1)}×`,
  ],
  [
    'essaim serve, existing data directory → /healthz 200',
    `${median(existing).toFixed(0)} ms`,
    `${(median(existing) / baseMs).toFixed(1)}×`,
  ],
  ['baseline: bare Node HTTP server, idle memory (PSS)', `${(baseKiB / 1024).toFixed(1)} MiB`, '1.0×'],
  [
    'essaim Node process, idle 2 s after start (PSS)',
    `${(median(nodeKiB) / 1024).toFixed(1)} MiB`,
    `${(median(nodeKiB) / baseKiB).toFixed(1)}×`,
  ],
  ['essaim Node process, idle 2 s after start (RSS)', mb(median(nodeRssKiB)), ''],
  [
    `essaim Node process, settled ${SETTLED_MS / 1000} s after start (PSS)`,
    `${(median(settledKiB) / 1024).toFixed(1)} MiB`,
    `${(median(settledKiB) / baseKiB).toFixed(1)}×`,
  ],
  [`essaim Node process, settled ${SETTLED_MS / 1000} s after start (RSS)`, mb(median(settledRssKiB)), ''],
  [
    'embedded PostgreSQL (postmaster + children), idle (PSS)',
    `${(median(pgKiB) / 1024).toFixed(1)} MiB`,
    `${(median(pgKiB) / baseKiB).toFixed(1)}×`,
  ],
];
const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`startup and idle memory — median of ${runs} runs, ${os.cpus().length} cores, Node ${process.version}`);
console.log(`${'measure'.padEnd(w0)} | ${'value'.padStart(w1)} | vs baseline`);
console.log(`${'-'.repeat(w0)}-|-${'-'.repeat(w1)}-|------------`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)} | ${b.padStart(w1)} | ${c}`);
const settled = (median(settledRssKiB) * 1024) / 1e6;
const ok = settled <= IDLE_RSS_MB;
console.log(
  `\n${ok ? 'ok  ' : 'FAIL'} settled idle RSS ≤ ${IDLE_RSS_MB} MB (issue 17, when filed): ${settled.toFixed(0)} MB`,
);
process.exit(ok ? 0 : 1);
