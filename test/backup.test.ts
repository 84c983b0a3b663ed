import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { extractArchive, writeArchive } from '../src/ops/archive.js';
import type { Manifest } from '../src/ops/backup.js';
import { ADMIN, adminToken, crowd, listRegistrations, makeEvent } from './support/crowd.js';
import { runCli, startServer, tempDataDir } from './support/server.js';

const source = tempDataDir('backup-src');
const target = tempDataDir('backup-dst');
const scratch = tempDataDir('backup-files');
afterAll(() => {
  for (const d of [source, target, scratch]) fs.rmSync(d, { recursive: true, force: true });
});

/** A client on a data directory's embedded PostgreSQL while its server runs. */
async function connect(dataDir: string): Promise<pg.Client> {
  const { password } = JSON.parse(fs.readFileSync(path.join(dataDir, 'secret.json'), 'utf8')) as { password: string };
  const port = fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3];
  const client = new pg.Client({
    connectionString: `postgres://essaim:${encodeURIComponent(password)}@127.0.0.1:${port}/essaim`,
  });
  await client.connect();
  return client;
}

async function counts(client: pg.Client, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await client.query(`SELECT count(*) AS n FROM "${t}"`)).rows[0].n);
  return out;
}

// Tables a running server writes to by itself (counters, timers): compared by content elsewhere, not here.
const VOLATILE = new Set(['rate_limit_hits', 'timer_runs']);

it('backs up a populated network while registrations arrive, and restores it into a fresh directory', async () => {
  const env = { ESSAIM_DATA_DIR: source, ...ADMIN };
  fs.mkdirSync(path.join(source, 'uploads', 'logos'), { recursive: true });
  fs.writeFileSync(path.join(source, 'uploads', 'logos', 'hub.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  // Demo data first (thousands of rows in most tables), as its own command: a loaded machine
  // takes a while, and the server's start-up wait should not include it.
  const demo = await runCli(['demo'], env);
  expect(demo.code).toBe(0);
  const server = await startServer(env);
  const file = path.join(scratch, 'network.zip');
  let manifest: Manifest;
  let eventId: string;
  let token: string;
  try {
    token = await adminToken(server.url);
    eventId = await makeEvent(server.url, token, 25);
    const emails = Array.from({ length: 300 }, (_, i) => `during${i}@example.org`);
    // The backup runs while the crowd registers.
    const [outcomes, made] = await Promise.all([
      crowd([server.url], eventId, emails, 10),
      new Promise((r) => setTimeout(r, 300)).then(() => runCli(['backup', file], env)),
    ]);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    // The demo's pictures and receipts are uploads too, beside the file this test put there.
    const uploaded = /backup written to .*network\.zip: \d+ tables, \d+ rows, (\d+) uploaded files/.exec(made.stdout);
    expect(uploaded, made.stdout).not.toBeNull();
    expect(Number(uploaded![1])).toBeGreaterThanOrEqual(1);
    expect(outcomes.every((o) => o.status === 201)).toBe(true);
    manifest = await extractArchive<Manifest>(file, path.join(scratch, 'extracted'));
    expect(manifest.database.migrations.length).toBeGreaterThan(5);
    // A consistent snapshot: the registrations it holds are a prefix of the arrival order, within capacity.
    expect(manifest.database.tables.registrations).toBeGreaterThan(0);
  } finally {
    expect(await server.stop()).toBe(0);
  }

  // The backup of a live, changing database: restored, it opens and matches what was copied.
  const restored = await runCli(['restore', file], { ESSAIM_DATA_DIR: target });
  expect(restored.stderr).toBe('');
  expect(restored.code).toBe(0);
  expect(fs.readFileSync(path.join(target, 'uploads', 'logos', 'hub.png'))).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
  );
  const second = await startServer({ ESSAIM_DATA_DIR: target, ...ADMIN });
  try {
    const client = await connect(target);
    try {
      const tables = Object.keys(manifest.database.tables).filter((t) => !VOLATILE.has(t));
      const expected = Object.fromEntries(tables.map((t) => [t, manifest.database.tables[t]]));
      expect(await counts(client, tables)).toEqual(expected);
      // Content, not only counts: the registrations restored are the rows that were copied.
      const copied = fs
        .readFileSync(path.join(scratch, 'extracted', 'database', 'registrations.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.stringify(JSON.parse(l)))
        .sort();
      const back = (await client.query('SELECT row_to_json(r)::text AS j FROM registrations r')).rows
        .map((r: { j: string }) => JSON.stringify(JSON.parse(r.j)))
        .sort();
      expect(back).toEqual(copied);
    } finally {
      await client.end();
    }
    // The restored server works: sign-in, the event and its list in order.
    const again = await adminToken(second.url);
    const listed = await listRegistrations(second.url, again, eventId);
    const confirmed = listed.filter((r) => r.status === 'confirmed').length;
    expect(confirmed).toBe(Math.min(25, listed.length));
    // New registrations continue after the restored ones (sequences and queue numbers carried over).
    const late = await crowd([second.url], eventId, ['late@example.org'], 1);
    expect(late[0]!.status).toBe(201);
    expect((await listRegistrations(second.url, again, eventId)).at(-1)!.email).toBe('late@example.org');
  } finally {
    expect(await second.stop()).toBe(0);
  }

  // Uploads or a database already there are refused, unless --force.
  const withUploads = await runCli(['restore', file], { ESSAIM_DATA_DIR: target });
  expect(withUploads.code).toBe(1);
  expect(withUploads.stderr).toMatch(/uploads is not empty: restore into an empty data directory, or pass --force/);
  fs.rmSync(path.join(target, 'uploads'), { recursive: true });
  const refused = await runCli(['restore', file], { ESSAIM_DATA_DIR: target });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/already holds a database: restore into an empty one, or pass --force/);
  const forced = await runCli(['restore', file, '--force'], { ESSAIM_DATA_DIR: target });
  expect(forced.stderr).toBe('');
  expect(forced.code).toBe(0);
  expect(fs.existsSync(path.join(target, 'uploads', 'logos', 'hub.png'))).toBe(true);
}, 300_000);

it('refuses a truncated or altered backup before changing anything', async () => {
  const file = path.join(scratch, 'network.zip');
  const fresh = tempDataDir('backup-fresh');
  try {
    const truncated = path.join(scratch, 'truncated.zip');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const r1 = await runCli(['restore', truncated], { ESSAIM_DATA_DIR: fresh });
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/is not a complete Essaim backup .*truncated or damaged/);
    // Nothing was created in the target: no database was even initialised.
    expect(fs.readdirSync(fresh)).toEqual([]);

    // Same files, one row changed, the manifest left as it was: the checksum gives it away.
    const dir = path.join(scratch, 'extracted');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const chapters = path.join(dir, 'database', 'chapters.jsonl');
    fs.writeFileSync(chapters, fs.readFileSync(chapters, 'utf8').replace('"name":"', '"name":"X'));
    const altered = path.join(scratch, 'altered.zip');
    await writeArchive(altered, new Map(manifest.files.map((f) => [f.path, path.join(dir, f.path)])), manifest);
    const r2 = await runCli(['restore', altered], { ESSAIM_DATA_DIR: fresh });
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/is damaged: database\/chapters\.jsonl does not match its checksum/);
    expect(fs.readdirSync(fresh)).toEqual([]);

    const missing = await runCli(['restore', path.join(scratch, 'nope.zip')], { ESSAIM_DATA_DIR: fresh });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.zip does not exist/);
  } finally {
    fs.rmSync(fresh, { recursive: true, force: true });
  }
}, 120_000);
