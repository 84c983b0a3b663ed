import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, FormSession, signIn } from '../../test/support/forms.js';
import { eraseOldReporters } from './service.js';

let t: TestApp;
let admin: string;
let editor: FormSession;

beforeAll(async () => {
  t = await startTestApp();
  const a = await t.user('admin');
  admin = a.token;
  editor = await signIn(t.app, { email: a.user.email, password: a.password });
  await t.api('POST', '/api/v1/chapters', {
    token: admin,
    body: { name: 'Charleroi', city: 'Charleroi', status: 'active' },
  });
  const organiser = await t.user('member', 'orga@example.org');
  await t.api('POST', '/api/v1/chapters/charleroi/organizers', { token: admin, body: { email: organiser.user.email } });
  await t.api('POST', '/api/v1/articles', {
    token: admin,
    body: {
      title: 'Journée IT',
      chapter: 'charleroi',
      status: 'published',
      bodyMarkdown: 'La journée commence à 9 h au Switch.',
    },
  });
});
afterAll(() => t.close());

const mails = async (to: string) =>
  (
    await t.database.pool.query(
      `SELECT kind, subject, text_body FROM outbound_messages WHERE to_email = $1 ORDER BY created_at`,
      [to],
    )
  ).rows;

describe('report an error', () => {
  it('offers the link on the article with the Ctrl+Enter script, and quotes a selection', async () => {
    const page = await t.app.inject({ url: '/news/journee-it?lang=fr' });
    expect(page.body).toContain('href="/news/journee-it/report" data-report="1"');
    expect(page.body).toContain('Signaler une erreur');
    expect(page.body).toContain('<script src="/assets/report-error.js" defer>');
    expect((await t.app.inject({ url: '/assets/report-error.js' })).body).toContain("e.key !== 'Enter'");
    // On a phone: a selection in the article's text shows a link carrying it, hidden until then.
    expect(page.body).toContain('<div class="prose" data-report-body="1">');
    expect(page.body).toContain(
      '<a href="/news/journee-it/report" class="report-quote button" data-report-quote="1" hidden>Citer la sélection dans un signalement</a>',
    );
    expect((await t.app.inject({ url: '/assets/report-error.js' })).body).toContain("'selectionchange'");
    const form = await t.app.inject({ url: '/news/journee-it/report?quote=%C3%A0%209%20h&lang=nl' });
    expect(form.body).toContain('Fout melden');
    expect(form.body).toMatch(/<textarea id="f-quote"[^>]*>à 9 h<\/textarea>/);
  });

  it('takes a report without an account, tells the organiser, and the editor accepts it with a public correction', async () => {
    const reader = new FormSession(t.app);
    const form = await reader.get('/news/journee-it/report?quote=%C3%A0%209%20h');
    const res = await reader.request('POST', '/news/journee-it/report', {
      _csrf: csrfOf(form.body),
      kind: 'error',
      quote: 'à 9 h',
      message: 'C’est à 10 h, voir http://spam.example/ ici',
      email: 'lecteur@example.org',
      revision: '1',
      website: '',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('your report has been received');
    expect((await mails('orga@example.org')).map((m) => m.kind)).toEqual(['report.digest']);

    const queue = await editor.get('/admin/news/reports');
    expect(queue.body).toContain('C’est à 10 h, voir http://spam.example/ ici');
    expect(queue.body).not.toContain('href="http://spam.example/');
    const id = /action="\/admin\/news\/reports\/([0-9a-f-]{36})#rep-\1"/.exec(queue.body)![1]!;
    const decided = await editor.request('POST', `/admin/news/reports/${id}`, {
      _csrf: csrfOf(queue.body),
      status: 'accepted',
      correction: 'La journée commence à 10 h, et non à 9 h.',
    });
    expect(decided.statusCode).toBe(303);
    const page = await t.app.inject({ url: '/news/journee-it?lang=en' });
    expect(page.body).toContain('Corrected on');
    expect(page.body).toContain('La journée commence à 10 h, et non à 9 h.');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)![1]!);
    expect(ld.correction[0]).toMatchObject({
      '@type': 'CorrectionComment',
      text: 'La journée commence à 10 h, et non à 9 h.',
    });
    expect((await mails('lecteur@example.org')).map((m) => m.kind)).toEqual(['news.report.outcome']);
    const again = await t.api('POST', `/api/v1/reports/${id}/decision`, { token: admin, body: { status: 'declined' } });
    expect(again.statusCode).toBe(409);

    // 30 days after closing, the reporter's address is gone; the decision stays.
    expect(await eraseOldReporters(t.database.db, new Date(Date.now() + 29 * 86_400_000))).toBe(0);
    expect(await eraseOldReporters(t.database.db, new Date(Date.now() + 31 * 86_400_000))).toBe(1);
    const row = (await t.database.pool.query('SELECT email, status FROM error_reports WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ email: null, status: 'accepted' });
  });

  it('names each refused field by its label, in the visitor’s language', async () => {
    const send = async (lang: 'fr' | 'nl') => {
      const reader = new FormSession(t.app, { 'accept-language': lang });
      const form = await reader.get('/news/journee-it/report');
      return reader.request('POST', '/news/journee-it/report', {
        _csrf: csrfOf(form.body),
        kind: 'illegal',
        quote: '',
        message: 'Non',
        website: '',
      });
    };
    const fr = await send('fr');
    expect(fr.statusCode).toBe(400);
    // French puts a no-break space before the colon; read as a plain space here.
    const summary = (html: string) =>
      /<div class="errors"[\s\S]*?<\/div>/
        .exec(html)![0]
        .replace(/<[^>]+>/g, '')
        .replace(/\u00a0/g, ' ');
    expect(summary(fr.body)).toContain('Votre message : doit compter au moins 5 caractères');
    expect(summary(fr.body)).toContain(
      'Votre nom (obligatoire pour un contenu illicite) : est obligatoire pour un signalement de contenu illicite',
    );
    expect(summary(fr.body)).toMatch(/Votre e-mail[^:]* : est obligatoire pour un signalement/);
    expect(summary(fr.body)).toContain('J’affirme de bonne foi');
    // Each message sits under its field and is tied to it for a screen reader.
    expect(fr.body).toMatch(/<textarea id="f-message"[^>]*aria-describedby="f-message-error"/);
    expect(fr.body).toContain('<p class="field-error" id="f-name-error">');
    const nl = await send('nl');
    expect(summary(nl.body)).toContain('Je bericht: ');
    expect(summary(nl.body)).toMatch(/Je naam[^:]*: is verplicht voor een melding van illegale inhoud/);
  });

  it('asks the DSA fields for illegal content, drops honeypot posts silently, and marks stale reports', async () => {
    const bad = await t.api('POST', '/api/v1/news/journee-it/reports', {
      body: { kind: 'illegal', message: 'Contenu diffamatoire' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['email', 'goodFaith', 'name']);
    const robot = await t.api('POST', '/api/v1/news/journee-it/reports', {
      body: { kind: 'error', message: 'buy things', website: 'http://spam' },
    });
    expect(robot.statusCode).toBe(202);
    const count = async () => Number((await t.database.pool.query('SELECT count(*) FROM error_reports')).rows[0].count);
    const before = await count();
    expect(before).toBe(1);
    const ok = await t.api('POST', '/api/v1/news/journee-it/reports', {
      body: { kind: 'information', quote: 'au Switch', message: 'Quelle salle ?' },
    });
    expect(ok.statusCode).toBe(202);
    const article = (await t.api('GET', '/api/v1/articles?q=journee')).json().items[0];
    await t.api('PATCH', `/api/v1/articles/${article.id}`, {
      token: admin,
      body: { bodyMarkdown: 'La journée commence à 10 h.' },
    });
    const list = (await t.api('GET', '/api/v1/reports?status=stale', { token: admin })).json().items;
    expect(list.map((r: { quote: string }) => r.quote)).toEqual(['au Switch']);
    expect((await t.api('GET', '/api/v1/reports', { token: (await t.user('member')).token })).statusCode).toBe(403);
  });

  it('limits reports per address', async () => {
    const statuses = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/news/journee-it/reports',
            remoteAddress: '10.9.9.9',
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify({ kind: 'error', message: `Erreur numéro ${i}` }),
          })
        ).statusCode,
      );
    expect(statuses.slice(0, 5).every((s) => s === 202)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
