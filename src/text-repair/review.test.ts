import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, signIn } from '../../test/support/forms.js';
import { importMarkdown } from '../news-import/service.js';

let t: TestApp;
let admin: { token: string; email: string; password: string };
let id: string;
const seed = fs.readFileSync(new URL('../../test/fixtures/seed-004.txt', import.meta.url), 'utf8');

beforeAll(async () => {
  t = await startTestApp();
  const a = await t.user('admin');
  admin = { token: a.token, email: a.user.email, password: a.password };
  const r = await importMarkdown(t.database.db, t.network, [{ path: 'seed-004.md', text: seed }]);
  const slug = r.lines[0]!.slug!;
  id = (await t.api('GET', '/api/v1/articles?limit=5')).json().items.find((x: { slug: string }) => x.slug === slug).id;
});
afterAll(() => t.close());

type Repair = {
  id: string;
  original: string;
  replacement: string;
  state: string;
  field: string;
  alternatives: string[];
};
const repairs = async (): Promise<Repair[]> =>
  (await t.api('GET', `/api/v1/articles/${id}/repairs`, { token: admin.token })).json().items;
const article = async () => (await t.api('GET', `/api/v1/articles/${id}`)).json();

describe('reviewing repairs', () => {
  it('applies a queued word with an editor’s choice, rebuilding excerpt and search', async () => {
    const queued = (await repairs()).find((r) => r.state === 'queued' && r.original === 'englu??')!;
    expect(queued.replacement).toBe('englué');
    const res = await t.api('POST', `/api/v1/articles/${id}/repairs/${queued.id}`, {
      token: admin.token,
      body: { action: 'apply' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await article()).bodyMarkdown).toContain('plus englué que jamais');
    const again = await t.api('POST', `/api/v1/articles/${id}/repairs/${queued.id}`, {
      token: admin.token,
      body: { action: 'apply' },
    });
    expect(again.statusCode).toBe(409);
    expect((await t.api('GET', '/api/v1/articles?q=englue')).json().total).toBe(1);
  });

  it('undoes an applied repair and refuses anonymous and member decisions', async () => {
    const applied = (await repairs()).find((r) => r.state === 'applied' && r.original === 'r??seautage')!;
    const member = (await t.user('member')).token;
    expect(
      (await t.api('POST', `/api/v1/articles/${id}/repairs/${applied.id}`, { token: member, body: { action: 'undo' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.api('POST', `/api/v1/articles/${id}/repairs/${applied.id}`, { body: { action: 'undo' } })).statusCode,
    ).toBe(401);
    const res = await t.api('POST', `/api/v1/articles/${id}/repairs/${applied.id}`, {
      token: admin.token,
      body: { action: 'undo' },
    });
    expect(res.statusCode).toBe(200);
    const body = (await article()).bodyMarkdown as string;
    expect(body).toContain('le r??seautage de');
    expect((await repairs()).find((r) => r.id === applied.id)!.state).toBe('undone');
  });

  it('walks an editor through the queued words one by one on the page', async () => {
    const editor = await signIn(t.app, admin);
    const list = await editor.get('/admin/news/repairs');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/admin/news/${id}/repairs`);
    const page = await editor.get(`/admin/news/${id}/repairs`);
    expect(page.body).toMatch(/<mark>[^<]*\?\?[^<]*<\/mark>/);
    const before = (await repairs()).filter((r) => r.state === 'queued').length;
    const next = /action="\/admin\/news\/[^/]+\/repairs\/([0-9a-f-]{36})"/.exec(page.body)![1]!;
    const res = await editor.request('POST', `/admin/news/${id}/repairs/${next}`, {
      _csrf: csrfOf(page.body),
      action: 'apply',
      own: 'Wikipédia',
    });
    expect(res.statusCode).toBe(303);
    const after = await repairs();
    expect(after.filter((r) => r.state === 'queued').length).toBe(before - 1);
    expect(after.find((r) => r.id === next)!.replacement).toBe('Wikipédia');
  });

  it('lets a chapter organiser review the words of their chapter’s article on the page as through the API, and nobody else', async () => {
    expect(
      (await t.api('POST', '/api/v1/chapters', { token: admin.token, body: { name: 'Repair Town', city: 'Namur' } }))
        .statusCode,
    ).toBe(201);
    const o = await t.user('member');
    const organiser = { token: o.token, email: o.user.email, password: o.password };
    await t.api('POST', '/api/v1/chapters/repair-town/organizers', {
      token: admin.token,
      body: { email: o.user.email },
    });
    const moved = await t.api('PATCH', `/api/v1/articles/${id}`, {
      token: admin.token,
      body: { chapter: 'repair-town' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const api = await t.api('GET', `/api/v1/articles/${id}/repairs`, { token: organiser.token });
    expect(api.statusCode).toBe(200);
    const page = await (await signIn(t.app, organiser)).get(`/admin/news/${id}/repairs`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>');

    const m = await t.user('member');
    expect((await t.api('GET', `/api/v1/articles/${id}/repairs`, { token: m.token })).statusCode).toBe(403);
    const refused = await (await signIn(t.app, { email: m.user.email, password: m.password })).get(
      `/admin/news/${id}/repairs`,
    );
    expect(refused.statusCode).toBe(403);
    expect((await t.app.inject({ url: `/admin/news/${id}/repairs` })).statusCode).not.toBe(200);
  });
});
