import fs from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { ADMIN, adminToken, crowd, listRegistrations, makeEvent } from './support/crowd.js';
import { runCli, startServer, tempDataDir } from './support/server.js';

const dataDir = tempDataDir('lifecycle');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const env = { ESSAIM_DATA_DIR: dataDir, ...ADMIN };

it('SIGTERM during a registration burst: no 5xx, every answered registration kept, a clean exit', async () => {
  const first = await startServer(env);
  const token = await adminToken(first.url);
  const eventId = await makeEvent(first.url, token, 40);
  const emails = Array.from({ length: 400 }, (_, i) => `burst${i}@example.org`);
  let signalled = false;
  const exited = new Promise<number | null>((resolve) => first.child.on('exit', resolve));
  const outcomes = await crowd([first.url], eventId, emails, 25, (done) => {
    // Stop the server while requests are in flight, after the burst is well under way.
    if (done === 120 && !signalled) {
      signalled = true;
      first.child.kill('SIGTERM');
    }
  });
  expect(await exited).toBe(0);
  expect(first.output()).not.toMatch(/Cannot use a pool|request failed|unexpected error/);

  const answered = outcomes.filter((o) => o.status !== 0);
  // A process that drains answers what it received; what it refused never reached it.
  expect(outcomes.filter((o) => o.status >= 500)).toEqual([]);
  expect(answered.length).toBeGreaterThanOrEqual(120);
  expect(answered.every((o) => o.status === 201)).toBe(true);
  expect(outcomes.filter((o) => o.status === 0).length).toBeGreaterThan(0);

  // Nothing answered was lost: after a restart each of those e-mails is already registered.
  const second = await startServer(env);
  try {
    const listed = await listRegistrations(second.url, token, eventId);
    const kept = new Set(listed.map((r) => r.email));
    for (const o of answered) expect(kept.has(o.email)).toBe(true);
    // And the rest of the crowd, coming back, is counted exactly after them.
    const retried = await crowd(
      [second.url],
      eventId,
      outcomes.filter((o) => o.status === 0).map((o) => o.email),
      10,
    );
    expect(retried.every((o) => o.status === 201 || o.status === 200)).toBe(true);
    const all = await listRegistrations(second.url, token, eventId);
    expect(all).toHaveLength(400);
    expect(all.filter((r) => r.status === 'confirmed')).toHaveLength(40);
    expect(all.slice(0, 40).every((r) => r.status === 'confirmed')).toBe(true);
  } finally {
    expect(await second.stop()).toBe(0);
  }
}, 180_000);

it('migrate --check lists pending migrations and says so in its exit code; a newer database is refused', async () => {
  expect((await runCli(['migrate'], env)).code).toBe(0);
  const check = await runCli(['migrate', '--check'], env);
  expect(check.stdout).toMatch(/up to date: \d+ migrations applied/);
  expect(check.code).toBe(0);

  const { default: pg } = await import('pg');
  const secret = JSON.parse(fs.readFileSync(`${dataDir}/secret.json`, 'utf8')) as { password: string };
  const server = await startServer(env);
  try {
    // The embedded server's port is the fourth line of its postmaster.pid.
    const pgPort = fs.readFileSync(`${dataDir}/pg/postmaster.pid`, 'utf8').split('\n')[3]!;
    const client = new pg.Client({
      connectionString: `postgres://essaim:${encodeURIComponent(secret.password)}@127.0.0.1:${pgPort}/essaim`,
    });
    await client.connect();
    // Pending: forget the last migration (its table stays; --check only reads the journal).
    const last = await client.query<{ id: number; hash: string; created_at: string }>(
      'SELECT id, hash, created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1',
    );
    await client.query('DELETE FROM drizzle.__drizzle_migrations WHERE id = $1', [last.rows[0]!.id]);
    const pending = await runCli(['migrate', '--check'], env);
    expect(pending.code).toBe(1);
    expect(pending.stdout).toMatch(/1 pending migration\(s\)/);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await client.query('INSERT INTO drizzle.__drizzle_migrations (id, hash, created_at) VALUES ($1, $2, $3)', [
      last.rows[0]!.id,
      last.rows[0]!.hash,
      last.rows[0]!.created_at,
    ]);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    // Newer: a migration recorded after every one this version ships.
    await client.query(`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-the-future', $1)`, [
      String(Number(last.rows[0]!.created_at) + 86_400_000),
    ]);
    await client.end();
    const newer = await runCli(['migrate', '--check'], env);
    expect(newer.code).toBe(1);
    expect(newer.stderr).toMatch(/migrated by a newer version of Essaim \(1 migration this version does not know\)/);
    // A process already running stays ready during a rolling deploy, and says what it sees.
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ newerMigrations: 1 });
  } finally {
    await server.stop();
  }
  const refused = await runCli(['migrate'], env);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/newer version of Essaim/);
}, 120_000);
