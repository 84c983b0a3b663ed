import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, type FormSession, signIn } from '../../test/support/forms.js';

let t: TestApp;
let editor: FormSession;
let member: FormSession;

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.user('admin');
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
    expect(revisions.body).toContain('+La **rentrée** des antennes, publiée.');
    expect((await editor.get('/admin/news')).body).toContain('Rentrée à Namur');
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
