import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, type FormSession, signIn } from '../../test/support/forms.js';

let t: TestApp;
let editor: FormSession;
let member: FormSession;
let admin: Awaited<ReturnType<TestApp['user']>>;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  editor = await signIn(t.app, { email: admin.user.email, password: admin.password });
  const m = await t.user('member');
  member = await signIn(t.app, { email: m.user.email, password: m.password });
});
afterAll(() => t.close());

describe('the writing desk', () => {
  it('writes, schedules and publishes an article with a cover picture through the form', async () => {
    const page = await editor.get('/admin/news/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    const png = await sharp({ create: { width: 900, height: 500, channels: 3, background: '#084' } })
      .png()
      .toBuffer();
    const res = await editor.upload(
      '/admin/news',
      {
        _csrf: csrfOf(page.body),
        title: 'Rentrée à Namur',
        bodyMarkdown: 'La **rentrée** des antennes.',
        excerpt: '',
        language: 'fr',
        chapter: '',
        categories: 'Vie du réseau',
        tags: 'namur, rentrée',
        status: 'scheduled',
        publishAt: '2099-09-01T09:00',
      },
      { field: 'cover', filename: 'cover.png', content: png, type: 'image/png' },
    );
    expect(res.statusCode, res.body).toBe(303);
    const id = /\/admin\/news\/([0-9a-f-]{36})/.exec(res.headers.location as string)![1]!;
    const article = (await t.api('GET', `/api/v1/articles/${id}`, { token: (await t.user('admin')).token })).json();
    expect(article).toMatchObject({ status: 'scheduled', publishAt: '2099-09-01T07:00:00.000Z' });
    expect(article.cover.srcset).toContain('640w');
    expect((await t.app.inject({ url: '/news/rentree-a-namur' })).statusCode).toBe(404);

    const edit = await editor.get(`/admin/news/${id}`);
    expect(edit.body).toContain('value="2099-09-01T09:00"');
    const publish = await editor.upload(
      `/admin/news/${id}`,
      {
        _csrf: csrfOf(edit.body),
        title: 'Rentrée à Namur',
        bodyMarkdown: 'La **rentrée** des antennes, publiée.',
        language: 'fr',
        chapter: '',
        categories: 'Vie du réseau',
        tags: 'namur',
        status: 'published',
        publishAt: '',
      },
      { field: 'cover', filename: 'empty', content: '', type: 'application/octet-stream' },
    );
    expect(publish.statusCode, publish.body).toBe(303);
    const pub = await t.app.inject({ url: '/news/rentree-a-namur' });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('<strong>rentrée</strong> des antennes, publiée.');
    const revisions = await editor.get(`/admin/news/${id}/revisions`);
    expect(revisions.body).toContain('des antennes<ins>, publiée</ins>.');
    expect((await editor.get('/admin/news')).body).toContain('Rentrée à Namur');
  });

  it('refuses a schedule already past beside its field, and shows when an article went live', async () => {
    const fr = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });
    const fields = {
      title: 'Trop tard',
      bodyMarkdown: 'Un texte.',
      language: 'fr',
      chapter: '',
      status: 'scheduled',
      publishAt: '2020-03-01T09:00',
    };
    const empty = { field: 'cover', filename: 'empty', content: '', type: 'application/octet-stream' };
    const page = await fr.get('/admin/news/new');
    const late = await fr.upload('/admin/news', { _csrf: csrfOf(page.body), ...fields }, empty);
    expect(late.statusCode).toBe(400);
    expect(late.body.replace(/\u00a0/g, ' ')).toContain(
      'Publier le (pour « Programmé », heure de Bruxelles)</span> : Cette heure est déjà passée : choisissez une heure à venir, ou le statut « Publié » pour publier maintenant.',
    );
    expect(late.body).toContain('<p class="field-error" id="f-publishAt-error">Cette heure est déjà passée');
    expect((await t.api('GET', '/api/v1/articles?q=trop')).json().total).toBe(0);
    // The API answers the same.
    const api = await t.api('POST', '/api/v1/articles', {
      token: admin.token,
      body: { title: 'Trop tard', bodyMarkdown: 'x', status: 'scheduled', publishAt: '2020-03-01T08:00:00Z' },
    });
    expect(api.statusCode).toBe(400);
    expect(api.json().errors[0]).toMatchObject({ field: 'publishAt', code: 'news.problem.publishAtPastField' });

    // Scheduled for later, then published: the list and the form show the publication, not the last save.
    const later = await fr.get('/admin/news/new');
    const made = await fr.upload(
      '/admin/news',
      { _csrf: csrfOf(later.body), ...fields, publishAt: '2099-05-04T10:30' },
      empty,
    );
    expect(made.statusCode, made.body).toBe(303);
    const id = /\/admin\/news\/([0-9a-f-]{36})/.exec(made.headers.location as string)![1]!;
    const row = (list: string) => /<tr><td><a href="[^"]+">Trop tard<\/a>[\s\S]*?<\/tr>/.exec(list)![0];
    expect(row((await fr.get('/admin/news')).body)).toContain('Programmé pour le 04/05/2099 10:30');
    const edit = await fr.get(`/admin/news/${id}`);
    const publish = await fr.upload(
      `/admin/news/${id}`,
      { _csrf: csrfOf(edit.body), ...fields, status: 'published', publishAt: '2099-05-04T10:30' },
      empty,
    );
    expect(publish.statusCode, publish.body).toBe(303);
    const article = (await t.api('GET', `/api/v1/articles/${id}`, { token: admin.token })).json();
    const wentLive = new Date(article.publishedAt);
    expect(Date.now() - wentLive.getTime()).toBeLessThan(60_000);
    const shown = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Brussels',
      dateStyle: 'short',
      timeStyle: 'short',
    })
      .format(wentLive)
      .replace(' ', 'T');
    expect((await fr.get(`/admin/news/${id}`)).body).toMatch(
      new RegExp(`<input id="f-publishAt" name="publishAt" type="datetime-local" value="${shown}">`),
    );
    const listed = row((await fr.get('/admin/news')).body);
    expect(listed).not.toContain('Programmé pour le');
    expect(listed).not.toContain('2099');
  });

  it('publishes as planned a schedule whose time came before the timer ran, when the form is saved unchanged', async () => {
    const later = new Date(Date.now() + 3_600_000);
    const a = await t.api('POST', '/api/v1/articles', {
      token: admin.token,
      body: { title: 'Prévu de longue date', bodyMarkdown: 'x', status: 'scheduled', publishAt: later.toISOString() },
    });
    const id = a.json().id;
    // The time came while the timer was not running (seconds kept, which the form does not show).
    await t.database.pool.query(
      `UPDATE articles SET publish_at = date_trunc('minute', now()) - interval '5 minutes' + interval '17 seconds' WHERE id = $1`,
      [id],
    );
    const edit = await editor.get(`/admin/news/${id}`);
    const shown = /<input id="f-publishAt" name="publishAt" type="datetime-local" value="([^"]+)">/.exec(
      edit.body,
    )![1]!;
    const saved = await editor.upload(
      `/admin/news/${id}`,
      {
        _csrf: csrfOf(edit.body),
        title: 'Prévu de longue date',
        bodyMarkdown: 'x, relu',
        language: 'fr',
        chapter: '',
        status: 'scheduled',
        publishAt: shown,
      },
      { field: 'cover', filename: 'empty', content: '', type: 'application/octet-stream' },
    );
    expect(saved.statusCode, saved.body).toBe(303);
    expect((await t.api('GET', `/api/v1/articles/${id}`, { token: admin.token })).json().status).toBe('published');
  });

  it('shows each revision as a word diff, and a save that only published it as a change of status', async () => {
    const created = await t.api('POST', '/api/v1/articles', {
      token: admin.token,
      body: { title: 'Journée à Liège', bodyMarkdown: 'Rendez-vous samedi à la gare.', status: 'draft' },
    });
    const id = created.json().id;
    await t.api('PATCH', `/api/v1/articles/${id}`, { token: admin.token, body: { status: 'published' } });
    await t.api('PATCH', `/api/v1/articles/${id}`, {
      token: admin.token,
      body: { title: 'Journée à Liège (reportée)', bodyMarkdown: 'Rendez-vous dimanche à la gare.' },
    });
    const fr = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });
    const page = await fr.get(`/admin/news/${id}/revisions`);
    expect(page.statusCode).toBe(200);
    const html = page.body.replace(/\u00a0/g, ' ');
    const section = (n: number) => new RegExp(`<h2>Révision ${n}</h2>[\\s\\S]*?</section>`).exec(html)![0];
    expect(section(2)).toContain('<p>Statut : Brouillon → Publié</p>');
    expect(section(2)).toContain('Le texte n’a pas changé.');
    expect(section(3)).toContain('<del>samedi</del><ins>dimanche</ins>');
    expect(section(3)).toContain('<p>Titre : <del>Journée à Liège</del> → <ins>Journée à Liège (reportée)</ins></p>');
    expect(section(3)).not.toContain('Statut :');
    for (const jargon of ['Index:', '=====', '@@', 'No newline at end of file', '+++'])
      expect(html).not.toContain(jargon);
  });

  it('shows invalid input beside its field and refuses a file that is not a picture', async () => {
    const page = await editor.get('/admin/news/new');
    const res = await editor.upload(
      '/admin/news',
      { _csrf: csrfOf(page.body), title: '', bodyMarkdown: 'x', status: 'draft', language: 'fr' },
      { field: 'cover', filename: 'x.png', content: 'not a picture', type: 'image/png' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('is required');
    const page2 = await editor.get('/admin/news/new');
    const res2 = await editor.upload(
      '/admin/news',
      { _csrf: csrfOf(page2.body), title: 'Photo ratée', bodyMarkdown: 'x', status: 'draft', language: 'fr' },
      { field: 'cover', filename: 'x.png', content: 'not a picture', type: 'image/png' },
    );
    expect(res2.statusCode).toBe(400);
    expect(res2.body).toContain('not a file of an accepted type');
  });

  it('refuses a member who may not publish network-wide', async () => {
    const page = await member.get('/admin/news/new');
    const res = await member.upload(
      '/admin/news',
      {
        _csrf: csrfOf(page.body),
        title: 'Pirate',
        bodyMarkdown: 'x',
        status: 'published',
        language: 'fr',
        chapter: '',
      },
      { field: 'cover', filename: 'empty', content: '', type: 'application/octet-stream' },
    );
    expect(res.statusCode).toBe(403);
    expect((await t.api('GET', '/api/v1/articles?q=pirate')).json().total).toBe(0);
  });
});
