import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, signIn } from '../../test/support/forms.js';
import {
  type OldSite,
  startOldSite,
  wxrAttachment,
  wxrPost,
  wxrStream,
  wxrThumbnail,
} from '../../test/support/old-site.js';
import { blobStoreFor } from '../storage/service.js';
import { fetchArticleMedia, fetchNetworkMedia } from './remote-media.js';
import { importWxr } from './wxr.js';

// Posts imported without --fetch-media show pictures from the old site, which the pages' CSP
// (img-src 'self') does not load. The old site is a local HTTP server on a free port, serving a
// real PNG; the webhooks' explicit test allowance lets the outbound address guard reach it.

let t: TestApp;
let site: OldSite;
let png: Buffer;
let kaartId: string;
let posts: string[];
const tidy = (html: string) => html.replace(/\u00a0/g, ' ');

beforeAll(async () => {
  t = await startTestApp({ allowPrivateWebhooks: true });
  png = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#27a' } })
    .png()
    .toBuffer();
  site = await startOldSite({ '/wp-content/uploads/fanfare.png': png, '/wp-content/uploads/une.png': png });
  posts = [
    wxrPost(site.host, {
      id: 1,
      body: `<p>La fête.</p><p><img src="${site.upload('fanfare.png')}" alt="La fanfare"></p>
<p><a href="${site.upload('fanfare.png')}"><img src="${site.upload('fanfare.png')}"></a> <img src="${site.upload('perdue.png')}"></p>`,
      extra: wxrThumbnail(9),
    }),
    // The attachment's description (WordPress's alt text) becomes the cover's.
    wxrAttachment(site.host, 9, site.upload('une.png')).replace(
      '</item>',
      '<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value><![CDATA[L’affiche\nde la fête]]></wp:meta_value></wp:postmeta></item>',
    ),
    wxrPost(site.host, { id: 2, body: `<p>Sans image.</p>` }),
  ];
  const r = await importWxr(t.database.db, t.network, wxrStream(posts, `http://${site.host}`));
  expect(r.counts).toMatchObject({ created: 2 });
  expect(site.hits).toEqual([]);
});
afterAll(async () => {
  await site.close();
  await t.close();
});

const articleId = async (slug: string) => {
  const admin = await t.user('admin');
  const list = (await t.api('GET', '/api/v1/articles?limit=50', { token: admin.token })).json();
  return list.items.find((a: { slug: string }) => a.slug === slug).id as string;
};

