import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';

// Who may do what with money and reports: one row per action, one column per role. Every cell
// that changes something works on a thing of its own (a fresh submitted expense), and a refusal
// is checked to leave that thing as it was.

const roles = [
  'anonymous',
  'member',
  'organiser of A',
  'manager of V',
  'treasurer of A',
  'treasurer of B',
  'network treasurer',
  'admin',
] as const;
type Role = (typeof roles)[number];

// prettier-ignore
const matrix: [action: string, ...statuses: number[]][] = [
  //                          anon member orgA  mgrV  trA   trB   trNet admin
  ['list grants', 401, 403, 200, 403, 200, 200, 200, 200],
  ['create grant', 401, 403, 403, 403, 403, 403, 201, 201],
  ['set network budget', 401, 403, 403, 403, 403, 403, 200, 200],
  ['set budget of A', 401, 403, 403, 403, 200, 403, 200, 200],
  ['record expense of A', 401, 403, 201, 403, 201, 403, 201, 201],
  // Everyone signed in lists expenses: their own (what they submitted, or are to be paid back) at least.
  ['list expenses', 401, 200, 200, 200, 200, 200, 200, 200],
  ['read expense of A', 401, 404, 200, 404, 200, 404, 200, 200],
  ['approve expense of A', 401, 404, 403, 404, 200, 404, 200, 200],
  ['reject expense of A', 401, 404, 403, 404, 200, 404, 200, 200],
  ['network report', 401, 403, 403, 403, 403, 403, 200, 200],
  ['report of A', 401, 403, 200, 403, 200, 403, 200, 200],
  ['venue V dashboard', 401, 403, 403, 200, 403, 403, 403, 200],
  ['pack of the network grant', 401, 403, 403, 403, 403, 403, 200, 200],
  ['appoint treasurer', 401, 403, 403, 403, 403, 403, 403, 201],
];

let t: TestApp;
const tokens = {} as Record<Exclude<Role, 'anonymous'>, string>;
let grantId = '';
let n = 0;

const as = (role: Role) => (role === 'anonymous' ? undefined : tokens[role]);
const must = async (method: 'POST' | 'GET', url: string, body?: unknown) => {
  const res = await t.api(method, url, { token: tokens.admin, body });
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
};
const submittedExpense = async () => {
  const e = await must('POST', '/api/v1/expenses', {
    chapter: 'a',
    incurredOn: '2026-05-01',
    supplierName: 'S',
    amountCents: 500,
    vatRate: 21,
    category: 'activities',
  });
  await must('POST', `/api/v1/expenses/${e.id}/submit`);
  return e.id as string;
};
const statusOf = async (id: string) => (await must('GET', `/api/v1/expenses/${id}`)).status;

async function perform(action: string, role: Role): Promise<{ status: number; unchanged?: () => Promise<void> }> {
  const token = as(role);
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown) =>
    (await t.api(method, url, { token, body })).statusCode;
  switch (action) {
    case 'list grants':
      return { status: await call('GET', '/api/v1/grants') };
    case 'create grant':
      return {
        status: await call('POST', '/api/v1/grants', {
          funder: `F${++n}`,
          amountGrantedCents: 100,
          ratePercent: 50,
          eligibleCategories: ['rent'],
          periodStart: '2026-01-01',
          periodEnd: '2026-12-31',
        }),
      };
    case 'set network budget':
      return { status: await call('POST', '/api/v1/budgets', { year: 2026, lines: [] }) };
    case 'set budget of A':
      return { status: await call('POST', '/api/v1/budgets', { year: 2026, chapter: 'a', lines: [] }) };
    case 'record expense of A':
      return {
        status: await call('POST', '/api/v1/expenses', {
          chapter: 'a',
          incurredOn: '2026-05-01',
          supplierName: 'S',
          amountCents: 500,
          vatRate: 21,
          category: 'activities',
        }),
      };
    case 'list expenses':
      return { status: await call('GET', '/api/v1/expenses') };
    case 'read expense of A':
      return { status: await call('GET', `/api/v1/expenses/${await submittedExpense()}`) };
    case 'approve expense of A':
    case 'reject expense of A': {
      const id = await submittedExpense();
      const status = await call(
        'POST',
        `/api/v1/expenses/${id}/${action.split(' ')[0]}`,
        action.startsWith('reject') ? { reason: 'No' } : undefined,
      );
      return { status, unchanged: async () => expect(await statusOf(id)).toBe('submitted') };
    }
    case 'network report':
      return { status: await call('GET', '/api/v1/reports/network?year=2026') };
    case 'report of A':
      return { status: await call('GET', '/api/v1/reports/chapters/a?year=2026') };
    case 'venue V dashboard':
      return { status: await call('GET', '/api/v1/reports/venues/v') };
    case 'pack of the network grant':
      return { status: await call('GET', `/api/v1/grants/${grantId}/pack?format=json`) };
    case 'appoint treasurer':
      return {
        status: await call('POST', '/api/v1/treasurers', {
          email: `someone${++n}@example.org`.replace(/.*/, (await t.user('member')).user.email),
        }),
      };
  }
  throw new Error(`unknown action ${action}`);
}

beforeAll(async () => {
  t = await startTestApp();
  for (const role of roles.slice(1) as Exclude<Role, 'anonymous'>[]) {
    const u = await t.user(role === 'admin' ? 'admin' : 'member');
    tokens[role] = u.token;
    (tokens as Record<string, string>)[`${role}:email`] = u.user.email;
  }
  const email = (r: Role) => (tokens as Record<string, string>)[`${r}:email`];
  for (const slug of ['a', 'b'])
    await must('POST', '/api/v1/chapters', { name: slug, slug, city: slug, status: 'active' });
  await must('POST', '/api/v1/venues', { name: 'V', slug: 'v', city: 'V' });
  await must('POST', '/api/v1/chapters/a/organizers', { email: email('organiser of A') });
  await must('POST', '/api/v1/venues/v/managers', { email: email('manager of V') });
  await must('POST', '/api/v1/treasurers', { email: email('treasurer of A'), chapter: 'a' });
  await must('POST', '/api/v1/treasurers', { email: email('treasurer of B'), chapter: 'b' });
  await must('POST', '/api/v1/treasurers', { email: email('network treasurer') });
  grantId = (
    await must('POST', '/api/v1/grants', {
      funder: 'Region',
      amountGrantedCents: 100,
      ratePercent: 50,
      eligibleCategories: ['activities'],
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    })
  ).id;
});
afterAll(() => t.close());

describe('money and reports: role × action', () => {
  for (const [action, ...statuses] of matrix)
    it.each(roles.map((role, i) => [role, statuses[i]!] as const))(`${action}: %s → %i`, async (role, expected) => {
      const { status, unchanged } = await perform(action, role);
      expect(status).toBe(expected);
      if (expected >= 400 && unchanged) await unchanged();
    });
});
