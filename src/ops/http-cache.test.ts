import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await t.user('admin')).token;
  expect(
    (await t.api('POST', '/api/v1/chapters', { token, body: { name: 'Ghent', city: 'Gent', status: 'active' } }))
      .statusCode,
  ).toBe(201);
});
afterAll(() => t.close());

it('anonymous public answers get shared-cache headers, an ETag and a 304 on revalidation', async () => {
  const first = await t.app.inject({ method: 'GET', url: '/api/v1/chapters' });
  expect(first.statusCode).toBe(200);
  expect(first.headers['cache-control']).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=300');
  expect(first.headers.vary).toMatch(/Accept-Language/);
  const etag = first.headers.etag as string;
  expect(etag).toMatch(/^"[\w-]+"$/);
  const again = await t.app.inject({ method: 'GET', url: '/api/v1/chapters', headers: { 'if-none-match': etag } });
  expect(again.statusCode).toBe(304);
  expect(again.body).toBe('');
  // A change gives another ETag, so the old copy is not served as current.
  await t.api('POST', '/api/v1/chapters', { token, body: { name: 'Hasselt', city: 'Hasselt', status: 'active' } });
  const changed = await t.app.inject({ method: 'GET', url: '/api/v1/chapters', headers: { 'if-none-match': etag } });
  expect(changed.statusCode).toBe(200);
  expect(changed.headers.etag).not.toBe(etag);
});

it('feeds keep their own max-age and gain s-maxage for shared caches', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/calendar.ics' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+.*s-maxage=60, stale-while-revalidate=300$/);
  expect(res.headers.etag).toBeDefined();
});

it('never lets a shared cache keep anything personal', async () => {
  const withToken = await t.api('GET', '/api/v1/chapters', { token });
  expect(withToken.headers['cache-control']).toBe('private, no-store');
  expect(withToken.headers.etag).toBeUndefined();
  const withSession = await t.app.inject({
    method: 'GET',
    url: '/api/v1/chapters',
    cookies: { essaim_session: 'whatever-the-value' },
  });
  expect(withSession.headers['cache-control']).toBe('private, no-store');
  // A secret link, even one that leads nowhere.
  const secret = await t.app.inject({ method: 'GET', url: '/calendar/personal/not-a-real-token.ics' });
  expect(secret.headers['cache-control']).toMatch(/^private/);
  const ticket = await t.app.inject({ method: 'GET', url: '/api/v1/chapters?secret=abc' });
  expect(ticket.headers['cache-control']).toBe('private, no-store');
  // Pages carry a CSRF token per visitor: they stay private too.
  const page = await t.app.inject({ method: 'GET', url: '/' });
  expect(page.headers['cache-control']).toMatch(/^private/);
  // Writes and errors are not made cacheable.
  const missing = await t.app.inject({ method: 'GET', url: '/api/v1/chapters/nowhere' });
  expect(String(missing.headers['cache-control'] ?? '')).not.toMatch(/s-maxage/);
});
