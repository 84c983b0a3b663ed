import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';
import { migrationsFolder } from '../db/migrate.js';
import { BackupFileError } from './archive.js';

/** SQL of backups and restores: catalogue reads and bulk loads, on one client. */

export interface TableInfo {
  name: string;
  quoted: string;
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
     GROUP BY c.oid, c.relname
     ORDER BY c.relname`);
  const tables = rows.map((r) => ({
    name: r.name,
    quoted: `"public"."${r.name.replaceAll('"', '""')}"`,
    columns: r.columns,
    identityAlways: r.identity_always,
    references: r.refs ?? [],
  }));
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
    await migrate(drizzle(client), { migrationsFolder: dir });
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

/** Sequences continue after the restored rows, not from 1. */
export async function resetSequences(client: pg.PoolClient): Promise<void> {
  const { rows } = await client.query<{ seq: string; tbl: string; col: string }>(`
    SELECT s.oid::regclass::text AS seq, t.oid::regclass::text AS tbl, a.attname::text AS col
      FROM pg_class s
      JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
      JOIN pg_class t ON t.oid = d.refobjid
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
     WHERE s.relkind = 'S'`);
  for (const r of rows)
    await client.query(
      `SELECT setval('${r.seq.replaceAll("'", "''")}', coalesce(max("${r.col.replaceAll('"', '""')}"), 1), max("${r.col.replaceAll('"', '""')}") IS NOT NULL) FROM ${r.tbl}`,
    );
}
