// What every benchmark needs: the built `essaim serve` on the embedded PostgreSQL in a fresh data
// directory, on a free loopback port, with an admin; keep-alive requests to it; a clean stop.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cli = path.join(root, 'dist', 'cli.js');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh data directory the `postgres` system user can traverse (the umask may narrow mkdir's mode). */
export function benchDataDir(label) {
  const dir = path.join(os.tmpdir(), `essaim-${label}-${process.pid}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** `--workers N` from the bench's own command line (default 1): the server runs N processes. */
export function workersArg(argv = process.argv.slice(2)) {
  const i = argv.indexOf('--workers');
  const n = i >= 0 ? Number(argv[i + 1]) : 1;
  if (!Number.isInteger(n) || n < 1) throw new Error('--workers must be a whole number ≥ 1');
  return n;
}

/** The environment of a bench server: no rate limit, quiet logs, nothing inherited that would redirect it. */
export function benchEnv(extra = {}) {
  const env = { ...process.env, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ...extra };
  for (const k of ['DATABASE_URL', 'PORT', 'BASE_URL', 'HOST']) if (!(k in extra)) delete env[k];
  return env;
}

/**
 * Starts a server and returns helpers around it. The whole bench is aborted (exit 2) after
 * `abortAfterMs`, and stopped cleanly on Ctrl-C, so it never outlives its time.
 */
export async function startBenchServer({
  label,
  admin,
  sockets = 100,
  abortAfterMs = 120_000,
  env: extra = {},
  nodeArgs = [],
  args = [],
}) {
  const dataDir = benchDataDir(label);
  const port = await freePort();
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const env = benchEnv({
    ESSAIM_ADMIN_EMAIL: admin.email,
    ESSAIM_ADMIN_PASSWORD: admin.password,
    ESSAIM_DATA_DIR: dataDir,
    ...extra,
  });
  const child = spawn(process.execPath, [...nodeArgs, cli, 'serve', '--port', String(port), ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));

  let stopping;
  /** SIGTERM (SIGKILL after 30 s), then the data directory goes; runs once. */
  const stop = () => {
    stopping ??= (async () => {
      clearTimeout(abortTimer);
      agent.destroy();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(killer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    })();
    return stopping;
  };
  const abortTimer = setTimeout(async () => {
    console.error(`FAIL: aborted after ${abortAfterMs / 1000} s`);
    await stop();
    process.exit(2);
  }, abortAfterMs);
  for (const sig of ['SIGINT', 'SIGTERM'])
    process.on(sig, async () => {
      await stop();
      process.exit(130);
    });

  const request = requester(port, agent);

  /** A set-up call that must answer `expected`; returns the whole response with `json` parsed. */
  const must = async (method, urlPath, opts, expected) => {
    const res = await request(method, urlPath, opts);
    if (res.status !== expected)
      throw new Error(
        `${method} ${urlPath} answered ${res.status || res.error?.message}, expected ${expected}:\n${res.body?.slice(0, 300) ?? ''}`,
      );
    return {
      ...res,
      json: res.body && res.headers['content-type']?.includes('json') ? JSON.parse(res.body) : undefined,
    };
  };

  const deadline = Date.now() + 120_000;
  for (;;) {
    if ((await request('GET', '/healthz')).status === 200) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`server did not become healthy:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const token = (await must('POST', '/api/v1/auth/tokens', { body: { ...admin, name: `${label} bench` } }, 201)).json
    .token;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    token,
    request,
    must,
    stop,
    output: () => output,
    pid: child.pid,
    dataDir,
  };
}

/** One request over a keep-alive agent to 127.0.0.1:port: { status, ms, body, headers } ({ status: 0, error } when unanswered). */
export function requester(port, agent) {
  return (method, urlPath, { body, token, headers: extraHeaders = {}, keepBody = true } = {}) =>
    new Promise((resolve) => {
      // A Buffer goes as it is (a picture: its content-type in `headers`); anything else as JSON.
      const raw = Buffer.isBuffer(body);
      const payload = body === undefined || raw ? body : JSON.stringify(body);
      const headers = { accept: 'application/json', ...extraHeaders };
      if (payload !== undefined) {
        if (!raw) headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(payload);
      }
      if (token) headers.authorization = `Bearer ${token}`;
      const started = performance.now();
      const req = http.request({ agent, host: '127.0.0.1', port, method, path: urlPath, headers }, (res) => {
        const chunks = [];
        res.on('data', (c) => keepBody && chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            ms: performance.now() - started,
            body: keepBody ? Buffer.concat(chunks).toString('utf8') : '',
            headers: res.headers,
          }),
        );
        res.on('error', (error) => resolve({ status: 0, ms: performance.now() - started, error }));
      });
      req.on('error', (error) => resolve({ status: 0, ms: performance.now() - started, error }));
      req.end(payload);
    });
}

/** A table of strings, first column left-aligned, the others right-aligned. */
export function printTable(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}

/** The processes a PID started, and theirs (from /proc), with it first. */
export function processTree(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

/** The embedded PostgreSQL's postmaster of a bench data directory. */
export function postmasterPid(dataDir) {
  return Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system) the processes have used so far; a process gone meanwhile counts 0. */
export function cpuSeconds(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {}
  }
  return ticks / TICKS_PER_SECOND;
}
