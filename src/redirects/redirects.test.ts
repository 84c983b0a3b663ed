import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { importMarkdown } from '../news-import/service.js';
import { redirectKey } from './service.js';

let t: TestApp;
let editor: string;
let slug: string;
const seed = fs.readFileSync(new URL('../../test/fixtures/seed-004.txt', import.meta.url), 'utf8');
const get = (url: string) => t.app.inject({ url });

beforeAll(async () => {
  t = await startTestApp();
  editor = (await t.user('admin')).token;
  const r = await importMarkdown(t.database.db, t.network, [{ path: 'seed.md', text: seed }]);
  expect(r.redirects).toBe(2);
  slug = r.lines[0]!.slug!;
  for (const title of ['Coworking à Mons, première', 'Coworking à Mons, deuxième'])
    await t.api('POST', '/api/v1/articles', {
      token: editor,
      body: { title, status: 'published', categories: ['Vie du réseau/Antennes'], tags: ['Mons'] },
    });
});
afterAll(() => t.close());

describe('old addresses', () => {
  it('normalises trailing slashes, percent-encoding case and tracking parameters into one key', () => {
    expect(redirectKey('/Caf%C3%A9/')).toBe(redirectKey('/caf%c3%a9'));
    expect(redirectKey('/?p=23&utm_source=x')).toBe('/?p=23');
  });

  it('answers 301 for the old permalink (with or without slash), ?p=ID, and the truncated slug', async () => {
    for (const url of [
      '/le-co-working-une-nouvelle-vision-de-lentrepr',
      '/le-co-working-une-nouvelle-vision-de-lentrepr/',
      '/LE-CO-WORKING-une-nouvelle-vision-de-lentrepr/',
      '/?p=23',
      '/index.php?p=23',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(301);
      expect(res.headers.location, url).toBe(`/news/${slug}`);
    }
    const final = await get(`/news/${slug}`);
    expect(final.statusCode).toBe(200); // no chain: one hop
  });

  it('maps /category/a/b/, /tag/x/, /feed/, /page/N/ and dated permalinks', async () => {
    expect((await get('/category/vie-du-reseau/antennes/')).headers.location).toBe(
      '/news/category/vie-du-reseau/antennes',
    );
    expect((await get('/tag/mons/')).headers.location).toBe('/news/tag/mons');
    expect((await get('/tag/mons/feed/')).headers.location).toBe('/news.rss?tag=mons');
    expect((await get('/feed/')).headers.location).toBe('/news.rss');
    expect((await get('/page/2/')).headers.location).toBe('/news?page=2');
    expect((await get('/2013/10/01/coworking-a-mons-premiere/')).headers.location).toBe(
      '/news/coworking-a-mons-premiere',
    );
    expect((await get('/category/nothing-here/')).statusCode).toBe(404);
  });

  it('redirects a cut slug only when exactly one article starts with it', async () => {
    expect((await get('/coworking-a-mons-prem')).headers.location).toBe('/news/coworking-a-mons-premiere');
    expect((await get('/coworking-a-mons')).statusCode).toBe(404); // two articles start so
  });

  it('lets editors add, change, export and import redirects, refusing loops, conflicts and other hosts', async () => {
    const add = (from: string, to: string) => t.api('POST', '/api/v1/redirects', { token: editor, body: { from, to } });
    expect((await add('/a', '/b')).statusCode).toBe(201);
    const ab = await add('/b', '/news/coworking-a-mons-premiere');
    expect(ab.statusCode).toBe(201);
    // No chains: /a now goes straight to the article.
    expect((await get('/a')).headers.location).toBe('/news/coworking-a-mons-premiere');
    expect((await add('/news/coworking-a-mons-premiere', '/a')).statusCode).toBe(409); // a loop
    expect((await add('/a', '/elsewhere')).statusCode).toBe(409); // a conflict
    expect((await add('/x', 'https://evil.example/')).statusCode).toBe(400);
    expect(
      (
        await t.api('POST', '/api/v1/redirects', {
          token: (await t.user('member')).token,
          body: { from: '/m', to: '/n' },
        })
      ).statusCode,
    ).toBe(403);
    const patched = await t.api('PATCH', `/api/v1/redirects/${ab.json().id}`, { token: editor, body: { to: '/news' } });
    expect(patched.json().to).toBe('/news');
    const csv = await t.api('GET', '/api/v1/redirects/export', { token: editor });
    expect(csv.body).toContain('/?p=23,/news/');
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/redirects/import',
      headers: { authorization: `Bearer ${editor}`, 'content-type': 'text/csv' },
      payload: 'from,to\n/old-1,/news\n/old-2/,/news/tag/mons\n',
    });
    expect(imported.json()).toEqual({ added: 2 });
    expect((await get('/old-2')).headers.location).toBe('/news/tag/mons');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/redirects/import',
      headers: { authorization: `Bearer ${editor}`, 'content-type': 'text/csv' },
      payload: '/old-3,/news\n/old-4,/old-4\n',
    });
    expect(bad.statusCode).toBe(409);
    expect(bad.json().detail).toMatch(/^Line 2/);
    expect((await get('/old-3')).statusCode).toBe(404); // all or nothing
  });

  it('imports what a spreadsheet saves (semicolons, quoted cells) and its own export, numbering lines as in the file', async () => {
    const importCsv = (payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/redirects/import',
        headers: { authorization: `Bearer ${editor}`, 'content-type': 'text/csv' },
        payload,
      });
    // A Belgian spreadsheet's CSV: semicolons, and a quoted cell holding one.
    const sheet = await importCsv('from;to\r\n/tableur-1;/news\r\n"/?cat=1;2";/news/tag/mons\r\n');
    expect(sheet.json()).toEqual({ added: 2 });
    expect((await get('/tableur-1')).headers.location).toBe('/news');
    // The export quotes a key holding a comma; it reads back unchanged, origin column and all.
    expect((await importCsv('from,to\n"/?p=1,2",/news\n')).json()).toEqual({ added: 1 });
    const exported = (await t.api('GET', '/api/v1/redirects/export', { token: editor })).body;
    expect(exported).toContain('"/?p=1,2",/news,');
    const again = await importCsv(exported);
    expect(again.statusCode).toBe(200);
    expect(exported).toBe((await t.api('GET', '/api/v1/redirects/export', { token: editor })).body);
    // A blank line still counts: the refusal names the line the editor sees in the file.
    const bad = await importCsv('/tableur-2;/news\n\n/tableur-3\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/^Line 3\b/);
    expect((await get('/tableur-2')).statusCode).toBe(404); // all or nothing
  });
});
