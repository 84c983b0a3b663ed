import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';

// What a visitor reads: each story once, in their language when it is translated; chapters named in it.
let t: TestApp;
let admin: string;
const story: Record<'fr' | 'nl' | 'en', { id: string; slug: string }> = {} as never;

const write = (body: Record<string, unknown>) =>
  t.api('POST', '/api/v1/articles', { token: admin, body: { status: 'published', ...body } });
const page = (url: string) => t.app.inject({ url });
const count = (body: string, text: string) => body.split(text).length - 1;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  const chapter = await t.api('POST', '/api/v1/chapters', {
    token: admin,
    body: {
      name: 'Brussels',
      city: 'Bruxelles',
      status: 'active',
      language: 'en',
      translations: { fr: { name: 'Bruxelles' }, nl: { name: 'Brussel' } },
    },
  });
  expect(chapter.statusCode).toBe(201);
  // Ten stories in French only, then one written in English first and translated (the English one is
  // the group's original): the newest, so the home page shows it too.
  const base = { chapter: 'brussels', tags: ['Essaimage'], categories: ['Réseau'] };
  for (let i = 1; i <= 9; i++) await write({ ...base, title: `Brève ${i}`, language: 'fr' });
  await write({ ...base, title: 'Seulement en français', language: 'fr' });
  const en = (await write({ ...base, title: 'BetaGroup spreads to the regions', language: 'en' })).json();
  story.en = en;
  story.fr = (
    await write({ ...base, title: 'BetaGroup essaime en région', language: 'fr', translationOf: en.id })
  ).json();
  story.nl = (await write({ ...base, title: 'BetaGroup zwermt uit', language: 'nl', translationOf: en.id })).json();
});
afterAll(() => t.close());

describe('lists show each story once, in the reader’s language', () => {
  const lists = [
    '/news',
    '/chapters/brussels/news',
    '/news/tag/essaimage',
    '/news/category/reseau',
    '/news/author/' /* filled in below */,
  ];
  it.each([
    ['fr', 'BetaGroup essaime en région'],
    ['nl', 'BetaGroup zwermt uit'],
    ['en', 'BetaGroup spreads to the regions'],
  ] as const)('in %s', async (lang, title) => {
    const author = (await t.api('GET', `/api/v1/articles/${story.fr.id}`)).json().authors[0].slug;
    for (const path of [...lists.slice(0, 4), `/news/author/${author}`]) {
      const res = await page(`${path}?lang=${lang}`);
      expect(res.statusCode, path).toBe(200);
      expect(count(res.body, 'BetaGroup'), path).toBe(1);
      expect(res.body, path).toContain(title);
      expect(res.body, path).toContain(`Seulement en fran`);
    }
  });

  it('counts stories, not translations, for the pages', async () => {
    // 11 stories (13 articles): page 2 holds exactly one, and there is no page 3.
    const second = await page('/news?lang=en&page=2');
    expect(second.statusCode).toBe(200);
    expect(count(second.body, '<li class="card"')).toBe(1);
    expect((await page('/news?lang=en&page=3')).statusCode).toBe(404);
  });

  it('marks the original with its language when the reader’s translation is missing', async () => {
    const res = await page('/news?lang=nl');
    expect(res.body).toMatch(/<li class="card" lang="fr"><h3><a href="\/news\/seulement-en-francais">/);
    expect(res.body).toMatch(/<li class="card"><h3><a href="\/news\/[^"]+">BetaGroup zwermt uit</);
  });

  it('on the home and chapter pages too', async () => {
    for (const path of ['/?lang=nl', '/chapters/brussels?lang=nl']) {
      const res = await page(path);
      expect(count(res.body, 'BetaGroup'), path).toBe(1);
      expect(res.body, path).toContain('BetaGroup zwermt uit');
    }
  });

  it('gives one item per story in the feeds, in the reader’s language', async () => {
    const rss = await page('/news.rss?lang=nl');
    expect(count(rss.body, '<title>BetaGroup')).toBe(1);
    expect(rss.body).toContain('<title>BetaGroup zwermt uit</title>');
    const atom = await t.app.inject({ url: '/news.atom', headers: { 'accept-language': 'en' } });
    expect(count(atom.body, '<title>BetaGroup')).toBe(1);
    expect(atom.body).toContain('<title>BetaGroup spreads to the regions</title>');
  });

  it('the API still lists every translation', async () => {
    const res = await t.api('GET', '/api/v1/articles?chapter=brussels&limit=100');
    expect(res.json().items.filter((a: { title: string }) => a.title.startsWith('BetaGroup'))).toHaveLength(3);
  });
});

