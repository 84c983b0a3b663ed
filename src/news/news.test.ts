import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { publishDueArticles } from './service.js';

let t: TestApp;
let admin: string;
let organiser: { token: string; id: string };
let author: { token: string; id: string };
let editor: { token: string; id: string };
let member: string;

beforeAll(async () => {
  t = await startTestApp({ allowPrivateWebhooks: true });
  admin = (await t.user('admin')).token;
  for (const slug of ['charleroi', 'kortrijk'])
    await t.api('POST', '/api/v1/chapters', {
      token: admin,
      body: { name: slug[0]!.toUpperCase() + slug.slice(1), city: slug, status: 'active' },
    });
  const o = await t.user('member');
  organiser = { token: o.token, id: o.user.id };
  await t.api('POST', '/api/v1/chapters/charleroi/organizers', { token: admin, body: { email: o.user.email } });
  const a = await t.user('member');
  author = { token: a.token, id: a.user.id };
  await t.api('PUT', '/api/v1/chapters/charleroi/follow', { token: a.token });
  const e = await t.user('member');
  editor = { token: e.token, id: e.user.id };
  expect((await t.api('PUT', `/api/v1/news/editors/${e.user.id}`, { token: admin })).statusCode).toBe(204);
  member = (await t.user('member')).token;
});
afterAll(() => t.close());

const write = (token: string | undefined, body: Record<string, unknown>) =>
  t.api('POST', '/api/v1/articles', { ...(token ? { token } : {}), body: { title: 'Un article', ...body } });

