import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/connection.js';
import { blobStoreFor } from '../storage/service.js';
import { migrationStatus, runMigrations } from '../db/migrate.js';
import { BackupFileError, extractArchive, sha256File, writeArchive, type ArchivedFile } from './archive.js';
import {
  applyMigrationsUpTo,
  checksumOfLines,
  JSON_SETTINGS,
  listTables,
  loadTable,
  readSequences,
  resetSequences,
  tableChecksum,
  type TableInfo,
} from './backup-sql.js';

export { BackupFileError } from './archive.js';

/**
 * Backups are one zip: `manifest.json` (format, server version, the migrations the data was
 * written under, and each file's size and SHA-256), `database/<table>.jsonl` (one JSON row per
 * line, all tables read in one REPEATABLE READ snapshot, so the copy is consistent while the
 * server keeps writing), and `uploads/…` from the data directory.
 *
 * Why rows and not pg_dump: the embedded PostgreSQL package ships initdb, pg_ctl and postgres
 * but no pg_dump, and an older pg_dump (Debian's 15) refuses a newer server (18). Rows restore
 * into any PostgreSQL ≥ 15, which is also what moves a network to another major version.
 *
 * Exactness is checked, not assumed: the manifest holds each table's row count and checksum
 * (`tableChecksum`) and each sequence's position; a restore recomputes every checksum in the
 * server after loading and commits only if all match.
 */
export interface Manifest {
  format: 'essaim-backup';
  version: 1;
  createdAt: string;
  database: {
    format: 'rows-jsonl';
    server: string;
    migrations: string[];
    tables: Record<string, number>;
    /** Per table, MD5 of its rows' sorted MD5s (absent from backups made before it existed). */
    checksums?: Record<string, string>;
    /** Each sequence's last value, null when never used. */
    sequences?: Record<string, string | null>;
  };
  files: ArchivedFile[];
}

const BATCH = 2000;

async function dumpTable(
  client: pg.PoolClient,
  table: TableInfo,
  file: string,
): Promise<{ rows: number; md5: string }> {
  const out = fs.createWriteStream(file);
  const sum = checksumOfLines();
  let rows = 0;
  await client.query(`DECLARE dump_rows NO SCROLL CURSOR FOR ${table.rowsAsJson}`);
  for (;;) {
    const res = await client.query<{ j: string }>(`FETCH ${BATCH} FROM dump_rows`);
    if (res.rows.length === 0) break;
    rows += res.rows.length;
    for (const r of res.rows) sum.add(r.j);
    const chunk = `${res.rows.map((r) => r.j).join('\n')}\n`;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await client.query('CLOSE dump_rows');
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { rows, md5: sum.md5() };
}

function walk(dir: string, base = dir): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return walk(full, base);
    return e.isFile() ? [path.relative(base, full)] : [];
  });
}

/** Every blob key an upload row names (the stored file, and each width of a picture). */
async function blobKeys(rowsFile: string): Promise<Set<string>> {
  const keys = new Set<string>();
  if (!fs.existsSync(rowsFile)) return keys;
  for (const line of fs.readFileSync(rowsFile, 'utf8').split('\n')) {
    if (!line) continue;
    const row = JSON.parse(line) as { key: string; variants: { key: string }[] | null };
    keys.add(row.key);
    for (const v of row.variants ?? []) keys.add(v.key);
  }
  return keys;
}

