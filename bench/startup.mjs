// Start-up and idle memory of `essaim serve` on the embedded PostgreSQL.
// Run: npm run bench:startup   (builds first). Prints a table; the baseline is a bare Node
// process started and measured in the same run, so the figures read as ratios on any machine.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDataDir, benchEnv, cli, freePort } from './support.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const env = benchEnv();

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
const pgKiB = [];
for (let i = 0; i < runs; i++) {
  const dataDir = benchDataDir(`startup-${i}`);
  const a = await startOnce(dataDir); // new data directory: initdb + migrations
  fresh.push(a.ms);
  await stop(a.child);
  const b = await startOnce(dataDir); // existing data directory
  existing.push(b.ms);
  await new Promise((r) => setTimeout(r, 2000)); // idle
  nodeKiB.push(memoryKiB(b.child.pid));
  pgKiB.push(postgresTreeKiB(dataDir));
  await stop(b.child);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

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
    'essaim Node process, idle memory (PSS)',
    `${(median(nodeKiB) / 1024).toFixed(1)} MiB`,
    `${(median(nodeKiB) / baseKiB).toFixed(1)}×`,
  ],
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