describe('pictures from other sites', () => {
  it('are links on the article page, named by their host in the article’s language, and kept in the API', async () => {
    const page = tidy((await t.app.inject({ url: '/news/billet-1', headers: { 'accept-language': 'nl' } })).body);
    expect(page).toContain(
      `<a class="remote-picture" href="${site.upload('fanfare.png')}" rel="nofollow noopener">Image sur ${site.host} : La fanfare</a>`,
    );
    // Inside a link already: its words only, in that link.
    expect(page).toContain(
      `<a href="${site.upload('fanfare.png')}"><span class="remote-picture">Image sur ${site.host}</span></a>`,
    );
    expect(page).not.toMatch(/<img[^>]+src="http:\/\/127\.0\.0\.1/);
    const api = (await t.api('GET', `/api/v1/articles/${await articleId('billet-1')}`)).json();
    expect(api.bodyHtml).toContain(`<img src="${site.upload('fanfare.png')}"`);
    expect(api).toMatchObject({ cover: null, coverAlt: 'L’affiche de la fête' });
    const admin = await t.user('admin');
    const dutch = await t.api('POST', '/api/v1/articles', {
      token: admin.token,
      body: { title: 'Kaart', language: 'nl', status: 'published', bodyMarkdown: `![](${site.upload('fanfare.png')})` },
    });
    expect(tidy((await t.app.inject({ url: '/news/kaart' })).body)).toContain(`>Afbeelding op ${site.host}</a>`);
    kaartId = dutch.json().id;
    await t.api('PATCH', `/api/v1/articles/${kaartId}`, { token: admin.token, body: { status: 'draft' } });
  });

  it('are fetched from the editor by someone who may edit the article, with the reason of each failure', async () => {
    const id = await articleId('billet-1');
    const admin = await t.user('admin');
    const m = await t.user('member');
    const member = await signIn(t.app, { email: m.user.email, password: m.password }, { 'accept-language': 'fr' });
    const memberPage = await member.get('/news/billet-1');
    const refused = await member.request('POST', `/admin/news/${id}/fetch-media`, { _csrf: csrfOf(memberPage.body) });
    expect(refused.statusCode).toBe(403);
    expect(site.hits).toEqual([]);

    for (const [language, intro, button] of [
      ['nl', 'Dit artikel toont 2 afbeeldingen die op andere sites staan', 'De afbeeldingen binnenhalen'],
      ['fr', 'Cet article montre 2 images hébergées sur d’autres sites', 'Rapatrier les images'],
    ] as const) {
      const editor = await signIn(
        t.app,
        { email: admin.user.email, password: admin.password },
        { 'accept-language': language },
      );
      const edit = tidy((await editor.get(`/admin/news/${id}`)).body);
      expect(edit).toContain(intro);
      expect(edit).toContain(site.upload('une.png'));
      expect(edit).toContain(`<form method="post" action="/admin/news/${id}/fetch-media" novalidate>`);
      expect(edit).toContain(`>${button}</button>`);
    }
    const fr = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });
    const edit = await fr.get(`/admin/news/${id}`);
    const done = await fr.request('POST', `/admin/news/${id}/fetch-media`, { _csrf: csrfOf(edit.body) });
    expect(done.statusCode, done.body).toBe(200);
    const result = tidy(done.body);
    expect(result).toContain('Images rapatriées pour « Billet 1 »');
    expect(result).toContain('2 images rapatriées et hébergées ici, 1 n’a pas pu l’être.');
    expect(result).toContain(`<code>${site.upload('perdue.png')}</code> — HTTP 404`);

    const article = (await t.api('GET', `/api/v1/articles/${id}`)).json();
    expect(article.bodyMarkdown).not.toContain(site.upload('fanfare.png'));
    expect(article.bodyMarkdown).toMatch(/<img src="\/media\/[^"]+" alt="La fanfare">/);
    expect(article.bodyMarkdown).toContain(site.upload('perdue.png'));
    expect(article.cover).toMatchObject({ alt: 'L’affiche de la fête' });
    const page = tidy((await t.app.inject({ url: '/news/billet-1' })).body);
    expect(page).toMatch(/<img src="\/media\/[^"]+" alt="La fanfare"/);
    expect(page).toContain(`>Image sur ${site.host}</a>`);
    const stored = /<img src="(\/media\/[^"]+)"/.exec(page)![1]!;
    const picture = await t.app.inject({ url: stored });
    expect(picture.statusCode).toBe(200);
    expect((await sharp(picture.rawPayload).metadata()).width).toBeGreaterThan(0);
    const revisions = tidy((await fr.get(`/admin/news/${id}/revisions`)).body);
    expect(revisions).toContain('images d’autres sites rapatriées');
    // What is left: the one picture that could not be fetched; the cover came.
    const after = tidy((await fr.get(`/admin/news/${id}`)).body);
    expect(after).toContain('Cet article montre 1 image hébergée sur un autre site');
    expect(after).not.toContain('L’image de couverture importée est encore sur l’ancien site');
  });

  it('go through the outbound address guard, and the command line’s run over the network fetches what is left', async () => {
    const id = await articleId('billet-1');
    const guarded = await fetchArticleMedia(t.database.db, t.network, null, id, {
      ownOrigin: t.config.baseUrl,
      media: { store: blobStoreFor(t.config), allowPrivate: false },
      trusted: true,
    });
    expect(guarded.fetched).toEqual([]);
    expect(guarded.failed).toEqual([{ url: site.upload('perdue.png'), reason: expect.stringMatching(/^refused/) }]);
    const hits = site.hits.length;
    const all = await fetchNetworkMedia(t.database.db, t.network, {
      ownOrigin: t.config.baseUrl,
      media: { store: blobStoreFor(t.config), allowPrivate: true },
    });
    // billet-1's lost picture (asked again) and the Dutch draft's; billet-2 has none.
    expect(all.articles).toBe(2);
    expect(all.failed.map((f) => f.url)).toEqual([site.upload('perdue.png')]);
    expect(all.fetched.map((f) => f.url)).toEqual([site.upload('fanfare.png')]);
    expect(site.hits.length).toBe(hits + 2);
    const kaart = (await t.api('GET', `/api/v1/articles/${kaartId}`, { token: (await t.user('admin')).token })).json();
    expect(kaart.bodyMarkdown).toMatch(/^!\[\]\(\/media\/[^)]+\)$/);
    // A second run over the network: the same picture in two articles is fetched once.
    const twice = await t.api('POST', '/api/v1/articles', {
      token: (await t.user('admin')).token,
      body: {
        title: 'Deux fois',
        bodyMarkdown: `![](${site.upload('une.png')}) ![](${site.upload('une.png')})`,
      },
    });
    const again = await t.api('POST', '/api/v1/articles', {
      token: (await t.user('admin')).token,
      body: { title: 'Encore', bodyMarkdown: `![](${site.upload('une.png')})` },
    });
    expect([twice.statusCode, again.statusCode]).toEqual([201, 201]);
    const before = site.hits.length;
    const run = await fetchNetworkMedia(t.database.db, t.network, {
      ownOrigin: t.config.baseUrl,
      media: { store: blobStoreFor(t.config), allowPrivate: true },
    });
    expect(run.fetched.map((f) => f.url)).toEqual([site.upload('une.png')]);
    expect(site.hits.slice(before).filter((h) => h.endsWith('une.png'))).toHaveLength(1);
    const both = [twice.json().id, again.json().id];
    for (const id of both)
      expect(
        (await t.api('GET', `/api/v1/articles/${id}`, { token: (await t.user('admin')).token })).json().bodyMarkdown,
      ).not.toContain(site.host);
  });

  it('keep an editor’s own cover description when the export is imported again', async () => {
    const id = await articleId('billet-1');
    const admin = await t.user('admin');
    await t.api('PATCH', `/api/v1/articles/${id}`, {
      token: admin.token,
      body: { coverAlt: 'La fanfare sur la place' },
    });
    const again = await importWxr(t.database.db, t.network, wxrStream(posts, `http://${site.host}`));
    expect(again.counts.failed).toBe(0);
    expect((await t.api('GET', `/api/v1/articles/${id}`)).json().coverAlt).toBe('La fanfare sur la place');
  });
});
