import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, signIn } from '../../test/support/forms.js';
import { importMarkdown } from '../news-import/service.js';
import { unrelatedBy } from './likeness.js';

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

describe('a word unlike the damaged one', () => {
  it('measures what a choice changes of the letters that survived the damage', () => {
    expect(unrelatedBy('r??seautage', 'réseautage')).toBeUndefined();
    expect(unrelatedBy('rÃ©union', 'Réunion')).toBeUndefined();
    expect(unrelatedBy('r??seautage', 'reseautages')).toBeUndefined();
    expect(unrelatedBy('?t?', 'été')).toBeUndefined();
    expect(unrelatedBy('r??seautage', 'concert')).toBeGreaterThan(3);
    expect(unrelatedBy('?t?', 'bonjour')).toBe(7);
  });

  it('asks for a confirmation, with the reason, before applying it, through the API and on the page', async () => {
    const queued = (await repairs()).filter((r) => r.state === 'queued');
    expect(queued.length).toBeGreaterThanOrEqual(2);
    const first = queued[0]!;
    const body = (await article()).bodyMarkdown;
    const refused = await t.api('POST', `/api/v1/articles/${id}/repairs/${first.id}`, {
      token: admin.token,
      body: { action: 'apply', choice: 'hippopotame' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'textRepair.problem.unrelated' });
    expect(refused.json().detail).toContain(`“hippopotame” has little in common with the damaged “${first.original}”`);
    expect((await article()).bodyMarkdown).toBe(body);
    expect((await repairs()).find((r) => r.id === first.id)!.state).toBe('queued');
    const confirmed = await t.api('POST', `/api/v1/articles/${id}/repairs/${first.id}`, {
      token: admin.token,
      body: { action: 'apply', choice: 'hippopotame', confirm: true },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((await article()).bodyMarkdown).toContain('hippopotame');

    for (const [language, why, yes] of [
      ['fr', '« girafe » a peu en commun avec le texte abîmé', 'Oui, utiliser « girafe »'],
      ['nl', '“girafe” heeft weinig gemeen met de beschadigde tekst', 'Ja, “girafe” gebruiken'],
    ] as const) {
      const editor = await signIn(t.app, admin, { 'accept-language': language });
      const page = await editor.get(`/admin/news/${id}/repairs`);
      const next = /action="\/admin\/news\/[^/]+\/repairs\/([0-9a-f-]{36})"/.exec(page.body)![1]!;
      const asked = await editor.request('POST', `/admin/news/${id}/repairs/${next}`, {
        _csrf: csrfOf(page.body),
        action: 'apply',
        own: 'girafe',
      });
      expect(asked.statusCode).toBe(409);
      const html = asked.body.replace(/\u00a0/g, ' ');
      expect(html).toContain(why);
      expect(html).toContain(yes);
      expect(html).toContain('<input type="hidden" name="confirm" value="yes">');
      expect((await repairs()).find((r) => r.id === next)!.state).toBe('queued');
      if (language === 'nl') continue;
      const yesForm = await editor.request('POST', `/admin/news/${id}/repairs/${next}`, {
        _csrf: csrfOf(asked.body),
        action: 'apply',
        own: 'girafe',
        confirm: 'yes',
      });
      expect(yesForm.statusCode).toBe(303);
      expect((await repairs()).find((r) => r.id === next)).toMatchObject({ state: 'applied', replacement: 'girafe' });
    }
  });
});
