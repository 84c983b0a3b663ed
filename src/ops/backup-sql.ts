import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createHash } from 'node:crypto';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type pg from 'pg';
import { migrationsFolder } from '../db/migrate.js';
import { BackupFileError } from './archive.js';

/** SQL of backups and restores: catalogue reads and bulk loads, on one client. */

export interface TableInfo {
  name: string;
  quoted: string;
  /**
   * Each row as JSON text, stored columns only: generated columns (search documents) are the
   * server's own computation, made again on restore — and a newer PostgreSQL may make them
   * differently (`to_tsvector` on 15 and 18 disagree on some of our articles).
   */
  rowsAsJson: string;
  /** Columns a row is restored into (generated ones are computed again). */
  columns: string[];
  identityAlways: boolean;
  /** Tables this one references (restored first). */
  references: string[];
}

export async function listTables(client: pg.PoolClient): Promise<TableInfo[]> {
  const { rows } = await client.query<{
    name: string;
    columns: string[];
    identity_always: boolean;
    refs: string[] | null;
  }>(`
    SELECT c.relname AS name,
           array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE a.attgenerated = '') AS columns,
           bool_or(a.attidentity = 'a') AS identity_always,
           (SELECT array_agg(DISTINCT r.relname::text) FROM pg_constraint k JOIN pg_class r ON r.oid = k.confrelid
             WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.confrelid <> c.oid) AS refs
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE c.relkind IN ('r', 'p')
       -- Derived tables, kept by triggers: rebuilt as the rows they derive from are restored.
       AND c.relname NOT IN ('first_attendances')
     GROUP BY c.oid, c.relname
     ORDER BY c.relname`);
  const tables = rows.map((r) => {
    const quoted = `"public"."${r.name.replaceAll('"', '""')}"`;
    const cols = r.columns.map((c) => `t."${c.replaceAll('"', '""')}"`).join(', ');
    return {
      name: r.name,
      quoted,
      rowsAsJson: `SELECT row_to_json(x)::text AS j FROM (SELECT ${cols} FROM ${quoted} t) x`,
      columns: r.columns,
      identityAlways: r.identity_always,
      references: r.refs ?? [],
    };
  });
  // Referenced tables first, so foreign keys hold at every insert.
  const ordered: TableInfo[] = [];
  const byName = new Map(tables.map((t) => [t.name, t]));
  const visit = (t: TableInfo, seen: Set<string>) => {
    if (ordered.includes(t) || seen.has(t.name)) return;
    seen.add(t.name);
    for (const r of t.references) {
      const dep = byName.get(r);
      if (dep) visit(dep, seen);
    }
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

/**
 * Rebuilds the schema exactly as the backup's data was written: the migrations it lists, which
 * must be the first ones of this version's list (a backup from a newer Essaim is refused).
 * Applied on the caller's open transaction, recorded as drizzle records them (same table, hash
 * and timestamp), so that a restore that fails later leaves not even the schema behind.
 */
export async function applyMigrationsUpTo(client: pg.PoolClient, tags: string[]): Promise<void> {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const known = journal.entries.map((e) => e.tag);
  const unknown = tags.filter((t) => !known.includes(t));
  if (unknown.length)
    throw new BackupFileError(
      `this backup was made by a newer Essaim (migrations ${unknown.join(', ')} are unknown here): restore it with that version`,
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-migrations-'));
  try {
    fs.mkdirSync(path.join(dir, 'meta'));
    const entries = journal.entries.filter((e) => tags.includes(e.tag));
    fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
    for (const e of entries)
      fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    await client.query('CREATE SCHEMA IF NOT EXISTS drizzle');
    await client.query(
      'CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)',
    );
    for (const m of readMigrationFiles({ migrationsFolder: dir })) {
      for (const stmt of m.sql) if (stmt.trim()) await client.query(stmt);
      await client.query('INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)', [
        m.hash,
        m.folderMillis,
      ]);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const CHUNK = 1000;

/** Loads one table's rows (JSON lines) in chunks; PostgreSQL turns each JSON row back into its types. */
export async function loadTable(
  client: pg.PoolClient,
  table: TableInfo,
  file: string,
  _all: TableInfo[],
): Promise<number> {
  if (!fs.existsSync(file)) return 0;
  const cols = table.columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ');
  const insert = `INSERT INTO ${table.quoted} (${cols}) ${table.identityAlways ? 'OVERRIDING SYSTEM VALUE ' : ''}SELECT ${cols} FROM json_populate_recordset(null::${table.quoted}, $1::json)`;
  let chunk: string[] = [];
  let rows = 0;
  const flush = async () => {
    if (!chunk.length) return;
    await client.query(insert, [`[${chunk.join(',')}]`]);
    rows += chunk.length;
    chunk = [];
  };
  for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
    if (!line) continue;
    chunk.push(line);
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  return rows;
}

/**
 * The session settings under which rows are written as JSON, at backup and at the restore's
 * check: the text of a row (timestamps, intervals, floats) must not depend on the server's defaults.
 */
export const JSON_SETTINGS =
  "SET LOCAL TimeZone = 'UTC'; SET LOCAL IntervalStyle = 'postgres'; SET LOCAL extra_float_digits = 1";

/**
 * A table's fingerprint: MD5 of its rows' MD5s (of their JSON, `rowsAsJson`), sorted, so the order rows sit
 * on disk does not matter. The backup computes the same from the lines it writes
 * (`checksumOfLines`); the restore recomputes it here, in the server, after loading.
 */
export async function tableChecksum(client: pg.PoolClient, table: TableInfo): Promise<{ rows: number; md5: string }> {
  const { rows } = await client.query<{ n: number; md5: string }>(
    `SELECT count(*)::int AS n, md5(coalesce(string_agg(h, '' ORDER BY h COLLATE "C"), '')) AS md5
       FROM (SELECT md5(j) AS h FROM (${table.rowsAsJson}) r) x`,
  );
  return { rows: rows[0]!.n, md5: rows[0]!.md5 };
}

/** Collects the lines of one table as the backup writes them; `md5()` then matches `tableChecksum`. */
export function checksumOfLines(): { add(line: string): void; md5(): string } {
  const hashes: string[] = [];
  return {
    add: (line) => hashes.push(createHash('md5').update(line).digest('hex')),
    md5: () => createHash('md5').update(hashes.sort().join('')).digest('hex'),
  };
}

interface SequenceRow {
  seq: string;
  tbl: string | null;
  col: string | null;
  last_value: string | null;
}

async function sequences(client: pg.PoolClient): Promise<SequenceRow[]> {
  const { rows } = await client.query<SequenceRow>(`
    SELECT s.oid::regclass::text AS seq, t.oid::regclass::text AS tbl, a.attname::text AS col, ps.last_value::text AS last_value
      FROM pg_class s
      JOIN pg_namespace sn ON sn.oid = s.relnamespace AND sn.nspname = 'public'
      JOIN pg_sequences ps ON ps.schemaname = sn.nspname AND ps.sequencename = s.relname
      LEFT JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
      LEFT JOIN pg_class t ON t.oid = d.refobjid
      LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
     WHERE s.relkind = 'S'`);
  return rows;
}

/** Each sequence's last value (null: never used), for the manifest. */
export async function readSequences(client: pg.PoolClient): Promise<Record<string, string | null>> {
  return Object.fromEntries((await sequences(client)).map((r) => [r.seq, r.last_value]));
}

/**
 * Sequences continue where the backed-up database left them — not from 1, and not from the
 * highest value still in a table (rows deleted before the backup keep their numbers used).
 */
export async function resetSequences(client: pg.PoolClient, saved: Record<string, string | null> = {}): Promise<void> {
  for (const r of await sequences(client)) {
    const inTable = r.tbl
      ? (
          await client.query<{ m: string | null }>(
            `SELECT max("${r.col!.replaceAll('"', '""')}")::text AS m FROM ${r.tbl}`,
          )
        ).rows[0]!.m
      : null;
    const savedValue = saved[r.seq] ?? null;
    if (savedValue === null && inTable === null) continue;
    // greatest() skips nulls: the saved position, or the table's highest value if higher.
    await client.query('SELECT setval($1::regclass, greatest($2::bigint, $3::bigint), true)', [
      r.seq,
      savedValue,
      inTable,
    ]);
  }
}