describe('policy matrix', () => {
  // who × (draft in Charleroi, publish in Charleroi, draft in Kortrijk, publish network-wide)
  const cases: [string, () => string | undefined, number, number, number, number][] = [
    ['author (follows Charleroi)', () => author.token, 201, 403, 403, 403],
    ['organiser of Charleroi', () => organiser.token, 201, 201, 403, 403],
    ['network editor', () => editor.token, 201, 201, 201, 201],
    ['admin', () => admin, 201, 201, 201, 201],
    ['member', () => member, 403, 403, 403, 403],
    ['anonymous', () => undefined, 401, 401, 401, 401],
  ];
  it.each(cases)('%s', async (_who, token, draftHere, publishHere, draftElsewhere, publishNetwork) => {
    const tok = token();
    expect((await write(tok, { chapter: 'charleroi' })).statusCode).toBe(draftHere);
    expect((await write(tok, { chapter: 'charleroi', status: 'published' })).statusCode).toBe(publishHere);
    expect((await write(tok, { chapter: 'kortrijk' })).statusCode).toBe(draftElsewhere);
    expect((await write(tok, { status: 'published' })).statusCode).toBe(publishNetwork);
  });

  it('an author edits their own draft, cannot publish it, and a draft is hidden from others', async () => {
    const draft = (await write(author.token, { chapter: 'charleroi', title: 'Brouillon secret' })).json();
    expect(
      (await t.api('PATCH', `/api/v1/articles/${draft.id}`, { token: author.token, body: { title: 'Brouillon 2' } }))
        .statusCode,
    ).toBe(200);
    const publish = await t.api('PATCH', `/api/v1/articles/${draft.id}`, {
      token: author.token,
      body: { status: 'published' },
    });
    expect(publish.statusCode).toBe(403);
    expect((await t.api('GET', `/api/v1/articles/${draft.id}`)).statusCode).toBe(404);
    expect((await t.api('GET', `/api/v1/articles/${draft.id}`, { token: member })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/v1/articles/${draft.id}`, { token: organiser.token })).json().title).toBe(
      'Brouillon 2',
    );
    expect((await t.app.inject({ url: `/news/${draft.slug}` })).statusCode).toBe(404);
    // The organiser publishes it; the author can no longer change it.
    expect(
      (await t.api('PATCH', `/api/v1/articles/${draft.id}`, { token: organiser.token, body: { status: 'published' } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.api('PATCH', `/api/v1/articles/${draft.id}`, { token: author.token, body: { title: 'x' } })).statusCode,
    ).toBe(403);
  });
});

describe('articles', () => {
  it('renders sanitised Markdown once, generates the excerpt, keeps terms, and lists revisions with a diff', async () => {
    const res = await write(editor.token, {
      title: 'Journée IT à Charleroi',
      chapter: 'charleroi',
      status: 'published',
      bodyMarkdown:
        '# Bienvenue\n\nUne **journée** pour les développeurs <script>alert(1)</script> et <a href="javascript:x" onclick="y">lien</a>.\n\n| a | b |\n|---|---|\n| 1 | 2 |',
      categories: ['Événements/IT day'],
      tags: ['Charleroi', 'Développement'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a.slug).toBe('journee-it-a-charleroi');
    expect(a.bodyHtml).toContain('<h2>Bienvenue</h2>');
    expect(a.bodyHtml).toContain('<table>');
    expect(a.bodyHtml).not.toMatch(/script|onclick|javascript:/);
    expect(a.excerpt).toBe('Bienvenue Une journée pour les développeurs et lien. a b 1 2');
    expect(a.categories).toEqual([{ slug: 'it-day', name: 'IT day', path: 'evenements/it-day' }]);
    expect(a.tags.map((x: { slug: string }) => x.slug)).toEqual(['charleroi', 'developpement']);
    expect(a.authors[0].name).toMatch(/^Test member/);

    const patched = await t.api('PATCH', `/api/v1/articles/${a.id}`, {
      token: editor.token,
      body: { bodyMarkdown: '# Bienvenue\n\nUne journée pour tous.' },
    });
    expect(patched.json().revision).toBe(2);
    expect(patched.json().excerpt).toBe('Bienvenue Une journée pour tous.');
    const revs = await t.api('GET', `/api/v1/articles/${a.id}/revisions`, { token: editor.token });
    expect(revs.json().items).toHaveLength(2);
    expect(revs.json().items[1].diff).toContain('+Une journée pour tous.');
    expect((await t.api('GET', `/api/v1/articles/${a.id}/revisions`, { token: author.token })).statusCode).toBe(403);
  });

  it('refuses a taken slug with 409 and a scheduled article without a time with 400', async () => {
    await write(admin, { title: 'Unique', slug: 'unique-slug' });
    const dup = await write(admin, { title: 'Other', slug: 'unique-slug' });
    expect(dup.statusCode).toBe(409);
    const bad = await write(admin, { status: 'scheduled' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('publishAt');
  });

  it('publishes a scheduled article when its time comes, once, and queues article.published', async () => {
    const receiver = 'http://127.0.0.1:9/hook';
    const hook = await t.api('POST', '/api/v1/webhooks', {
      token: admin,
      body: { url: receiver, events: ['article.published', 'article.updated'] },
    });
    expect(hook.statusCode, hook.body).toBe(201);
    const when = new Date(Date.now() + 3_600_000);
    const a = (await write(admin, { title: 'Plus tard', status: 'scheduled', publishAt: when.toISOString() })).json();
    expect(a.status).toBe('scheduled');
    expect((await t.app.inject({ url: '/news' })).body).not.toContain('Plus tard');
    expect(await publishDueArticles(t.database.db, new Date(when.getTime() - 1000))).toBe(0);
    expect(await publishDueArticles(t.database.db, new Date(when.getTime() + 1000))).toBe(1);
    expect(await publishDueArticles(t.database.db, new Date(when.getTime() + 2000))).toBe(0);
    const now = (await t.api('GET', `/api/v1/articles/${a.id}`)).json();
    expect(now.status).toBe('published');
    expect(now.publishedAt).toBe(when.toISOString());
    const { rows } = await t.database.pool.query(
      `SELECT event, payload FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at`,
      [hook.json().id],
    );
    expect(rows.map((r) => r.event)).toEqual(['article.published']);
    expect(rows[0].payload.data.slug).toBe('plus-tard');
    await t.api('PATCH', `/api/v1/articles/${a.id}`, { token: admin, body: { title: 'Plus tard, modifié' } });
    const after = await t.database.pool.query(`SELECT event FROM webhook_deliveries WHERE endpoint_id = $1`, [
      hook.json().id,
    ]);
    expect(after.rows.map((r) => r.event).sort()).toEqual(['article.published', 'article.updated']);
  });

  it('takes a cover picture, re-encoded at several widths with a srcset', async () => {
    const a = (await write(admin, { title: 'Avec image', status: 'published' })).json();
    const png = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#c30' } })
      .png()
      .toBuffer();
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/articles/${a.id}/cover`,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'image/png' },
      payload: png,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().cover.srcset).toMatch(/320w.*640w.*1280w/);
    const page = await t.app.inject({ url: '/news/avec-image' });
    expect(page.body).toContain('srcset="/media/');
    expect(page.body).toContain('property="og:image"');
    const notImage = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/articles/${a.id}/cover`,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'image/png' },
      payload: Buffer.from('not a picture at all'),
    });
    expect(notImage.statusCode).toBe(415);
  });

  it('links translations with hreflang and gives JSON-LD, OG tags, canonical and the partner label', async () => {
    const fr = (
      await write(admin, { title: 'Lancement à Courtrai', status: 'published', partner: true, language: 'fr' })
    ).json();
    const nl = (
      await write(admin, { title: 'Lancering in Kortrijk', status: 'published', language: 'nl', translationOf: fr.id })
    ).json();
    expect(nl.translations).toEqual([{ id: fr.id, language: 'fr', slug: fr.slug }]);
    const page = await t.app.inject({ url: `/news/${fr.slug}?lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`hreflang="nl" href="${t.config.baseUrl}/news/${nl.slug}"`);
    expect(page.body).toContain(`<link rel="canonical" href="${t.config.baseUrl}/news/${fr.slug}"`);
    expect(page.body).toContain('property="og:title" content="Lancement à Courtrai"');
    expect(page.body).toContain('Partner content');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)![1]!);
    expect(ld).toMatchObject({ '@type': 'NewsArticle', headline: 'Lancement à Courtrai', genre: 'Partner content' });
    expect((await t.app.inject({ url: `/news/${fr.slug}?lang=fr` })).body).toContain('Contenu partenaire');
  });
});

