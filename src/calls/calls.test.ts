import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeCall } from './test-fixtures.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
});
afterAll(() => t.close());

const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

it('publishes an upcoming call with all its rules on its public page', async () => {
  const res = await t.api('POST', '/api/v1/calls', {
    token: admin.token,
    body: makeCall({ slug: 'cw-2027', opensAt: later(3), closesAt: later(30) }),
  });
  expect(res.statusCode).toBe(201);
  const call = res.json();
  expect(call).toMatchObject({
    slug: 'cw-2027',
    state: 'upcoming',
    version: 1,
    stages: [{ position: 1, blind: true }],
  });
  expect(call.rules.tiers).toEqual([
    { count: 4, amountCents: 10_000_000 },
    { count: 4, amountCents: 5_000_000 },
  ]);
  const page = await t.app.inject({ url: '/calls/cw-2027', headers: { 'accept-language': 'fr' } });
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('Pas encore ouvert');
  expect(page.body).toContain('The consortium includes a public partner (fr)');
  expect(page.body).toContain('Évalués à part');
  expect(page.body).toMatch(/4 × 100[\s\u202f.]000/);
  expect(page.body).not.toContain('href="/calls/cw-2027/apply"');
  expect((await t.api('GET', '/api/v1/calls')).json().items.map((c: { slug: string }) => c.slug)).toContain('cw-2027');
});

it('edits an upcoming call freely, but a frozen open call only through a new logged version', async () => {
  const call = (
    await t.api('POST', '/api/v1/calls', { token: admin.token, body: makeCall({ slug: 'open-one' }) })
  ).json();
  const free = await t.api('PATCH', `/api/v1/calls/${call.id}`, {
    token: admin.token,
    body: { closesAt: later(10) },
  });
  expect(free.statusCode).toBe(409);
  expect(free.json().errors[0].field).toBe('newVersion');
  const unchanged = (await t.api('GET', `/api/v1/calls/${call.id}`)).json();
  expect(unchanged.closesAt).toBe(call.closesAt);

  const versioned = await t.api('PATCH', `/api/v1/calls/${call.id}`, {
    token: admin.token,
    body: { closesAt: later(10), newVersion: { reason: 'Deadline extended by three days' } },
  });
  expect(versioned.statusCode).toBe(200);
  expect(versioned.json().version).toBe(2);
  const page = await t.app.inject({ url: '/calls/open-one', headers: { 'accept-language': 'en' } });
  expect(page.body).toContain('Deadline extended by three days');
  const audit = (await t.api('GET', '/api/v1/audit-log', { token: admin.token })).json();
  expect(audit.items[0]).toMatchObject({ action: 'call.version', subject: 'call open-one v2' });

  const upcoming = (
    await t.api('POST', '/api/v1/calls', {
      token: admin.token,
      body: makeCall({ opensAt: later(2), closesAt: later(9) }),
    })
  ).json();
  const edit = await t.api('PATCH', `/api/v1/calls/${upcoming.id}`, {
    token: admin.token,
    body: { closesAt: later(12) },
  });
  expect(edit.statusCode).toBe(200);
  expect(edit.json().version).toBe(1);
});

it('refuses rules that do not hold together, and members who manage nothing', async () => {
  const bad = await t.api('POST', '/api/v1/calls', {
    token: admin.token,
    body: makeCall({ rules: { tieBreakCriterion: 'nope', budgetCents: 100 } }),
  });
  expect(bad.statusCode).toBe(400);
  expect(
    bad
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort(),
  ).toEqual(['rules.tieBreakCriterion', 'rules.tiers']);
  const closesFirst = await t.api('POST', '/api/v1/calls', {
    token: admin.token,
    body: makeCall({ opensAt: later(5), closesAt: later(1) }),
  });
  expect(closesFirst.statusCode).toBe(400);
  const member = await t.user('member');
  expect((await t.api('POST', '/api/v1/calls', { token: member.token, body: makeCall() })).statusCode).toBe(403);
  expect((await t.api('POST', '/api/v1/calls', { body: makeCall() })).statusCode).toBe(401);
});
