import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, type FormSession, signIn } from '../../test/support/forms.js';
import { linkRemotePictures, remotePictures } from './external-images.js';

let t: TestApp;
let fr: FormSession;
let nl: FormSession;
let admin: Awaited<ReturnType<TestApp['user']>>;
const noFile = { field: 'cover', filename: 'empty', content: '', type: 'application/octet-stream' };
const idOf = (location: unknown) => /\/admin\/news\/([0-9a-f-]{36})/.exec(String(location))![1]!;
const tidy = (html: string) => html.replace(/\u00a0/g, ' ');

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  fr = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });
  nl = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'nl' });
});
afterAll(() => t.close());

describe('the cover in the editor', () => {
  it('shows the current cover with its description, uses it as the alt everywhere, and removes it', async () => {
    const png = await sharp({ create: { width: 800, height: 450, channels: 3, background: '#c40' } })
      .png()
      .toBuffer();
    const page = await fr.get('/admin/news/new');
    expect(tidy(page.body)).toContain('Pas encore d’image de couverture.');
    expect(tidy(page.body)).toContain('Laissez-le vide seulement pour une image purement décorative.');
    const made = await fr.upload(
      '/admin/news',
      {
        _csrf: csrfOf(page.body),
        title: 'Nettoyage du parc',
        bodyMarkdown: 'Merci à toutes et tous.',
        language: 'fr',
        chapter: '',
        status: 'published',
        coverAlt: 'Des bénévoles ramassent des déchets au parc',
      },
      { field: 'cover', filename: 'parc.png', content: png, type: 'image/png' },
    );
    expect(made.statusCode, made.body).toBe(303);
    const id = idOf(made.headers.location);

    const edit = tidy((await fr.get(`/admin/news/${id}`)).body);
    expect(edit).toMatch(
      /<img src="\/media\/[^"]+" srcset="[^"]+" sizes="16rem" width="256" alt="Des bénévoles ramassent/,
    );
    expect(edit).toContain('<figcaption>L’image de couverture actuelle</figcaption>');
    expect(edit).toContain('<label for="f-removeCover">Retirer l’image de couverture</label>');
    expect(edit).toContain('value="Des bénévoles ramassent des déchets au parc"');
    expect(edit).not.toContain('Pas encore d’image de couverture.');
    expect((await nl.get(`/admin/news/${id}`)).body).toContain('De omslagafbeelding verwijderen');

    const article = await t.app.inject({ url: '/news/nettoyage-du-parc', headers: { 'accept-language': 'fr' } });
    expect(article.body).toMatch(
      /<img src="[^"]+" srcset="[^"]+" sizes="\(max-width: 800px\)[^"]*" alt="Des bénévoles/,
    );
    expect(article.body).toContain(
      '<meta property="og:image:alt" content="Des bénévoles ramassent des déchets au parc">',
    );
    const list = await t.app.inject({ url: '/news', headers: { 'accept-language': 'fr' } });
    expect(list.body).toMatch(/alt="Des bénévoles ramassent des déchets au parc" loading="lazy"/);
    const api = (await t.api('GET', `/api/v1/articles/${id}`)).json();
    expect(api.cover.alt).toBe('Des bénévoles ramassent des déchets au parc');
    expect(api.coverAlt).toBe('Des bénévoles ramassent des déchets au parc');

    // Saved again without touching the cover: it stays; ticked "remove": it goes, the description stays.
    const keep = await fr.get(`/admin/news/${id}`);
    const fields = {
      title: 'Nettoyage du parc',
      bodyMarkdown: 'Merci !',
      language: 'fr',
      chapter: '',
      status: 'published',
    };
    const kept = await fr.upload(
      `/admin/news/${id}`,
      { _csrf: csrfOf(keep.body), ...fields, coverAlt: 'Des bénévoles au parc' },
      noFile,
    );
    expect(kept.statusCode, kept.body).toBe(303);
    expect((await t.api('GET', `/api/v1/articles/${id}`)).json().cover).toMatchObject({ alt: 'Des bénévoles au parc' });
    const again = await fr.get(`/admin/news/${id}`);
    const removed = await fr.upload(
      `/admin/news/${id}`,
      { _csrf: csrfOf(again.body), ...fields, coverAlt: 'Des bénévoles au parc', removeCover: 'on' },
      noFile,
    );
    expect(removed.statusCode, removed.body).toBe(303);
    const after = (await t.api('GET', `/api/v1/articles/${id}`)).json();
    expect(after.cover).toBeNull();
    expect(after.coverAlt).toBe('Des bénévoles au parc');
    expect(tidy((await fr.get(`/admin/news/${id}`)).body)).toContain('Pas encore d’image de couverture.');
    expect((await t.app.inject({ url: '/news/nettoyage-du-parc' })).body).not.toContain('og:image');
  });

  it('takes the description and the removal through the API, and refuses a description on several lines', async () => {
    const created = await t.api('POST', '/api/v1/articles', {
      token: admin.token,
      body: { title: 'Affiche', bodyMarkdown: 'x', coverAlt: 'L’affiche de la fête' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ cover: null, coverAlt: 'L’affiche de la fête' });
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#48c' } })
      .png()
      .toBuffer();
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/articles/${id}/cover`,
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'image/png' },
      payload: png,
    });
    expect(put.json().cover.alt).toBe('L’affiche de la fête');
    const bad = await t.api('PATCH', `/api/v1/articles/${id}`, {
      token: admin.token,
      body: { coverAlt: 'deux\nlignes', cover: null },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('coverAlt');
    expect((await t.api('GET', `/api/v1/articles/${id}`)).json().cover).not.toBeNull();
    const gone = await t.api('PATCH', `/api/v1/articles/${id}`, { token: admin.token, body: { cover: null } });
    expect(gone.statusCode).toBe(200);
    expect(gone.json()).toMatchObject({ cover: null, coverAlt: 'L’affiche de la fête' });
    // DELETE …/cover, as for events, chapters and venues: by who may edit the article only.
    await t.app.inject({
      method: 'PUT',
      url: `/api/v1/articles/${id}/cover`,
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'image/png' },
      payload: png,
    });
    const member = await t.user('member');
    expect((await t.api('DELETE', `/api/v1/articles/${id}/cover`, { token: member.token })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/v1/articles/${id}`, { token: admin.token })).json().cover).not.toBeNull();
    expect((await t.api('DELETE', `/api/v1/articles/${id}/cover`, { token: admin.token })).statusCode).toBe(204);
    expect((await t.api('GET', `/api/v1/articles/${id}`, { token: admin.token })).json()).toMatchObject({
      cover: null,
      coverAlt: 'L’affiche de la fête',
    });
  });
});