describe('pages, feeds, search', () => {
  it('lists, paginates, and serves category, tag, author and chapter pages', async () => {
    for (let i = 1; i <= 12; i++)
      await write(editor.token, {
        title: `Série ${i}`,
        status: 'published',
        chapter: 'kortrijk',
        categories: ['Vie du réseau/Antennes'],
        tags: ['série'],
      });
    const first = await t.app.inject({ url: '/chapters/kortrijk/news' });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Page 1 of 2'.replace('of', first.body.includes('sur') ? 'sur' : 'of'));
    const second = await t.app.inject({ url: '/chapters/kortrijk/news?page=2&lang=en' });
    expect(second.body).toContain('Page 2 of 2');
    expect((await t.app.inject({ url: '/chapters/kortrijk/news?page=9' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/news/category/vie-du-reseau?lang=en' })).body).toContain('Série 12');
    expect((await t.app.inject({ url: '/news/category/vie-du-reseau/antennes/' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/news/tag/serie' })).body).toContain('Série 3');
    expect((await t.app.inject({ url: '/news/tag/nothing' })).statusCode).toBe(404);
    const home = await t.app.inject({ url: '/?lang=nl' });
    expect(home.body).toContain('Laatste nieuws');
    expect((await t.app.inject({ url: '/chapters/kortrijk' })).body).toContain('Série 12');
  });

  it('serves RSS and Atom per network, chapter, category and tag, and lists articles in the sitemap', async () => {
    const rss = await t.app.inject({ url: '/news.rss?chapter=kortrijk' });
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(rss.body).toContain('<title>Série 12</title>');
    expect(rss.body).not.toContain('Journée IT');
    const atom = await t.app.inject({ url: '/news.atom?tag=serie' });
    expect(atom.headers['content-type']).toContain('application/atom+xml');
    expect(atom.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">');
    expect((await t.app.inject({ url: '/news.rss?category=evenements' })).body).toContain('Journée IT');
    const map = await t.app.inject({ url: '/sitemap.xml' });
    expect(map.body).toContain('/news/journee-it-a-charleroi</loc>');
    expect(map.body).not.toContain('/news/un-article<'); // the author's first draft
  });

  it('finds articles without accents and with a typo, never drafts', async () => {
    const byFolded = (await t.api('GET', '/api/v1/articles?q=journee')).json();
    expect(byFolded.items.map((a: { slug: string }) => a.slug)).toContain('journee-it-a-charleroi');
    const typo = (await t.api('GET', '/api/v1/articles?q=lancment')).json();
    expect(typo.items.map((a: { title: string }) => a.title)).toContain('Lancement à Courtrai');
    await write(admin, { title: 'Zanzibar en brouillon' });
    expect((await t.api('GET', '/api/v1/articles?q=zanzibar')).json().items).toEqual([]);
    const page = await t.app.inject({ url: '/news?q=Journée' });
    expect(page.body).toContain('Journée IT à Charleroi');
  });

  it('lets editors list drafts and refuses that to members', async () => {
    expect((await t.api('GET', '/api/v1/articles?status=draft', { token: member })).statusCode).toBe(403);
    const drafts = await t.api('GET', '/api/v1/articles?status=draft', { token: editor.token });
    expect(drafts.statusCode).toBe(200);
    expect(drafts.json().items.every((a: { status: string }) => a.status === 'draft')).toBe(true);
  });
});
