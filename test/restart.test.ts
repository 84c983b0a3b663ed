import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runningServer } from '../src/db/embedded.js';
import { startServer, tempDataDir } from './support/server.js';

const dataDir = tempDataDir('restart');
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const env = {
  ESSAIM_DATA_DIR: dataDir,
  ESSAIM_ADMIN_EMAIL: 'admin@example.org',
  ESSAIM_ADMIN_PASSWORD: 'restart-test-password',
};

async function adminToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: env.ESSAIM_ADMIN_EMAIL, password: env.ESSAIM_ADMIN_PASSWORD, name: 'restart test' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

it('recovers after SIGKILL: adopts the orphaned PostgreSQL, with every committed write intact', async () => {
  const first = await startServer(env);
  const token = await adminToken(first.url);
  for (const name of ['Charleroi', 'Kortrijk', 'Liège']) {
    const res = await fetch(`${first.url}/api/v1/chapters`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name, city: name, status: 'active' }),
    });
    expect(res.status).toBe(201);
  }
  await first.kill();

  // The embedded PostgreSQL outlives its killed parent…
  const orphan = runningServer(path.join(dataDir, 'pg'));
  expect(orphan).toBeDefined();

  // …and the next start takes it over instead of failing on the busy data directory.
  const second = await startServer(env);
  try {
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    const list = (await (await fetch(`${second.url}/api/v1/chapters`)).json()) as { items: { slug: string }[] };
    expect(list.items.map((c) => c.slug)).toEqual(['charleroi', 'kortrijk', 'liege']);
    // The token issued before the crash still works: nothing was lost.
    expect((await fetch(`${second.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      200,
    );
    // And the admin from the environment was not created twice nor overwritten.
    expect(second.output()).not.toContain('admin account created');
  } finally {
    expect(await second.stop()).toBe(0);
  }
  // A clean stop stops the adopted server too.
  expect(runningServer(path.join(dataDir, 'pg'))).toBeUndefined();
  expect(orphan && isAlive(orphan.pid)).toBe(false);

  // A third, cold start (the server was stopped, not killed) finds the same data.
  const third = await startServer(env);
  try {
    const list = (await (await fetch(`${third.url}/api/v1/chapters`)).json()) as { items: unknown[] };
    expect(list.items).toHaveLength(3);
  } finally {
    await third.stop();
  }
}, 120_000);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
