import { afterAll, beforeAll, expect, it } from 'vitest';
import { createToken, createUser } from '../accounts/service.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { networks } from './tables.js';

// Every row carries its network: a second network on another host sees none of the first's
// data, and a token of one network opens nothing in the other.
let t: TestApp;
let adminA: string;
let adminB: string;

beforeAll(async () => {
  t = await startTestApp();
  adminA = (await t.user('admin')).token;
  const [other] = await t.database.db
    .insert(networks)
    .values({ slug: 'other', name: 'Other network', host: 'other.example' })
    .returning();
  const user = await createUser(t.database.db, other!.id, {
    email: 'admin@other.example',
    name: 'Other admin',
    role: 'admin',
    password: 'another password',
  });
  adminB = (await createToken(t.database.db, user, 'test')).token;
});
afterAll(() => t.close());

it('resolves the network from the host name and keeps each network to itself', async () => {
  const onB = { host: 'other.example' };
  expect(
    (await t.api('POST', '/api/v1/chapters', { token: adminA, body: { name: 'Charleroi', city: 'Charleroi' } }))
      .statusCode,
  ).toBe(201);
  // The same slug is free in the other network: unique keys include the network.
  expect(
    (
      await t.api('POST', '/api/v1/chapters', {
        token: adminB,
        body: { name: 'Charleroi', city: 'Charleroi', description: 'B' },
        headers: onB,
      })
    ).statusCode,
  ).toBe(201);
  expect(
    (await t.api('POST', '/api/v1/chapters', { token: adminB, body: { name: 'Gent', city: 'Gent' }, headers: onB }))
      .statusCode,
  ).toBe(201);

  const listA = (await t.api('GET', '/api/v1/chapters')).json().items.map((c: { slug: string }) => c.slug);
  const listB = (await t.api('GET', '/api/v1/chapters', { headers: onB }))
    .json()
    .items.map((c: { slug: string }) => c.slug);
  expect(listA).toEqual(['charleroi']);
  expect(listB).toEqual(['charleroi', 'gent']);
  expect((await t.api('GET', '/api/v1/chapters/charleroi', { headers: onB })).json().description).toBe('B');
  expect((await t.api('GET', '/api/v1/chapters/gent')).statusCode).toBe(404);

  // A token is only valid in its own network.
  expect((await t.api('GET', '/api/v1/me', { token: adminB })).statusCode).toBe(401);
  expect((await t.api('DELETE', '/api/v1/chapters/charleroi', { token: adminA, headers: onB })).statusCode).toBe(401);
  expect((await t.api('GET', '/api/v1/chapters/charleroi', { headers: onB })).statusCode).toBe(200);

  const home = await t.app.inject({ url: '/?lang=en', headers: onB });
  expect(home.body).toContain('Other network');
  expect(home.body).toContain('Gent');
});
