import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { blobStoreFor, saveFile } from '../storage/service.js';
import { importWxr } from './wxr.js';

// --fetch-media beyond the pictures a body shows: featured images no body shows, and the PDF
// documents posts link to. The old site is a local HTTP server on 127.0.0.1 (the webhooks'
// explicit test allowance lets the outbound address guard reach it).

let t: TestApp;
let server: http.Server;
let old: string;
const hits: string[] = [];
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  t = await startTestApp({ allowPrivateWebhooks: true });
  const cover = await sharp({ create: { width: 500, height: 300, channels: 3, background: '#393' } })
    .jpeg()
    .toBuffer();
  server = http.createServer((req, res) => {
    hits.push(req.url!);
    if (req.url === '/wp-content/uploads/une.jpg') return res.end(cover);
    if (req.url === '/wp-content/uploads/programme.pdf') return res.end(pdf);
    if (req.url === '/wp-content/uploads/faux.pdf') return res.end('<html>not a document</html>');
    if (req.url === '/wp-content/uploads/lourd.pdf') return res.end(Buffer.concat([pdf, Buffer.alloc(300_000, 32)]));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  old = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await t.close();
});

const u = (p: string) => `http://${old}/wp-content/uploads/${p}`;
const post = (
  id: number,
  body: string,
  extra = '',
) => `<item><title>Billet ${id}</title><link>http://${old}/billet-${id}/</link>
<content:encoded><![CDATA[${body}]]></content:encoded><wp:post_id>${id}</wp:post_id><wp:post_name>billet-${id}</wp:post_name>
<wp:post_date_gmt>2015-01-0${id} 10:00:00</wp:post_date_gmt><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>${extra}</item>`;
const attachment = (
  id: number,
  url: string,
) => `<item><title>fichier ${id}</title><link>http://${old}/?attachment_id=${id}</link>
<wp:post_id>${id}</wp:post_id><wp:post_name>fichier-${id}</wp:post_name><wp:status>inherit</wp:status>
<wp:post_type>attachment</wp:post_type><wp:attachment_url>${url}</wp:attachment_url></item>`;
const thumb = (id: number) =>
  `<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value><![CDATA[${id}]]></wp:meta_value></wp:postmeta>`;
const wxr = (items: string) =>
  Readable.from([
    Buffer.from(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>http://${old}</wp:base_site_url>
${items}</channel></rss>`),
  ]);
const media = () => ({ store: blobStoreFor(t.config), allowPrivate: true, maxBytes: 200_000, timeoutMs: 2000 });
const file = () =>
  [
    // The featured image is no body's picture; its attachment comes after the post, as WordPress may list it.
    post(1, '<p>Une affiche, sans image dans le texte.</p>', thumb(50)),
    post(
      2,
      `<p>Le <a href="${u('programme.pdf')}">programme</a>, <a href="${u('faux.pdf')}">un faux</a>, <a href="${u('lourd.pdf')}">un lourd</a>, <a href="https://ailleurs.example/doc.pdf">ailleurs</a>.</p>`,
    ),
    attachment(50, u('une.jpg')),
  ].join('\n');

describe('--fetch-media: featured images and documents', () => {
  it('without --fetch-media nothing is fetched: the featured image waits, documents keep their address', async () => {
    const r = await importWxr(t.database.db, t.network, wxr(file()), { dryRun: true, media: media() });
    expect(hits).toEqual([]);
    expect(r.media.external).toEqual(['https://ailleurs.example/doc.pdf']);
  });

  it('fetches the featured image no body shows and the linked PDF; failures are listed and never abort a post', async () => {
    const r = await importWxr(t.database.db, t.network, wxr(file()), { media: media() });
    expect(r.counts).toMatchObject({ created: 2, failed: 0 });
    expect(r.archive.covers).toEqual({ set: 1, waiting: 0 });
    expect(r.media.fetched.map((f) => f.url).sort()).toEqual([u('programme.pdf'), u('une.jpg')]);
    expect(Object.fromEntries(r.media.failed.map((f) => [f.url.split('/').at(-1), f.reason]))).toEqual({
      'faux.pdf': expect.stringContaining('faux.pdf'),
      'lourd.pdf': 'larger than 200000 bytes',
    });
    expect(r.media.external).toEqual(['https://ailleurs.example/doc.pdf']);

    // The featured image is the article's cover, on its page.
    const page = await t.app.inject({ url: '/news/billet-1' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<img[^>]+src="\/media\/[0-9a-f-]{36}\/\d+\.webp"/);

    // The document is linked at its new address and served there byte for byte.
    const to = r.media.fetched.find((f) => f.url === u('programme.pdf'))!.to;
    expect(to).toMatch(/^\/media\/files\/[0-9a-f-]{36}\/programme\.pdf$/);
    const { rows } = await t.database.pool.query<{ body: string }>(
      "SELECT body_markdown AS body FROM articles WHERE slug = 'billet-2' AND network_id = $1",
      [t.network.id],
    );
    expect(rows[0]!.body).toContain(`href="${to}"`);
    expect(rows[0]!.body).toContain(`href="${u('faux.pdf')}"`);
    expect(rows[0]!.body).toContain('href="https://ailleurs.example/doc.pdf"');
    const served = await t.app.inject({ url: to });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('application/pdf');
    expect(served.headers['content-security-policy']).toBe('sandbox');
    expect(served.rawPayload.equals(pdf)).toBe(true);

    // Importing again fetches nothing more.
    const before = hits.length;
    const again = await importWxr(t.database.db, t.network, wxr(file()), { media: media() });
    expect(again.counts).toMatchObject({ unchanged: 2 });
    expect(again.archive.covers).toEqual({ set: 1, waiting: 0 });
    expect(hits.slice(before).filter((h) => h.endsWith('une.jpg') || h.endsWith('programme.pdf'))).toEqual([]);
  });

  it('serves only documents an import brought: another stored file is not reachable by its id', async () => {
    const receipt = await saveFile(
      t.database.db,
      blobStoreFor(t.config),
      t.network.id,
      { bytes: Buffer.concat([pdf, Buffer.from('% a receipt\n')]), name: 'receipt.pdf', field: 'file' },
      { accept: ['application/pdf'], maxBytes: 1_000_000 },
      null,
    );
    expect((await t.app.inject({ url: `/media/files/${receipt.id}/receipt.pdf` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/media/files/not-a-uuid/x.pdf' })).statusCode).toBe(404);
  });
});
