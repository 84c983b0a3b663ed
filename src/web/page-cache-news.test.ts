import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeCall } from '../calls/test-fixtures.js';
import { importWxr } from '../news-import/wxr.js';

/**
 * Writes this process does not make (another server on the database, the CLI's import, plain
 * SQL) reach the cached anonymous pages of news and calls through the NOTIFY triggers of
 * migration 0016: well before the five seconds an entry otherwise lives.
 */

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
});
afterAll(() => t?.close());

const anonymous = (url: string) => t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });

/** Polls an anonymous page for a second: the notification, not the cache's TTL, must bring the change. */
async function seenWithinASecond(url: string, text: string): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < 1000) {
    if ((await anonymous(url)).body.includes(text)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe('news and calls pages cached for anonymous visitors', () => {
  it('show an article changed by plain SQL and articles imported by the CLI at once', async () => {
    const res = await t.api('POST', '/api/v1/articles', {
      token: admin,
      body: { title: 'Cached headline', bodyMarkdown: 'Hello', status: 'published', language: 'en' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id, slug } = res.json();
    expect((await anonymous('/news')).body).toContain('Cached headline');
    expect((await anonymous(`/news/${slug}`)).body).toContain('Cached headline');

    await t.database.pool.query('UPDATE articles SET title = $1 WHERE id = $2', ['Changed elsewhere', id]);
    expect(await seenWithinASecond('/news', 'Changed elsewhere')).toBe(true);
    expect(await seenWithinASecond(`/news/${slug}`, 'Changed elsewhere')).toBe(true);

    const xml = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>http://old.example.org</wp:base_site_url>
<item><title>Imported from the old blog</title><link>http://old.example.org/imported/</link>
<content:encoded><![CDATA[<p>Old text</p>]]></content:encoded><wp:post_id>7</wp:post_id>
<wp:post_date_gmt>2014-05-06 10:00:00</wp:post_date_gmt><wp:post_name>imported</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item></channel></rss>`;
    // The import writes through its own connection, as the CLI process does.
    expect((await anonymous('/news/imported')).statusCode).toBe(404);
    const report = await importWxr(t.database.db, t.network, Readable.from([Buffer.from(xml)]));
    expect(report.counts.created).toBe(1);
    expect(await seenWithinASecond('/news', 'Imported from the old blog')).toBe(true);
  });

  it('show a call renamed by plain SQL at once', async () => {
    const res = await t.api('POST', '/api/v1/calls', { token: admin, body: makeCall({ slug: 'cached-call' }) });
    expect(res.statusCode, res.body).toBe(201);
    expect((await anonymous('/calls/cached-call')).body).toContain('Coworking call');
    await t.database.pool.query(
      `UPDATE calls SET title = jsonb_set(title, '{en}', '"Renamed call"') WHERE slug = 'cached-call'`,
    );
    expect(await seenWithinASecond('/calls/cached-call', 'Renamed call')).toBe(true);
  });
});
