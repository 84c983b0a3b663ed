import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.js';
import { fingerprint } from '../../test/support/fingerprint.js';
import type { Database } from '../db/connection.js';
import { loadDemo } from '../demo/service.js';
import { ensureDefaultNetwork } from '../networks/service.js';
import { extractArchive, writeArchive } from './archive.js';
import { backup, BackupFileError, type Manifest, restore } from './backup.js';

/**
 * The in-app dump restores exactly, on whichever server this project runs (embedded 18, or
 * TEST_DATABASE_URL): every table's rows, compared by a fingerprint this test computes itself
 * (not the backup's own checksum), sequences, values of several megabytes, and uploads.
 */
let source: Database;
const made: Database[] = [];
const dirs: string[] = [];
const tmp = (label: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `essaim-exact-${label}-`));
  dirs.push(d);
  return d;
};
const sourceDir = tmp('src');
const file = path.join(tmp('file'), 'exact.zip');
// Quotes, backslashes, control characters, non-Latin scripts, astral-plane emoji, U+2028: what
// JSON escaping gets wrong first. Repeated to several megabytes.
const large = `« Ça » "quoted" \\back\\slash\\ \t tab\r\nline\u2028sep ñ 中文 🐝🐝 \u0001\u001f end.`.repeat(60_000);

beforeAll(async () => {
  source = await createTestDatabase();
  const network = await ensureDefaultNetwork(source.db, 'Exactly');
  // The demo: thousands of rows in most tables, and PDF receipts in uploads/.
  await loadDemo(source.db, network, { dataDir: sourceDir });
  await source.pool.query(
    `UPDATE chapters SET description = $1 WHERE id = (SELECT min(id::text)::uuid FROM chapters)`,
    [large],
  );
  await source.pool.query(
    `UPDATE audit_log SET details = jsonb_build_object('big', $1::text, 'nested', jsonb_build_array(1.5, 'x', null, true)) WHERE id = (SELECT id FROM audit_log LIMIT 1)`,
    [large.slice(0, 500_000)],
  );
  await backup({ databaseUrl: source.url, dataDir: sourceDir }, file);
}, 300_000);

afterAll(async () => {
  for (const d of [source, ...made]) await d?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function emptyDatabase(): Promise<Database> {
  const d = await createTestDatabase({ empty: true });
  made.push(d);
  return d;
}

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (f.isFile()) {
      const full = path.join(f.parentPath, f.name);
      out[path.relative(dir, full)] = fs.readFileSync(full).toString('base64');
    }
  return out;
}

it('restores every table, sequence, large value and upload exactly', async () => {
  const target = await emptyDatabase();
  const targetDir = tmp('dst');
  const result = await restore({ databaseUrl: target.url, dataDir: targetDir }, file);
  const before = await fingerprint(source.url);
  const after = await fingerprint(target.url);
  expect(Object.keys(before).length).toBeGreaterThan(40);
  expect(after).toEqual(before);
  // Not an empty match: the demo filled the tables the product lives on.
  for (const t of ['public.registrations', 'public.users', 'public.expenses', 'public.uploads'])
    expect(Number(before[t]!.split(' ')[0])).toBeGreaterThan(0);
  expect(result.rows).toBeGreaterThan(1000);
  const back = await target.pool.query<{ description: string }>(
    'SELECT description FROM chapters WHERE length(description) > 1000000',
  );
  expect(back.rows.map((r) => r.description === large)).toEqual([true]);
  // The receipts, byte for byte.
  const uploads = filesUnder(path.join(sourceDir, 'uploads'));
  expect(Object.keys(uploads).length).toBeGreaterThan(0);
  expect(filesUnder(path.join(targetDir, 'uploads'))).toEqual(uploads);
}, 300_000);

it('rolls back a restore whose rows do not reproduce the backup, leaving the database empty', async () => {
  // A backup whose files are consistent with its manifest's sizes and SHA-256 but whose rows
  // differ from what its table checksums say: the check after loading is what catches it.
  const work = tmp('tampered');
  const manifest = await extractArchive<Manifest>(file, work);
  const rows = path.join(work, 'database', 'venues.jsonl');
  fs.writeFileSync(rows, fs.readFileSync(rows, 'utf8').replace('"name":"', '"name":"Not '));
  const entry = manifest.files.find((f) => f.path === 'database/venues.jsonl')!;
  const { createHash } = await import('node:crypto');
  entry.sha256 = createHash('sha256').update(fs.readFileSync(rows)).digest('hex');
  entry.size = fs.statSync(rows).size;
  const tampered = path.join(work, 'tampered.zip');
  await writeArchive(tampered, new Map(manifest.files.map((f) => [f.path, path.join(work, f.path)])), manifest);

  const target = await emptyDatabase();
  const err = await restore({ databaseUrl: target.url, dataDir: tmp('dst2') }, tampered).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(BackupFileError);
  expect((err as Error).message).toMatch(
    /did not reproduce table venues \(\d+ rows, checksum [0-9a-f]{32}; the backup holds \d+ rows, checksum [0-9a-f]{32}\): nothing was restored/,
  );
  const left = await target.pool.query(
    `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname IN ('public', 'drizzle')`,
  );
  expect(left.rows[0].n).toBe(0);
  // And the untouched backup still restores into that same database.
  await restore({ databaseUrl: target.url, dataDir: tmp('dst3') }, file);
  expect(await fingerprint(target.url)).toEqual(await fingerprint(source.url));
}, 300_000);
