import { eventPath } from '../web/event-path.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeEvent } from '../../test/support/factories.js';
import { csrfOf, FormSession, signIn } from '../../test/support/forms.js';

// "Report an error" on event pages, and the organisers' gathered notice (one per person).

let t: TestApp;
let admin: string;
let organiser: { token: string; session: FormSession };
let other: string;
let event: { id: string; title: string };
let chapter: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  const c = await makeChapter(t, admin, { name: 'Namur' });
  chapter = c.slug;
  const o = await t.user('member', 'orga-namur@example.org');
  await t.api('POST', `/api/v1/chapters/${chapter}/organizers`, { token: admin, body: { email: o.user.email } });
  organiser = { token: o.token, session: await signIn(t.app, { email: o.user.email, password: o.password }) };
  const elsewhere = await makeChapter(t, admin, { name: 'Liège' });
  const x = await t.user('member', 'orga-liege@example.org');
  await t.api('POST', `/api/v1/chapters/${elsewhere.slug}/organizers`, { token: admin, body: { email: x.user.email } });
  other = x.token;
  event = await makeEvent(t, admin, chapter, {
    title: 'Atelier vélo',
    description: 'Rendez-vous à 14 h à la gare de Namur.',
  });
  await t.api('POST', '/api/v1/articles', {
    token: admin,
    body: { title: 'Le printemps à Namur', chapter, status: 'published', bodyMarkdown: 'Un texte sur Namur.' },
  });
});
afterAll(() => t.close());

const notices = async (to: string) =>
  (
    await t.database.pool.query(
      `SELECT kind, subject, text_body, status, next_attempt_at FROM outbound_messages WHERE to_email = $1 AND kind = 'report.digest' ORDER BY created_at`,
      [to],
    )
  ).rows;

describe('report an error on an event page', () => {
  it('offers the link with the Ctrl+Enter script, takes a report without an account, and gathers the organiser’s notice', async () => {
    const page = await t.app.inject({ url: `${eventPath(event)}?lang=fr` });
    expect(page.body).toContain(`href="/events/${event.id}/report" data-report="1"`);
    expect(page.body).toContain('<script src="/assets/report-error.js" defer>');
    expect(page.body).toMatch(/<div data-report-body="1"><p>/);
    expect(page.body).toContain(
      `<a href="/events/${event.id}/report" class="report-quote button" data-report-quote="1" hidden>Citer la sélection dans un signalement</a>`,
    );
    const reader = new FormSession(t.app);
    const form = await reader.get(`/events/${event.id}/report?quote=%C3%A0%2014%20h&lang=nl`);
    expect(form.body).toContain('Fout melden: Atelier vélo');
    expect(form.body).toMatch(/<textarea id="f-quote"[^>]*>à 14 h<\/textarea>/);
    expect(form.body).toContain('Terug naar het evenement');
    const sent = await reader.request('POST', `/events/${event.id}/report`, {
      _csrf: csrfOf(form.body),
      kind: 'error',
      quote: 'à 14 h',
      message: 'Le rendez-vous est à 15 h.',
      email: 'cycliste@example.org',
      website: '',
    });
    expect(sent.statusCode, sent.body).toBe(200);
    // A second report, on the chapter's article this time, joins the same waiting notice.
    const api = await t.api('POST', '/api/v1/news/le-printemps-a-namur/reports', {
      body: { kind: 'information', message: 'Une photo serait bienvenue.' },
    });
    expect(api.statusCode).toBe(202);
    const mine = await notices('orga-namur@example.org');
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toBe('2 signalements de lecteurs');
    expect(mine[0].text_body).toContain('Une erreur : « Atelier vélo »');
    expect(mine[0].text_body).toContain('« à 14 h »');
    expect(mine[0].text_body).toContain('Plus d’informations : « Le printemps à Namur »');
    expect(mine[0].text_body).toContain(`${t.config.baseUrl}/admin/news/reports`);
    // Gathered: it waits a quarter of an hour before it goes.
    expect(new Date(mine[0].next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
    expect(mine[0].status).toBe('pending');
    // The organiser of another chapter hears nothing.
    expect(await notices('orga-liege@example.org')).toHaveLength(0);
  });

  it('starts a new notice once the waiting one has gone out', async () => {
    await t.database.pool.query(
      `UPDATE outbound_messages SET status = 'sent' WHERE to_email = 'orga-namur@example.org' AND kind = 'report.digest'`,
    );
    const res = await t.api('POST', `/api/v1/events/${event.id}/reports`, {
      body: { kind: 'error', message: 'Le lieu a changé ?' },
    });
    expect(res.statusCode).toBe(202);
    const mine = await notices('orga-namur@example.org');
    expect(mine.map((m) => [m.status, m.subject])).toEqual([
      ['sent', '2 signalements de lecteurs'],
      ['pending', '1 signalement de lecteurs'],
    ]);
  });

  it('lets the event’s organisers (not another chapter’s) decide, and shows the dated correction on the event', async () => {
    const list = (await t.api('GET', '/api/v1/reports', { token: organiser.token })).json().items as {
      id: string;
      article: unknown;
      event: { id: string; title: string } | null;
      quote: string;
    }[];
    // The organiser sees the reports on their events only, not the article's (that is the editors').
    expect(list.map((r) => r.event?.title)).toEqual(['Atelier vélo', 'Atelier vélo']);
    const report = list.find((r) => r.quote === 'à 14 h')!;
    expect((await t.api('GET', '/api/v1/reports', { token: other })).json().items).toEqual([]);
    const refused = await t.api('POST', `/api/v1/reports/${report.id}/decision`, {
      token: other,
      body: { status: 'declined' },
    });
    expect(refused.statusCode).toBe(403);
    const queue = await organiser.session.get('/admin/news/reports');
    expect(queue.body).toContain(`<a href="${eventPath(event)}">Atelier vélo</a>`);
    const decided = await organiser.session.request('POST', `/admin/news/reports/${report.id}`, {
      _csrf: csrfOf(queue.body),
      status: 'accepted',
      correction: 'Le rendez-vous est à 15 h, et non à 14 h.',
    });
    expect(decided.statusCode).toBe(303);
    const page = await t.app.inject({ url: `${eventPath(event)}?lang=en` });
    expect(page.body).toMatch(/Corrected on \d+ \w+ \d{4}<\/strong> — Le rendez-vous est à 15 h, et non à 14 h\./);
    const outcome = await t.database.pool.query(
      `SELECT kind FROM outbound_messages WHERE to_email = 'cycliste@example.org'`,
    );
    expect(outcome.rows.map((r) => r.kind)).toEqual(['news.report.outcome']);
  });

  it('refuses reports on a draft event and on an unknown one, writing nothing', async () => {
    const draft = await makeEvent(t, admin, chapter, { status: 'draft' });
    const before = (await t.database.pool.query('SELECT count(*)::int AS n FROM error_reports')).rows[0].n;
    const res = await t.api('POST', `/api/v1/events/${draft.id}/reports`, {
      body: { kind: 'error', message: 'Un souci ici' },
    });
    expect(res.statusCode).toBe(404);
    expect((await t.app.inject({ url: `/events/${draft.id}/report` })).statusCode).toBe(404);
    expect(
      (await t.api('POST', '/api/v1/events/nope/reports', { body: { kind: 'error', message: 'Un souci ici' } }))
        .statusCode,
    ).toBe(404);
    expect((await t.database.pool.query('SELECT count(*)::int AS n FROM error_reports')).rows[0].n).toBe(before);
  });
});