describe('the categories in the editor', () => {
  it('shows their names, not their slugs, and saving the form keeps the same categories', async () => {
    // An imported category whose slug is not its name's, with a sub-category.
    const networkId = t.network.id;
    const parent = await t.database.pool.query(
      `INSERT INTO news_categories (network_id, slug, path, name) VALUES ($1, 'actu', 'actu', 'Actualités') RETURNING id`,
      [networkId],
    );
    await t.database.pool.query(
      `INSERT INTO news_categories (network_id, parent_id, slug, path, name) VALUES ($1, $2, 'reseau', 'actu/reseau', 'Vie du réseau')`,
      [networkId, parent.rows[0].id],
    );
    const created = await t.api('POST', '/api/v1/articles', {
      token: admin.token,
      body: {
        title: 'Assemblée générale',
        bodyMarkdown: 'x',
        categories: ['actu/reseau', 'Arts, culture'],
        tags: ['AG'],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const count = async () =>
      Number(
        (await t.database.pool.query(`SELECT count(*) FROM news_categories WHERE network_id = $1`, [networkId])).rows[0]
          .count,
      );
    const before = await count();

    for (const session of [fr, nl]) {
      const edit = await session.get(`/admin/news/${id}`);
      expect(edit.body).toContain(
        'name="categories" aria-describedby="f-categories-help" type="text" value="Actualités/Vie du réseau, &quot;Arts, culture&quot;"',
      );
      expect(edit.body).not.toContain('value="actu/reseau');
      const saved = await session.upload(
        `/admin/news/${id}`,
        {
          _csrf: csrfOf(edit.body),
          title: 'Assemblée générale',
          bodyMarkdown: 'x',
          language: 'fr',
          chapter: '',
          status: 'draft',
          categories: 'Actualités/Vie du réseau, "Arts, culture"',
          tags: 'AG',
        },
        noFile,
      );
      expect(saved.statusCode, saved.body).toBe(303);
      const article = (await t.api('GET', `/api/v1/articles/${id}`, { token: admin.token })).json();
      expect(article.categories).toEqual([
        { slug: 'reseau', name: 'Vie du réseau', path: 'actu/reseau' },
        { slug: 'arts-culture', name: 'Arts, culture', path: 'arts-culture' },
      ]);
      expect(await count()).toBe(before);
    }
  });
});

describe('a scheduled article', () => {
  it('says on its preview, in its editor and in the list when it will appear, day and time in Brussels', async () => {
    const created = await t.api('POST', '/api/v1/articles', {
      token: admin.token,
      body: { title: 'Fête de printemps', bodyMarkdown: 'x', status: 'scheduled', publishAt: '2099-05-04T08:30:00Z' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const preview = tidy((await fr.get('/news/fete-de-printemps')).body);
    expect(preview).toContain('Paraîtra le 4 mai 2099 à 10:30 (heure de Bruxelles)');
    expect(tidy((await nl.get('/news/fete-de-printemps')).body)).toContain(
      'Verschijnt op 4 mei 2099 om 10:30 (Brusselse tijd)',
    );
    expect(tidy((await fr.get(`/admin/news/${id}`)).body)).toContain(
      '<p class="notice">Paraîtra le 4 mai 2099 à 10:30 (heure de Bruxelles)</p>',
    );
    const row = (html: string) => /<tr><td><a href="[^"]+">Fête de printemps<\/a>[\s\S]*?<\/tr>/.exec(html)![0];
    expect(row((await nl.get('/admin/news')).body)).toContain('Gepland voor 04/05/2099 10:30');
    // In winter Brussels is one hour ahead of UTC, not two.
    await t.api('PATCH', `/api/v1/articles/${id}`, { token: admin.token, body: { publishAt: '2099-12-24T17:05:00Z' } });
    expect(tidy((await fr.get('/news/fete-de-printemps')).body)).toContain('Paraîtra le 24 décembre 2099 à 18:05');
    expect(row((await fr.get('/admin/news')).body)).toContain('Programmé pour le 24/12/2099 18:05');
  });
});

describe('pictures from other sites in a rendered text', () => {
  const own = ['https://essaim.example', 'http://namur.essaim.example:8080'];
  const label = (host: string, alt: string) => (alt ? `[${host}: ${alt}]` : `[${host}]`);

  it('become links named by their host; this site’s own (by any of its names), relative ones and links stay', () => {
    const html = [
      '<p><img src="https://cdn.example.org/a.png?x=1&amp;y=2" alt="Tom &amp; Jerry &lt;3" loading="lazy" /></p>',
      '<p><img src="//cdn.example.org/b.png" /></p>',
      '<p><img src="https://essaim.example/media/c.webp" alt="own" /><img src="http://namur.essaim.example:8080/d.png" /></p>',
      '<p><img src="/media/e.webp" alt="relative" /> <a href="https://cdn.example.org/page">a page</a></p>',
    ].join('');
    expect(remotePictures(html, own)).toEqual(['https://cdn.example.org/a.png?x=1&y=2', '//cdn.example.org/b.png']);
    const out = linkRemotePictures(html, own, label);
    expect(out).toContain(
      '<a class="remote-picture" href="https://cdn.example.org/a.png?x=1&amp;y=2" rel="nofollow noopener">[cdn.example.org: Tom &amp; Jerry &lt;3]</a>',
    );
    expect(out).toContain(
      '<a class="remote-picture" href="//cdn.example.org/b.png" rel="nofollow noopener">[cdn.example.org]</a>',
    );
    expect(out).toContain('<img src="https://essaim.example/media/c.webp" alt="own" />');
    expect(out).toContain('<img src="http://namur.essaim.example:8080/d.png" />');
    expect(out).toContain('<img src="/media/e.webp" alt="relative" />');
    expect(out).toContain('<a href="https://cdn.example.org/page">a page</a>');
    expect(linkRemotePictures('<p>No picture.</p>', own, label)).toBe('<p>No picture.</p>');
  });
});