async function fetchBlobs(config: Pick<Config, 'dataDir' | 's3'>, rowsFile: string, dir: string): Promise<void> {
  const store = blobStoreFor(config);
  for (const key of await blobKeys(rowsFile)) {
    const bytes = await store.get(key);
    // A row whose blob is gone is restored as it is: the picture was already missing.
    if (!bytes) continue;
    fs.mkdirSync(path.join(dir, key.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(dir, key.slice(0, 2), key), bytes);
  }
}

/** Writes a backup of the database and uploads to `target` (the server may keep running). */
export async function backup(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 's3'>>,
  target: string,
  /** The running server's own database (its daily backup): used as is, not opened again. */
  open?: Database,
): Promise<{ file: string; tables: number; rows: number; uploads: number; bytes: number }> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-backup-'));
  const database = open ?? (await openDatabase(config, 'tool', 2));
  try {
    const files = new Map<string, string>();
    const client = await database.pool.connect();
    const tables: Record<string, number> = {};
    const checksums: Record<string, string> = {};
    let server: string;
    let migrations: string[];
    let sequences: Record<string, string | null>;
    try {
      // One snapshot for every table: rows committed after it are in none of them.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(JSON_SETTINGS);
      server = (await client.query<{ v: string }>('SHOW server_version')).rows[0]!.v;
      const status = await migrationStatus(client);
      if (status.unknown)
        throw new BackupFileError('this database is newer than this Essaim: back it up with the newer version');
      migrations = status.appliedTags;
      fs.mkdirSync(path.join(work, 'database'));
      for (const table of await listTables(client)) {
        const name = `database/${table.name}.jsonl`;
        const dumped = await dumpTable(client, table, path.join(work, name));
        tables[table.name] = dumped.rows;
        checksums[table.name] = dumped.md5;
        files.set(name, path.join(work, name));
      }
      // Sequences are outside snapshots: read last, they are at or past every row copied.
      sequences = await readSequences(client);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const uploadsDir = config.s3 ? path.join(work, 'uploads') : path.join(config.dataDir, 'uploads');
    // From a bucket: the blobs the snapshot's uploads name, laid out as the data directory would.
    if (config.s3)
      await fetchBlobs(
        { dataDir: config.dataDir, s3: config.s3 },
        path.join(work, 'database', 'uploads.jsonl'),
        uploadsDir,
      );
    const uploads = walk(uploadsDir);
    for (const rel of uploads) files.set(`uploads/${rel.split(path.sep).join('/')}`, path.join(uploadsDir, rel));
    const listed: ArchivedFile[] = [];
    for (const [name, file] of files) listed.push({ path: name, ...(await sha256File(file)) });
    const manifest: Manifest = {
      format: 'essaim-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      database: { format: 'rows-jsonl', server, migrations, tables, checksums, sequences },
      files: listed,
    };
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    await writeArchive(target, files, manifest);
    return {
      file: target,
      tables: Object.keys(tables).length,
      rows: Object.values(tables).reduce((a, b) => a + b, 0),
      uploads: uploads.length,
      bytes: fs.statSync(target).size,
    };
  } finally {
    if (!open) await database.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Every table as the manifest describes it, or the restore is rolled back. */
async function verifyRestored(client: pg.PoolClient, tables: TableInfo[], manifest: Manifest, file: string) {
  const { checksums } = manifest.database;
  if (!checksums) return;
  for (const table of tables) {
    const expected = checksums[table.name];
    if (expected === undefined) continue;
    const got = await tableChecksum(client, table);
    if (got.rows !== manifest.database.tables[table.name] || got.md5 !== expected)
      throw new BackupFileError(
        `restoring ${file} did not reproduce table ${table.name} (${got.rows} rows, checksum ${got.md5}; the backup holds ${manifest.database.tables[table.name]} rows, checksum ${expected}): nothing was restored`,
      );
  }
}

export class RestoreRefusedError extends Error {}

/**
 * Restores a backup into an empty database (the embedded one in ESSAIM_DATA_DIR, or
 * DATABASE_URL): in one transaction, the schema is rebuilt by the migrations the backup was
 * taken under, the rows are loaded, sequences set, and every table's count and checksum compared
 * with the manifest; then the migrations this version adds run as on any upgrade. A database
 * with data is refused unless `force` (which empties it, in the same transaction). A restore that
 * fails changes nothing.
 */
export async function restore(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 's3'>>,
  file: string,
  opts: { force?: boolean } = {},
): Promise<{ tables: number; rows: number; uploads: number }> {
  if (!fs.existsSync(file)) throw new BackupFileError(`${file} does not exist`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-restore-'));
  try {
    const manifest = await extractArchive<Manifest>(file, work);
    if (manifest.format !== 'essaim-backup' || manifest.version !== 1)
      throw new BackupFileError(`${file} is not an Essaim backup this version can read`);
    const uploadsDir = path.join(config.dataDir, 'uploads');
    if (!config.s3 && !opts.force && walk(uploadsDir).length)
      throw new RestoreRefusedError(
        `${uploadsDir} is not empty: restore into an empty data directory, or pass --force`,
      );
    const database = await openDatabase(config, 'tool', 2);
    try {
      const client = await database.pool.connect();
      let rows = 0;
      try {
        await client.query('BEGIN');
        const existing = await listTables(client);
        const used = existing.length > 0 || (await migrationStatus(client)).applied > 0;
        if (used && !opts.force)
          throw new RestoreRefusedError(
            `${database.description} already holds a database: restore into an empty one, or pass --force to replace it`,
          );
        if (used)
          await client.query('DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public');
        await applyMigrationsUpTo(client, manifest.database.migrations);
        await client.query(JSON_SETTINGS);
        const tables = await listTables(client);
        const byName = new Map(tables.map((t) => [t.name, t]));
        for (const name of Object.keys(manifest.database.tables)) {
          const table = byName.get(name);
          if (!table) throw new BackupFileError(`${file} holds a table this version does not know (${name})`);
          rows += await loadTable(client, table, path.join(work, 'database', `${name}.jsonl`), tables);
        }
        await resetSequences(client, manifest.database.sequences);
        await verifyRestored(client, tables, manifest, file);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
      // Migrations this version adds after the backup's: as on any upgrade.
      await runMigrations(database.pool, database.description);
      const uploads = manifest.files.filter((f) => f.path.startsWith('uploads/'));
      if (config.s3) {
        // Into the bucket, under their keys (content-addressed: writing one again changes nothing).
        const store = blobStoreFor({ ...config, s3: config.s3 });
        for (const f of uploads) await store.put(path.basename(f.path), fs.readFileSync(path.join(work, f.path)));
        return { tables: Object.keys(manifest.database.tables).length, rows, uploads: uploads.length };
      }
      if (opts.force) fs.rmSync(uploadsDir, { recursive: true, force: true });
      for (const f of uploads) {
        const to = path.join(uploadsDir, f.path.slice('uploads/'.length));
        fs.mkdirSync(path.dirname(to), { recursive: true });
        fs.copyFileSync(path.join(work, f.path), to);
      }
      return { tables: Object.keys(manifest.database.tables).length, rows, uploads: uploads.length };
    } finally {
      await database.close();
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
