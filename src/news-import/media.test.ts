import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { type OldSite, startOldSite, wxrPost, wxrStream } from '../../test/support/old-site.js';
import { blobStoreFor } from '../storage/service.js';
import { MediaFetcher } from './media.js';
import { oldHosts, rewriteLinks } from './wxr-items.js';
import { importWxr } from './wxr.js';

let t: TestApp;
let site: OldSite;
let old: string;

beforeAll(async () => {
  // The webhooks' explicit test allowance lets the guard reach this local "old site".
  t = await startTestApp({ allowPrivateWebhooks: true });
  const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c33' } })
    .jpeg()
    .toBuffer();
  site = await startOldSite({
    '/wp-content/uploads/2015/01/photo.jpg': photo,
    '/wp-content/uploads/moved.jpg': { redirect: '/wp-content/uploads/2015/01/photo.jpg' },
    '/wp-content/uploads/big.jpg': Buffer.alloc(300_000, 1),
    '/wp-content/uploads/notes.jpg': 'not a picture at all',
    '/wp-content/uploads/slow.jpg': { after: 3000, body: photo },
  });
  old = site.host;
});
afterAll(async () => {
  await site.close();
  await t.close();
});

const item = (id: number, body: string) => wxrPost(old, { id, body });
const wxr = (items: string) => wxrStream(items, `http://${old}`);
const media = () => ({ store: blobStoreFor(t.config), allowPrivate: true, maxBytes: 200_000, timeoutMs: 1000 });

describe('--fetch-media', () => {
  it('brings the old site’s pictures home, lists failures and other hosts, and never aborts a post', async () => {
    const u = site.upload;
    const first = item(
      1,
      `<p><img src="${u('2015/01/photo.jpg')}" srcset="${u('2015/01/photo.jpg')} 400w, ${u('big.jpg')} 1024w" alt="Photo">
<span style="background:url('//${old}/wp-content/uploads/2015/01/photo.jpg')">fond</span>
<img src="https://cdn.other.example/x.png"> <a href="http://${old}/billet-2/">suite</a></p>`,
    );
    const second = item(
      2,
      `<p><img src="${u('notes.jpg')}"><img src="${u('slow.jpg')}"><img src="${u('moved.jpg')}"></p>`,
    );
    const dry = await importWxr(t.database.db, t.network, wxr(first + second), { dryRun: true, media: media() });
    expect(site.hits).toEqual([]);
    expect(dry.media.external).toEqual(['https://cdn.other.example/x.png']);

    const r = await importWxr(t.database.db, t.network, wxr(first + second), { media: media() });
    expect(r.counts).toMatchObject({ created: 2, failed: 0 });
    // The same picture shown three ways is fetched once; a redirect is followed (and checked again).
    expect(site.hits.filter((h) => h.endsWith('photo.jpg'))).toHaveLength(2);
    expect(r.media.fetched.map((f) => f.url)).toEqual([u('2015/01/photo.jpg'), u('moved.jpg')]);
    expect(Object.fromEntries(r.media.failed.map((f) => [f.url.split('/').at(-1), f.reason]))).toEqual({
      'big.jpg': 'larger than 200000 bytes',
      'notes.jpg': expect.stringContaining('notes.jpg'),
      'slow.jpg': 'no answer within 1 s',
    });
    expect(r.media.external).toEqual(['https://cdn.other.example/x.png']);

    const { rows } = await t.database.pool.query<{ slug: string; body_markdown: string }>(
      `SELECT slug, body_markdown FROM articles WHERE network_id = $1 ORDER BY slug`,
      [t.network.id],
    );
    const [one, two] = rows;
    const picture = r.media.fetched[0]!.to;
    expect(picture).toMatch(/^\/media\/[0-9a-f-]{36}\/\d+\.webp$/);
    expect(one!.body_markdown).toContain(`src="${picture}" srcset="${picture} 400w, ${u('big.jpg')} 1024w"`);
    expect(one!.body_markdown).toContain(`url('${picture}')`);
    expect(one!.body_markdown).toContain('src="https://cdn.other.example/x.png"');
    expect(one!.body_markdown).toContain('href="/news/billet-2"');
    // Failed pictures keep their old address; the post is there all the same.
    expect(two!.body_markdown).toContain(`src="${u('notes.jpg')}"`);
    expect(two!.body_markdown).toContain(`src="${r.media.fetched[1]!.to}"`);
    const served = await t.app.inject({ url: picture });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    const page = await t.app.inject({ url: '/news/billet-1' });
    expect(page.body).toContain(picture);

    const again = await importWxr(t.database.db, t.network, wxr(first + second), { media: media() });
    expect(again.counts).toMatchObject({ unchanged: 2, created: 0, updated: 0 });
    expect(again.media.fetched).toEqual([]);
  });

  it('refuses private addresses without the explicit allowance, and the post is written anyway', async () => {
    const before = site.hits.length;
    const fetcher = new MediaFetcher(t.network.id, new Set([old]), { ...media(), allowPrivate: false });
    await t.database.db.transaction((tx) =>
      fetcher.fetchFor(tx, `<img src="http://${old}/wp-content/uploads/2015/01/photo.jpg">`),
    );
    expect(fetcher.report.fetched).toEqual([]);
    expect(fetcher.report.failed[0]!.reason).toMatch(/^refused: /);
    expect(site.hits.length).toBe(before);
  });
});

describe('links to the old site', () => {
  const hosts = oldHosts('http://old.example.org', undefined, 'https://www.old.example.org/');
  const links = new Map([
    ['/path', '/news/path'],
    ['/2015/01/hello', '/news/hello'],
    ['?p=12', '/news/twelve'],
  ]);
  const media = new Map([['old.example.org/wp-content/uploads/a.jpg', '/media/u1/640.webp']]);

  it.each([
    ['<a href="http://old.example.org/path/">x</a>', '<a href="/news/path">x</a>'],
    ['<a href="https://www.old.example.org/2015/01/hello">x</a>', '<a href="/news/hello">x</a>'],
    ['see http://old.example.org/path.', 'see /news/path.'],
    ['<a href="http://old.example.org/?p=12">x</a>', '<a href="/news/twelve">x</a>'],
    [
      '<img srcset="//old.example.org/wp-content/uploads/a.jpg 1x, http://old.example.org/b.jpg 2x">',
      '<img srcset="/media/u1/640.webp 1x, http://old.example.org/b.jpg 2x">',
    ],
    [
      '<div style="background: url(http://old.example.org/wp-content/uploads/a.jpg)">',
      '<div style="background: url(/media/u1/640.webp)">',
    ],
  ])('%s', (body, expected) => {
    expect(rewriteLinks(body, links, hosts, media)).toBe(expected);
  });

  it.each([
    'http://old.example.org/path-2/',
    'http://old.example.org/pathology',
    'http://old.example.org.evil.net/path/',
    'http://old.example.org@evil.net/path/',
    'http://evil.net/old.example.org/path/',
    'http://notold.example.org/path/',
    'http://old.example.org/wp-content/uploads/a.jpg.html',
  ])('leaves the look-alike %s alone', (url) => {
    expect(rewriteLinks(`<a href="${url}">x</a>`, links, hosts, media)).toBe(`<a href="${url}">x</a>`);
  });
});
