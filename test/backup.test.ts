import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { extractArchive, writeArchive } from '../src/ops/archive.js';
import type { Manifest } from '../src/ops/backup.js';
import { ADMIN, adminToken, crowd, listRegistrations, makeEvent } from './support/crowd.js';
import { type Place, testPlace } from './support/place.js';
import { runCli, startServer, tempDataDir } from './support/server.js';

// On the embedded leg: data directories with their own PostgreSQL; on the postgresql leg:
// databases on TEST_DATABASE_URL (the restore's target created empty), uploads in the directories.
let from: Place;
let to: Place;
const scratch = tempDataDir('backup-files');
beforeAll(async () => {
  from = await testPlace('backup-src');
  to = await testPlace('backup-dst', { empty: true });
});
afterAll(async () => {
  await from?.close();
  await to?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** A client on a place's database (embedded: while its server runs). */
async function connect(place: Place): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: place.databaseUrl() });
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
  const source = from.dir;
  const target = to.dir;
  const env = { ...from.env, ...ADMIN };
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
  const restored = await runCli(['restore', file], to.env);
  expect(restored.stderr).toBe('');
  expect(restored.code).toBe(0);
  expect(fs.readFileSync(path.join(target, 'uploads', 'logos', 'hub.png'))).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
  );
  const second = await startServer({ ...to.env, ...ADMIN });
  try {
    const client = await connect(to);
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
  const withUploads = await runCli(['restore', file], to.env);
  expect(withUploads.code).toBe(1);
  expect(withUploads.stderr).toMatch(/uploads is not empty: restore into an empty data directory, or pass --force/);
  fs.rmSync(path.join(target, 'uploads'), { recursive: true });
  const refused = await runCli(['restore', file], to.env);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/already holds a database: restore into an empty one, or pass --force/);
  const forced = await runCli(['restore', file, '--force'], to.env);
  expect(forced.stderr).toBe('');
  expect(forced.code).toBe(0);
  expect(fs.existsSync(path.join(target, 'uploads', 'logos', 'hub.png'))).toBe(true);
  // The demo, a backup under a crowd and a restore: 3.5 to 5 minutes on the shared 2-core machine
  // at load 20, for both legs.
}, 480_000);

it('refuses a truncated or altered backup before changing anything', async () => {
  const file = path.join(scratch, 'network.zip');
  const place = await testPlace('backup-fresh', { empty: true });
  const fresh = place.dir;
  /** Nothing created: no files (not even a database initialised), no tables in the database. */
  const untouched = async () => {
    expect(fs.readdirSync(fresh)).toEqual([]);
    if (place.leg === 'postgresql') {
      const client = await connect(place);
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname IN ('public', 'drizzle')`,
      );
      await client.end();
      expect(rows[0].n).toBe(0);
    }
  };
  try {
    const truncated = path.join(scratch, 'truncated.zip');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const r1 = await runCli(['restore', truncated], place.env);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/is not a complete Essaim backup .*truncated or damaged/);
    await untouched();

    // Same files, one row changed, the manifest left as it was: the checksum gives it away.
    const dir = path.join(scratch, 'extracted');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const chapters = path.join(dir, 'database', 'chapters.jsonl');
    fs.writeFileSync(chapters, fs.readFileSync(chapters, 'utf8').replace('"name":"', '"name":"X'));
    const altered = path.join(scratch, 'altered.zip');
    await writeArchive(altered, new Map(manifest.files.map((f) => [f.path, path.join(dir, f.path)])), manifest);
    const r2 = await runCli(['restore', altered], place.env);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/is damaged: database\/chapters\.jsonl does not match its checksum/);
    await untouched();

    const missing = await runCli(['restore', path.join(scratch, 'nope.zip')], place.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.zip does not exist/);
  } finally {
    await place.close();
  }
}, 120_000);
