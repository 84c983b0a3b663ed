import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';

/**
 * A page-cache hit is answered by the cached route's own onRequest hook, before validation and the
 * preHandlers: still after the rate limit, and after the context decided who and where the visitor is.
 */
const apps: TestApp[] = [];
afterAll(() => Promise.all(apps.map((a) => a.close())));

/** An app with one active chapter, written in SQL: no request is spent before the test's own. */
async function appWithChapter(overrides: Parameters<typeof startTestApp>[0] = {}): Promise<TestApp> {
  const t = await startTestApp(overrides);
  apps.push(t);
  await t.database.pool.query(
    `INSERT INTO chapters (network_id, slug, name, city, status) VALUES ($1, 'hit-town', 'Hit Town', 'Liège', 'active')`,
    [t.network.id],
  );
  return t;
}

describe('a page-cache hit', () => {
  it('still counts toward the rate limit', async () => {
    const t = await appWithChapter({ rateLimitPerMinute: 4 });
    const first = await t.app.inject({ url: '/chapters/hit-town', headers: { 'accept-language': 'fr' } });
    const statuses = [first.statusCode];
    for (let i = 0; i < 5; i++) {
      const again = await t.app.inject({
        url: '/chapters/hit-town',
        headers: { 'accept-language': 'fr', 'if-none-match': String(first.headers.etag) },
      });
      statuses.push(again.statusCode);
    }
    // Four requests a minute: then refused, cached or not.
    expect(statuses).toEqual([200, 304, 304, 304, 429, 429]);
  });

  it('is served in the visitor’s language, with the security headers, and 304 only for their copy', async () => {
    const t = await appWithChapter();
    const visit = (language: string, headers: Record<string, string> = {}) =>
      t.app.inject({ url: '/chapters/hit-town', headers: { 'accept-language': language, ...headers } });
    const first = await visit('fr');
    const hit = await visit('fr');
    expect([first.statusCode, hit.statusCode]).toEqual([200, 200]);
    expect(hit.body).toContain('<html lang="fr"');
    expect(hit.headers['content-security-policy']).toContain("default-src 'self'");
    expect(hit.headers['x-frame-options']).toBe('DENY');
    const english = await visit('en');
    expect(english.body).toContain('<html lang="en"');
    const notModified = await visit('fr', { 'if-none-match': String(hit.headers.etag) });
    expect(notModified.statusCode).toBe(304);
    // What lets the browser update its copy, not the content's type (RFC 9110, 15.4.5).
    expect(notModified.headers.etag).toBe(hit.headers.etag);
    expect(notModified.headers['cache-control']).toBe(hit.headers['cache-control']);
    expect(notModified.headers['content-type']).toBeUndefined();
    expect(notModified.body).toBe('');
    expect((await visit('fr', { 'if-none-match': '"another-copy"' })).statusCode).toBe(200);
  });
});
