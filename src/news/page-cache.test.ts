import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn } from '../../test/support/forms.js';
import { pageCacheSize } from '../web/page-cache.js';

/**
 * News pages, feeds and the articles API are in the cache of anonymous answers (web/page-cache.ts):
 * the same promises as for events — drafts never leak, an edit shows on the next anonymous answer,
 * an unchanged page answers 304.
 */

let t: TestApp;
let admin: { token: string; email: string; password: string };

const anonymous = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en', ...headers } });
const write = async (method: 'POST' | 'PATCH', url: string, body: Record<string, unknown>) => {
  const res = await t.api(method, url, { token: admin.token, body });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as { id: string; url: string; slug: string };
};

beforeAll(async () => {
  t = await startTestApp();
  const a = await t.user('admin');
  admin = { token: a.token, email: a.user.email, password: a.password };
  await write('POST', '/api/v1/chapters', { name: 'Cache News', city: 'Liège', status: 'active' });
});
afterAll(() => t?.close());

describe('news in the page cache', () => {
  it('never gives anonymous visitors a draft, even right after an editor looked at it', async () => {
    const draft = await write('POST', '/api/v1/articles', {
      title: 'Brouillon caché',
      bodyMarkdown: 'Pas encore.',
      chapter: 'cache-news',
    });
    const editor = await signIn(t.app, { email: admin.email, password: admin.password });
    const seen = await editor.get(draft.url);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain('Brouillon caché');
    expect((await anonymous(draft.url)).statusCode).toBe(404);
    expect((await anonymous('/news')).body).not.toContain('Brouillon caché');
    expect((await anonymous(`/api/v1/articles/${draft.id}`)).statusCode).toBe(404);
  });

  it('shows an edit on the next anonymous answer, and drops an article put back to draft from every list and feed', async () => {
    const a = await write('POST', '/api/v1/articles', {
      title: 'Première version',
      bodyMarkdown: 'Un **corps** en Markdown.',
      chapter: 'cache-news',
      status: 'published',
    });
    const places = [a.url, '/news', '/chapters/cache-news/news', '/news.rss', '/news.atom', '/api/v1/articles'];
    for (const url of places) expect((await anonymous(url)).body, url).toContain('Première version');

    await write('PATCH', `/api/v1/articles/${a.id}`, { title: 'Seconde version' });
    for (const url of places) {
      const body = (await anonymous(url)).body;
      expect(body, url).toContain('Seconde version');
      expect(body, url).not.toContain('Première version');
    }

    await write('PATCH', `/api/v1/articles/${a.id}`, { status: 'draft' });
    expect((await anonymous(a.url)).statusCode).toBe(404);
    for (const url of places.slice(1)) expect((await anonymous(url)).body, url).not.toContain('Seconde version');
  });

  it('answers 304 to a visitor whose copy of an article is current, and 200 once it changed', async () => {
    const a = await write('POST', '/api/v1/articles', {
      title: 'Article stable',
      bodyMarkdown: 'Rien ne change.',
      status: 'published',
    });
    const first = await anonymous(a.url);
    expect(first.statusCode).toBe(200);
    // Kept by the cache (uncached pages are `private, no-store` with no ETag: web/page-cache.test.ts).
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(pageCacheSize(t.app)!.entries).toBeGreaterThan(0);
    const etag = String(first.headers.etag);
    const cookie = first.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const again = await anonymous(a.url, { 'if-none-match': etag, cookie });
    expect(again.statusCode).toBe(304);

    await write('PATCH', `/api/v1/articles/${a.id}`, { bodyMarkdown: 'Tout change.' });
    const changed = await anonymous(a.url, { 'if-none-match': etag, cookie });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('Tout change.');
  });
});
