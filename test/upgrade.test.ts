import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openEmbedded } from '../src/db/embedded.js';
import { ADMIN, adminToken } from './support/crowd.js';
import { fingerprint, serverVersion } from './support/fingerprint.js';
import { type Place, testPlace } from './support/place.js';
import { runCli, startServer, tempDataDir } from './support/server.js';

/**
 * A network moves between PostgreSQL major versions through `essaim backup` and `essaim
 * restore` (README, "Upgrading the embedded PostgreSQL"): here from TEST_DATABASE_URL's server
 * (CI: PostgreSQL 15) to the embedded one (18), and back. Runs on the postgresql leg only, where
 * both servers exist. Each move is compared table by table with the database it came from.
 */
let external: Place;
let backTo: Place;
const embeddedDir = tempDataDir('upgrade-embedded');
const files = tempDataDir('upgrade-files');
beforeAll(async () => {
  external = await testPlace('upgrade-external');
  backTo = await testPlace('upgrade-back', { empty: true });
});
afterAll(async () => {
  await external?.close();
  await backTo?.close();
  for (const d of [embeddedDir, files]) fs.rmSync(d, { recursive: true, force: true });
});

// Generated columns (the search documents) are recomputed by the server a row lands on, and
// PostgreSQL 15 and 18 compute some differently: the moves are compared on what is stored.
const STORED = { storedOnly: true };

/** The fingerprint of a data directory's embedded PostgreSQL, started for the reading only. */
async function embeddedFingerprint(dir: string): Promise<{ version: number; tables: Record<string, string> }> {
  const server = await openEmbedded(dir, 'tool');
  try {
    return { version: await serverVersion(server.url), tables: await fingerprint(server.url, STORED) };
  } finally {
    await server.stop();
  }
}

it('moves a populated network from PostgreSQL 15 to the embedded 18 and back, exactly', async () => {
  expect(external.leg).toBe('postgresql');
  const sourceVersion = await serverVersion(external.databaseUrl());
  // The demo: every feature's tables filled, receipts among the uploads.
  const demo = await runCli(['demo'], { ...external.env, ...ADMIN });
  expect(demo.code, demo.stderr).toBe(0);
  const before = await fingerprint(external.databaseUrl(), STORED);

  // Up: a backup of the external database, restored into a fresh embedded data directory.
  const up = path.join(files, 'up.zip');
  const made = await runCli(['backup', up], external.env);
  expect(made.stderr).toBe('');
  const restored = await runCli(['restore', up], { ESSAIM_DATA_DIR: embeddedDir });
  expect(restored.stderr).toBe('');
  expect(restored.code).toBe(0);
  const embedded = await embeddedFingerprint(embeddedDir);
  expect(Math.floor(embedded.version / 10_000)).toBeGreaterThan(Math.floor(sourceVersion / 10_000));
  expect(embedded.tables).toEqual(before);
  expect(Number(before['public.registrations']!.split(' ')[0])).toBeGreaterThan(100);

  // The embedded copy serves: sign in, the demo's chapters are there.
  const server = await startServer({ ESSAIM_DATA_DIR: embeddedDir, ...ADMIN });
  try {
    const token = await adminToken(server.url);
    const chapters = await fetch(`${server.url}/api/v1/chapters`, { headers: { authorization: `Bearer ${token}` } });
    expect(chapters.status).toBe(200);
    expect(((await chapters.json()) as { items: unknown[] }).items.length).toBeGreaterThan(3);
  } finally {
    expect(await server.stop()).toBe(0);
  }

  // Down: the embedded 18 backed up and restored into an empty database of the older server.
  const afterServing = await embeddedFingerprint(embeddedDir);
  const down = path.join(files, 'down.zip');
  expect((await runCli(['backup', down], { ESSAIM_DATA_DIR: embeddedDir })).code).toBe(0);
  const back = await runCli(['restore', down], backTo.env);
  expect(back.stderr).toBe('');
  expect(back.code).toBe(0);
  expect(await fingerprint(backTo.databaseUrl(), STORED)).toEqual(afterServing.tables);
  // Receipts followed both moves, byte for byte.
  const receipts = (dir: string) =>
    fs
      .readdirSync(path.join(dir, 'uploads'), { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => `${f.name} ${fs.readFileSync(path.join(f.parentPath, f.name)).toString('base64').length}`)
      .sort();
  expect(receipts(backTo.dir)).toEqual(receipts(external.dir));
  expect(receipts(external.dir).length).toBeGreaterThan(0);
}, 600_000);
