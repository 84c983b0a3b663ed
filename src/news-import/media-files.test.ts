import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import {
  type OldSite,
  startOldSite,
  wxrAttachment,
  wxrPost,
  wxrStream,
  wxrThumbnail,
} from '../../test/support/old-site.js';
import { blobStoreFor, saveFile } from '../storage/service.js';
import { importWxr } from './wxr.js';

// --fetch-media beyond the pictures a body shows: featured images no body shows, and the PDF
// documents posts link to. The old site is a local HTTP server on 127.0.0.1 (the webhooks'
// explicit test allowance lets the outbound address guard reach it).

let t: TestApp;
let site: OldSite;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  t = await startTestApp({ allowPrivateWebhooks: true });
  const cover = await sharp({ create: { width: 500, height: 300, channels: 3, background: '#393' } })
    .jpeg()
    .toBuffer();
  site = await startOldSite({
    '/wp-content/uploads/une.jpg': cover,
    '/wp-content/uploads/programme.pdf': pdf,
    '/wp-content/uploads/faux.pdf': '<html>not a document</html>',
    '/wp-content/uploads/lourd.pdf': Buffer.concat([pdf, Buffer.alloc(300_000, 32)]),
  });
});
afterAll(async () => {
  await site.close();
  await t.close();
});

const u = (p: string) => site.upload(p);
const wxr = (items: string) => wxrStream(items, `http://${site.host}`);
const media = () => ({ store: blobStoreFor(t.config), allowPrivate: true, maxBytes: 200_000, timeoutMs: 2000 });
const file = () =>
  [
    // The featured image is no body's picture; its attachment comes after the post, as WordPress may list it.
    wxrPost(site.host, { id: 1, body: '<p>Une affiche, sans image dans le texte.</p>', extra: wxrThumbnail(50) }),
    wxrPost(site.host, {
      id: 2,
      body: `<p>Le <a href="${u('programme.pdf')}">programme</a>, <a href="${u('faux.pdf')}">un faux</a>, <a href="${u('lourd.pdf')}">un lourd</a>, <a href="https://ailleurs.example/doc.pdf">ailleurs</a>.</p>`,
    }),
    wxrAttachment(site.host, 50, u('une.jpg')),
  ].join('\n');

describe('--fetch-media: featured images and documents', () => {
  it('without --fetch-media nothing is fetched: the featured image waits, documents keep their address', async () => {
    const r = await importWxr(t.database.db, t.network, wxr(file()), { dryRun: true, media: media() });
    expect(site.hits).toEqual([]);
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
    const before = site.hits.length;
    const again = await importWxr(t.database.db, t.network, wxr(file()), { media: media() });
    expect(again.counts).toMatchObject({ unchanged: 2 });
    expect(again.archive.covers).toEqual({ set: 1, waiting: 0 });
    expect(site.hits.slice(before).filter((h) => h.endsWith('une.jpg') || h.endsWith('programme.pdf'))).toEqual([]);
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
