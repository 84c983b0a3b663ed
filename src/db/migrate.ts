import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

/** migrations/ sits at the package root, two levels above both src/db and dist/db. */
export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

// Any constant works; it only has to be the same for every Essaim process on this database.
const MIGRATION_LOCK = 7_311_942;

/**
 * Applies pending migrations. An advisory lock makes concurrent starts (several `essaim serve`
 * behind a load balancer, or `serve` and `migrate` at once) apply each migration exactly once.
 */
export async function runMigrations(pool: pg.Pool, where = 'this database'): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await refuseNewerDatabase(client, where);
      await migrate(drizzle(client), { migrationsFolder });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

interface JournalEntry {
  when: number;
  tag: string;
}

function journal(): JournalEntry[] {
  const file = path.join(migrationsFolder, 'meta', '_journal.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: JournalEntry[] }).entries;
}

export interface MigrationStatus {
  /** Migrations of this code not yet applied, in order. */
  pending: string[];
  /** Applied migrations this code does not know (the database is newer than the code). */
  unknown: number;
  applied: number;
  /** This code's migrations that are applied, in order. */
  appliedTags: string[];
}

/**
 * Compares the migrations this code ships with those recorded in the database (drizzle keeps
 * each one's journal timestamp in `created_at`). Cheap enough for every readiness probe.
 */
export async function migrationStatus(pool: Pick<pg.Pool, 'query'>): Promise<MigrationStatus> {
  const entries = journal();
  const exists = await pool.query<{ t: string | null }>(`SELECT to_regclass('drizzle.__drizzle_migrations') AS t`);
  const rows = exists.rows[0]?.t
    ? (await pool.query<{ at: string }>('SELECT created_at::text AS at FROM drizzle.__drizzle_migrations')).rows
    : [];
  const applied = new Set(rows.map((r) => Number(r.at)));
  const known = new Set(entries.map((e) => e.when));
  return {
    pending: entries.filter((e) => !applied.has(e.when)).map((e) => e.tag),
    unknown: [...applied].filter((at) => !known.has(at)).length,
    applied: applied.size,
    appliedTags: entries.filter((e) => applied.has(e.when)).map((e) => e.tag),
  };
}

export class NewerDatabaseError extends Error {}

/** Refuses a database migrated by a newer Essaim: running old code on it could corrupt it. */
export async function refuseNewerDatabase(pool: Pick<pg.Pool, 'query'>, where: string): Promise<void> {
  const { unknown } = await migrationStatus(pool);
  if (unknown > 0)
    throw new NewerDatabaseError(
      `${where} was migrated by a newer version of Essaim (${unknown} migration${unknown > 1 ? 's' : ''} this version does not know): run that version or a newer one, or restore a backup made by this version`,
    );
}
