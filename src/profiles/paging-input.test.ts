import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn } from '../../test/support/forms.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let member: Awaited<ReturnType<TestApp['user']>>;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin', 'paging-admin@example.org');
  member = await t.user('member', 'paging-member@example.org');
});
afterAll(() => t.close());

const cursorOf = (after: string) => Buffer.from(JSON.stringify({ after })).toString('base64url');

describe('bad paging input never answers 500', () => {
  it('/api/v1/me/registrations refuses a forged cursor with a 400 problem', async () => {
    for (const after of ['1e300', '1e20', '1.5', '-1', '1000001', ' ', 'NaN', 'Infinity']) {
      const res = await t.api('GET', `/api/v1/me/registrations?cursor=${cursorOf(after)}`, { token: member.token });
      expect(res.statusCode, `${after}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors).toEqual([
        { field: 'cursor', message: 'is not a valid cursor', code: 'validation.badCursor' },
      ]);
    }
    for (const after of ['0', '20', '1000000']) {
      const res = await t.api('GET', `/api/v1/me/registrations?cursor=${cursorOf(after)}`, { token: member.token });
      expect(res.statusCode, `${after}: ${res.body}`).toBe(200);
    }
  });

  it('/me shows the first page for an offset that is not a small whole number', async () => {
    const b = await signIn(t.app, { email: member.user.email, password: member.password });
    for (const offset of ['1.5', '1e20', '-3', 'abc', '99999999999', '1&offset=2', '50']) {
      const res = await b.get(`/me?offset=${offset}`);
      expect(res.statusCode, `${offset}: ${res.body.slice(0, 300)}`).toBe(200);
      expect(res.body).toContain('paging-member@example.org');
    }
  });

  it('/admin/members takes the first of a repeated q and the first page for a bad offset', async () => {
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
    const repeated = await b.get('/admin/members?q=paging-member&q=nobody');
    expect(repeated.statusCode, repeated.body.slice(0, 300)).toBe(200);
    expect(repeated.body).toContain('paging-member@example.org');
    expect(repeated.body).not.toContain('paging-admin@example.org');
    for (const offset of ['1.5', '1e20', '-3', 'abc', '99999999999', '1&offset=2']) {
      const res = await b.get(`/admin/members?q=paging&offset=${offset}`);
      expect(res.statusCode, `${offset}: ${res.body.slice(0, 300)}`).toBe(200);
      expect(res.body).toContain('paging-member@example.org');
      expect(res.body).toContain('paging-admin@example.org');
    }
    const past = await b.get('/admin/members?q=paging&offset=100');
    expect(past.statusCode).toBe(200);
    expect(past.body).not.toContain('paging-member@example.org');
  });
});
