import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession } from '../../test/support/forms.js';
import { SIGNUPS_PER_MINUTE } from './limit.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const accounts = async (like: string) =>
  Number((await t.database.pool.query(`SELECT count(*) FROM users WHERE email LIKE $1`, [like])).rows[0].count);

describe('the sign-up limit counts sign-ups, not mistakes', () => {
  it('on the page: a person who corrects their typos many times still signs up; one address signing up again and again is stopped', async () => {
    const b = new FormSession(t.app, { 'accept-language': 'fr' });
    const mistakes = [
      { name: 'Lea', email: 'lea@example', locale: 'fr' },
      { name: '', email: 'lea@example.org', locale: 'fr' },
      { name: 'Lea', email: 'lea@example.org', locale: 'xx' },
    ];
    for (let i = 0; i < SIGNUPS_PER_MINUTE + 2; i++) {
      const refused = await b.submit('/signup', '/signup', mistakes[i % mistakes.length]!);
      expect(refused.statusCode, `mistake ${i}`).toBe(400);
      expect(refused.body).toContain('class="field-error"');
    }
    const done = await b.submit('/signup', '/signup', { name: 'Lea', email: 'lea-page-0@example.org', locale: 'fr' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Consultez vos e-mails');

    for (let i = 1; i < SIGNUPS_PER_MINUTE; i++)
      expect(
        (await b.submit('/signup', '/signup', { name: 'Lea', email: `lea-page-${i}@example.org`, locale: 'fr' }))
          .statusCode,
      ).toBe(200);
    const limited = await b.submit('/signup', '/signup', {
      name: 'Lea',
      email: 'lea-page-x@example.org',
      locale: 'fr',
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body).toContain('Trop de requêtes depuis cette adresse');
    expect(await accounts('lea-page-%')).toBe(SIGNUPS_PER_MINUTE);

    // Another address is not held back by this one.
    const other = new FormSession(t.app, { 'accept-language': 'fr' });
    expect(
      (await other.submit('/signup', '/signup', { name: 'Max', email: 'max-page@example.org', locale: 'fr' }))
        .statusCode,
    ).toBe(200);
  });

  it('through the API: invalid bodies (400) are not counted, valid ones are', async () => {
    const post = (body: unknown) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        remoteAddress: '10.250.0.7',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
    for (let i = 0; i < SIGNUPS_PER_MINUTE + 2; i++)
      expect((await post({ name: 'Api', email: `not-an-address-${i}` })).statusCode).toBe(400);
    for (let i = 0; i < SIGNUPS_PER_MINUTE; i++)
      expect((await post({ name: 'Api', email: `api-limit-${i}@example.org` })).statusCode).toBe(202);
    const limited = await post({ name: 'Api', email: 'api-limit-x@example.org' });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(await accounts('api-limit-%')).toBe(SIGNUPS_PER_MINUTE);
  });
});
