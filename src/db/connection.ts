import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Config } from '../config.js';
import { openEmbedded, type EmbeddedServer } from './embedded.js';
import * as schema from './schema.js';

export type Db = NodePgDatabase<typeof schema>;
/** A database handle or a transaction: queries take either. */
export type Tx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  db: Db;
  pool: pg.Pool;
  url: string;
  /** Where the data lives, for humans: "embedded PostgreSQL in ./data" or "postgres://host:port/db". */
  description: string;
  close(): Promise<void>;
}

export class DatabaseUnreachableError extends Error {}

/** Describes a connection string without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}

async function checkReachable(pool: pg.Pool, url: string): Promise<void> {
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const u = new URL(url);
    const where = `${u.hostname}:${u.port || '5432'}`;
    const reason = e.code ?? e.message;
    throw new DatabaseUnreachableError(`cannot reach PostgreSQL at ${where} (${reason}): check DATABASE_URL`);
  }
}

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  role: 'serve' | 'tool',
  poolSize = 10,
): Promise<Database> {
  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await openEmbedded(config.dataDir, role);
    url = embedded.url;
  }
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on('error', () => undefined);
  try {
    await checkReachable(pool, url);
  } catch (err) {
    await pool.end().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
  return {
    db: drizzle(pool, { schema }),
    pool,
    url,
    description: embedded ? `embedded PostgreSQL in ${config.dataDir}` : redactUrl(url),
    async close() {
      await pool.end().catch(() => undefined);
      await embedded?.stop();
    },
  };
}
