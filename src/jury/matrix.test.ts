import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { createToken, findUserByEmail } from '../accounts/service.js';
import { makeCall } from '../calls/test-fixtures.js';

/**
 * Role × action for calls: a visitor, a member, the applicant (by the secret of their link), a
 * juror, the call's manager (an organiser of the owning chapter, not an admin) and an admin.
 */
let jayId: string;
type Role = 'visitor' | 'member' | 'applicant' | 'juror' | 'manager' | 'admin';
let t: TestApp;
const tokens: Partial<Record<Role, string>> = {};
let call: { id: string };
let sub: { id: string; secret: string };

beforeAll(async () => {
  t = await startTestApp();
  tokens.admin = (await t.user('admin')).token;
  tokens.member = (await t.user('member')).token;
  const manager = await t.user('member', 'organiser@example.org');
  tokens.manager = manager.token;
  await t.api('POST', '/api/v1/chapters', {
    token: tokens.admin,
    body: { name: 'Charleroi', city: 'Charleroi', status: 'active' },
  });
  await t.api('POST', '/api/v1/chapters/charleroi/organizers', {
    token: tokens.admin,
    body: { email: 'organiser@example.org' },
  });
  const res = await t.api('POST', '/api/v1/calls', {
    token: tokens.manager,
    body: makeCall({ chapter: 'charleroi', slug: 'matrix' }),
  });
  expect(res.statusCode, res.body).toBe(201);
  call = res.json();
  const s = (
    await t.api('POST', `/api/v1/calls/${call.id}/submissions`, {
      body: {
        name: 'Ann Applicant',
        email: 'ann@applicant.be',
        answers: { summary: 'x' },
        eligibility: { public_partner: true },
        title: 'T',
        submit: true,
      },
    })
  ).json();
  sub = { id: s.id, secret: s.manageUrl.split('/s/')[1] };
  jayId = (
    await t.api('POST', `/api/v1/calls/${call.id}/jurors`, {
      token: tokens.manager,
      body: { email: 'jay@jury.net', name: 'Jay' },
    })
  ).json().id;
  tokens.juror = (
    await createToken(t.database.db, (await findUserByEmail(t.database.db, t.network.id, 'jay@jury.net'))!, 't')
  ).token;
  await t.api('POST', `/api/v1/calls/${call.id}/assignments`, { token: tokens.manager, body: {} });
});
afterAll(() => t.close());

const ROLES: Role[] = ['visitor', 'member', 'applicant', 'juror', 'manager', 'admin'];
const as = (role: Role, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown) => {
  const withSecret = role === 'applicant' ? `${url}${url.includes('?') ? '&' : '?'}secret=${sub.secret}` : url;
  return t.api(method, withSecret, {
    ...(tokens[role] ? { token: tokens[role] } : {}),
    ...(body !== undefined ? { body } : {}),
  });
};

it('answers each role as the matrix says', async () => {
  const matrix: [string, (r: Role) => ReturnType<typeof as>, Record<Role, number>][] = [
    [
      'read the call',
      (r) => as(r, 'GET', `/api/v1/calls/${call.id}`),
      { visitor: 200, member: 200, applicant: 200, juror: 200, manager: 200, admin: 200 },
    ],
    [
      'create a chapter call',
      (r) => as(r, 'POST', '/api/v1/calls', makeCall({ chapter: 'charleroi' })),
      { visitor: 401, member: 403, applicant: 401, juror: 403, manager: 201, admin: 201 },
    ],
    [
      'change the open call',
      (r) => as(r, 'PATCH', `/api/v1/calls/${call.id}`, { newVersion: { reason: 'typo' } }),
      { visitor: 401, member: 403, applicant: 401, juror: 403, manager: 200, admin: 200 },
    ],
    [
      'read a submission',
      (r) => as(r, 'GET', `/api/v1/submissions/${sub.id}`),
      { visitor: 404, member: 404, applicant: 200, juror: 404, manager: 200, admin: 200 },
    ],
    [
      'change a submission',
      (r) => as(r, 'PATCH', `/api/v1/submissions/${sub.id}`, { title: 'T2' }),
      { visitor: 404, member: 404, applicant: 200, juror: 404, manager: 403, admin: 403 },
    ],
    [
      'invite a juror',
      (r) => as(r, 'POST', `/api/v1/calls/${call.id}/jurors`, { email: `j-${r}@x.net`, name: 'J' }),
      { visitor: 401, member: 403, applicant: 401, juror: 403, manager: 201, admin: 201 },
    ],
    [
      'send a juror a new invitation link',
      (r) => as(r, 'POST', `/api/v1/calls/${call.id}/jurors/${jayId}/invitation`),
      { visitor: 401, member: 403, applicant: 401, juror: 403, manager: 200, admin: 200 },
    ],
    [
      'list the jurors',
      (r) => as(r, 'GET', `/api/v1/calls/${call.id}/jurors`),
      { visitor: 401, member: 403, applicant: 401, juror: 403, manager: 200, admin: 200 },
    ],
    [
      'see the assignments',
      (r) => as(r, 'GET', `/api/v1/calls/${call.id}/assignments`),
      { visitor: 401, member: 403, applicant: 401, juror: 403, manager: 200, admin: 200 },
    ],
    [
      'declare a conflict',
      (r) => as(r, 'POST', `/api/v1/calls/${call.id}/conflicts`, { submissionId: sub.id, level: 'none' }),
      { visitor: 401, member: 403, applicant: 401, juror: 201, manager: 403, admin: 403 },
    ],
    [
      'review',
      (r) => as(r, 'PUT', `/api/v1/submissions/${sub.id}/review`, { scores: { impact: 3, feasibility: 3, fit: 3 } }),
      { visitor: 401, member: 403, applicant: 401, juror: 200, manager: 403, admin: 403 },
    ],
    [
      'see the results',
      (r) => as(r, 'GET', `/api/v1/calls/${call.id}/results`),
      { visitor: 401, member: 403, applicant: 401, juror: 403, manager: 200, admin: 200 },
    ],
    [
      'export the report',
      (r) => as(r, 'GET', `/api/v1/calls/${call.id}/report?format=csv`),
      { visitor: 401, member: 403, applicant: 401, juror: 403, manager: 200, admin: 200 },
    ],
  ];
  const wrong: string[] = [];
  for (const [action, request, expected] of matrix)
    for (const role of ROLES) {
      const res = await request(role);
      if (res.statusCode !== expected[role])
        wrong.push(`${role} ${action}: ${res.statusCode} (expected ${expected[role]}) ${res.body.slice(0, 120)}`);
    }
  expect(wrong).toEqual([]);
});