describe('an article page', () => {
  it('switches language to the translation', async () => {
    const res = await page(`/news/${story.fr.slug}`);
    for (const l of ['nl', 'en'] as const)
      expect(res.body).toContain(`<a href="/news/${story[l].slug}?lang=${l}" lang="${l}" hreflang="${l}"`);
    expect(res.body).toContain(`<a href="/news/${story.fr.slug}?lang=fr" lang="fr" hreflang="fr"`);
  });

  it('names each translation once for search engines, not the same article again under other menus', async () => {
    const res = await page(`/news/${story.fr.slug}`);
    const alternates = [...res.body.matchAll(/<link rel="alternate" hreflang="(\w+)" href="([^"]+)"/g)].map((m) => [
      m[1],
      new URL(m[2]!, 'http://x').pathname,
    ]);
    expect(alternates.sort()).toEqual((['en', 'fr', 'nl'] as const).map((l) => [l, `/news/${story[l].slug}`]).sort());
  });

  it('keeps the same article when it has no translation in that language', async () => {
    const res = await page('/news/seulement-en-francais');
    expect(res.body).toContain('<a href="/news/seulement-en-francais?lang=nl" lang="nl" hreflang="nl"');
  });
});

describe('chapter names in the page’s language', () => {
  it('on the chapter’s news and the article lines', async () => {
    const fr = await page('/chapters/brussels/news?lang=fr');
    expect(fr.body).toContain('<h1>Actualités de Bruxelles</h1>');
    expect(fr.body).toContain('<a href="/chapters/brussels/news">Bruxelles</a>');
    expect(fr.body).not.toContain('>Brussels<');
    const nl = await page(`/news/${story.nl.slug}?lang=nl`);
    expect(nl.body).toContain('<a href="/chapters/brussels/news">Brussel</a>');
    // English is the chapter's own language: its original name.
    const en = await page('/chapters/brussels/news?lang=en');
    expect(en.body).toContain('<a href="/chapters/brussels/news">Brussels</a>');
  });

  it('the API gives the original name and its language', async () => {
    const res = await t.api('GET', `/api/v1/articles/${story.fr.id}`);
    expect(res.json().chapter).toEqual({ slug: 'brussels', name: 'Brussels', lang: 'en' });
  });
});

describe('French typography on an article', () => {
  it('puts a non-breaking space before the colon of its labels', async () => {
    const res = await page(`/news/${story.fr.slug}?lang=fr`);
    for (const label of ['Catégories', 'Étiquettes', 'Aussi en']) expect(res.body).toContain(`${label}\u00a0: `);
    expect((await page(`/news/${story.fr.slug}?lang=en`)).body).toContain('Tags: ');
  });
});

describe('a term typed with accents or capitals', () => {
  it('301s to its slug, and an unknown one is still a 404', async () => {
    await write({ title: 'L’été des antennes', language: 'fr', tags: ['Été'], categories: ['Événements/Été'] });
    const tag = await page(`/news/tag/${encodeURIComponent('été')}?lang=nl`);
    expect(tag.statusCode).toBe(301);
    expect(tag.headers.location).toBe('/news/tag/ete?lang=nl');
    expect((await page('/news/tag/ETE')).headers.location).toBe('/news/tag/ete');
    const category = await page(`/news/category/${encodeURIComponent('Événements')}/${encodeURIComponent('Été')}`);
    expect(category.statusCode).toBe(301);
    expect(category.headers.location).toBe('/news/category/evenements/ete');
    expect((await page('/news/tag/ete')).statusCode).toBe(200);
    expect((await page(`/news/tag/${encodeURIComponent('hivér')}`)).statusCode).toBe(404);
    expect((await page('/news/category/Nulle-Part')).statusCode).toBe(404);
  });
});
