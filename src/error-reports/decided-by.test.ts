import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeEvent } from '../../test/support/factories.js';
import { type FormSession, signIn } from '../../test/support/forms.js';
import { formatDayTime } from '../events/format.js';

/**
 * A decision on a reader's report is signed (who decided, shown in the handled list and the API),
 * audited (DSA Art. 16-17: who decided what, and why), and a refused one changes nothing.
 */
let t: TestApp;
let admin: string;
let adminSession: FormSession;
let editor: { id: string; token: string; email: string; password: string };
let organiser: { token: string; session: FormSession };
let eventId: string;

beforeAll(async () => {
  t = await startTestApp();
  const a = await t.user('admin');
  admin = a.token;
  adminSession = await signIn(t.app, { email: a.user.email, password: a.password });
  const e = await t.user('member', 'marie-redac@example.org');
  await t.database.pool.query(`UPDATE users SET name = 'Marie Rédac' WHERE id = $1`, [e.user.id]);
  expect((await t.api('PUT', `/api/v1/news/editors/${e.user.id}`, { token: admin })).statusCode).toBeLessThan(300);
  editor = { id: e.user.id, token: e.token, email: e.user.email, password: e.password };
  const chapter = (await makeChapter(t, admin, { name: 'Mons' })).slug;
  const o = await t.user('member', 'orga-mons@example.org');
  await t.api('POST', `/api/v1/chapters/${chapter}/organizers`, { token: admin, body: { email: o.user.email } });
  organiser = { token: o.token, session: await signIn(t.app, { email: o.user.email, password: o.password }) };
  eventId = (await makeEvent(t, admin, chapter, { title: 'Balade à Mons' })).id;
  const res = await t.api('POST', '/api/v1/articles', {
    token: admin,
    body: { title: 'La fête à Mons', status: 'published', bodyMarkdown: 'La fête commence samedi.' },
  });
  expect(res.statusCode).toBe(201);
});
afterAll(() => t.close());

const report = async (body: Record<string, unknown>, on = '/api/v1/news/la-fete-a-mons/reports') => {
  expect((await t.api('POST', on, { body })).statusCode).toBe(202);
  const { rows } = await t.database.pool.query(
    `SELECT id FROM error_reports WHERE message = $1 ORDER BY created_at DESC LIMIT 1`,
    [body.message],
  );
  return rows[0].id as string;
};
const notice = (message: string) =>
  report({ kind: 'illegal', message, name: 'Irène Dubois', email: 'irene@example.org', goodFaith: true });
const auditOf = async (id: string) =>
  (
    await t.database.pool.query(
      `SELECT actor_id, actor_email, subject, details FROM audit_log WHERE action = 'report.decision' AND subject = $1`,
      [`report ${id}`],
    )
  ).rows;
const stored = async (id: string) =>
  (await t.database.pool.query(`SELECT status, decided_by, decided_by_name FROM error_reports WHERE id = $1`, [id]))
    .rows[0];

describe('who decided', () => {
  it('is returned by the API and shown in the handled list, in French, with the day and the 24-hour time', async () => {
    const id = await report({ kind: 'error', message: 'La fête commence dimanche.' });
    const res = await t.api('POST', `/api/v1/reports/${id}/decision`, {
      token: editor.token,
      headers: { 'accept-language': 'fr' },
      body: { status: 'accepted', correction: 'La fête commence dimanche.' },
    });
    expect(res.statusCode).toBe(200);
    const decided = res.json();
    expect(decided).toMatchObject({ id, status: 'accepted', decidedBy: { id: editor.id, name: 'Marie Rédac' } });
    const listed = (await t.api('GET', '/api/v1/reports?status=accepted', { token: admin })).json().items;
    expect(listed.find((r: { id: string }) => r.id === id).decidedBy).toEqual({ id: editor.id, name: 'Marie Rédac' });
    // A later rename does not rewrite the record.
    await t.database.pool.query(`UPDATE users SET name = 'Marie Autre' WHERE id = $1`, [editor.id]);
    const page = await (await signIn(t.app, editor)).get('/admin/news/reports?lang=fr');
    const when = formatDayTime(new Date(decided.decidedAt), 'fr');
    expect(when).toMatch(/\d{2}:\d{2}/);
    expect(page.body).toContain(`Décidé par Marie Rédac le ${when}`);
    await t.database.pool.query(`UPDATE users SET name = 'Marie Rédac' WHERE id = $1`, [editor.id]);
  });

  it('reads "a former editor" in Dutch once the decider’s account is erased; the decision stays', async () => {
    const gone = await t.user('member', 'tijdelijk@example.org');
    await t.api('PUT', `/api/v1/news/editors/${gone.user.id}`, { token: admin });
    const id = await report({ kind: 'information', message: 'Waar begint het feest?' });
    const res = await t.api('POST', `/api/v1/reports/${id}/decision`, {
      token: gone.token,
      body: { status: 'duplicate' },
    });
    expect(res.json().decidedBy).toEqual({ id: gone.user.id, name: gone.user.name });
    const erased = await t.api('DELETE', '/api/v1/me', { token: gone.token, body: { confirm: gone.user.email } });
    expect(erased.statusCode, erased.body).toBeLessThan(300);
    expect(await stored(id)).toEqual({ status: 'duplicate', decided_by: null, decided_by_name: '' });
    const listed = (await t.api('GET', '/api/v1/reports?status=duplicate', { token: admin })).json().items;
    expect(listed.find((r: { id: string }) => r.id === id).decidedBy).toEqual({ id: null, name: null });
    const page = await (await signIn(t.app, editor, { 'accept-language': 'nl' })).get('/admin/news/reports');
    expect(page.body).toContain('Beslist door een voormalige redacteur op');
    expect(page.body).not.toContain(gone.user.name);
  });
});

describe('a decision in the audit log', () => {
  it('says who declined a notice of illegal content and that reasons were given, never who reported it', async () => {
    const id = await notice('Une photo publiée sans accord.');
    const res = await t.api('POST', `/api/v1/reports/${id}/decision`, {
      token: editor.token,
      body: { status: 'declined', reason: 'La personne a donné son accord par écrit.' },
    });
    expect(res.statusCode).toBe(200);
    const [entry, ...more] = await auditOf(id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actor_id: editor.id, actor_email: editor.email, subject: `report ${id}` });
    expect(entry.details).toMatchObject({ decision: 'declined', kind: 'illegal', reasonsGiven: true });
    expect(JSON.stringify(entry)).not.toMatch(/Irène|irene@example\.org|accord par écrit/);
    expect((await adminSession.get('/admin/audit?lang=fr')).body).toContain('Signalement d’un lecteur tranché');
    expect((await adminSession.get('/admin/audit?lang=nl')).body).toContain('Melding van een lezer beslist');
  });

  it('is written for a decision taken on the queue page too', async () => {
    const id = await report({ kind: 'error', message: 'Le samedi est le 6.' });
    const session = await signIn(t.app, editor, { 'accept-language': 'nl' });
    const done = await session.submit('/admin/news/reports', `/admin/news/reports/${id}`, { status: 'accepted' });
    expect(done.statusCode).toBe(303);
    expect((await auditOf(id)).map((e) => e.details)).toEqual([
      { decision: 'accepted', kind: 'error', articleId: expect.any(String) },
    ]);
  });
});

describe('a refused decision', () => {
  it('changes nothing: no signature, no audit entry (missing reasons, someone else’s report, decided already)', async () => {
    const id = await notice('Des propos haineux dans le texte.');
    const bare = await t.api('POST', `/api/v1/reports/${id}/decision`, {
      token: editor.token,
      headers: { 'accept-language': 'nl' },
      body: { status: 'declined' },
    });
    expect(bare.statusCode).toBe(400);
    // The organiser of Mons decides on their events' reports only.
    const notTheirs = await t.api('POST', `/api/v1/reports/${id}/decision`, {
      token: organiser.token,
      body: { status: 'accepted' },
    });
    expect(notTheirs.statusCode).toBe(403);
    expect(await stored(id)).toEqual({ status: 'new', decided_by: null, decided_by_name: null });
    expect(await auditOf(id)).toEqual([]);

    const first = await t.api('POST', `/api/v1/reports/${id}/decision`, {
      token: admin,
      body: { status: 'accepted' },
    });
    expect(first.statusCode).toBe(200);
    const again = await t.api('POST', `/api/v1/reports/${id}/decision`, {
      token: editor.token,
      headers: { 'accept-language': 'fr' },
      body: { status: 'declined', reason: 'Trop tard.' },
    });
    expect(again.statusCode).toBe(409);
    expect((await stored(id)).decided_by).not.toBe(editor.id);
    expect(await auditOf(id)).toHaveLength(1);
  });
});

describe('the handled list', () => {
  it('counts every handled report and pages them 50 at a time, in French and Dutch', async () => {
    await t.database.pool.query(
      `INSERT INTO error_reports (network_id, article_id, kind, message, url, status, decided_at, created_at)
       SELECT network_id, id, 'error', 'Traité n° ' || g, '/news/la-fete-a-mons', 'declined', now(), now() - g * interval '1 second'
       FROM articles, generate_series(1, 260) g WHERE slug = 'la-fete-a-mons'`,
    );
    const { rows } = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM error_reports WHERE status IN ('accepted', 'declined', 'duplicate')`,
    );
    const n = rows[0].n as number;
    expect(n).toBeGreaterThan(260);
    const session = await signIn(t.app, editor);
    const first = await session.get('/admin/news/reports?lang=fr');
    expect(first.body).toContain(`<summary>${n} signalements traités</summary>`);
    const handled = first.body.slice(first.body.indexOf('<details>'));
    expect(handled.match(/<section /g)).toHaveLength(50);
    expect(handled).toContain('href="/admin/news/reports?offset=50#handled"');
    expect(handled).toContain('Signalements traités plus anciens');
    expect(handled).not.toContain('plus récents');

    const last = await session.get(`/admin/news/reports?lang=nl&offset=${Math.floor((n - 1) / 50) * 50}`);
    expect(last.statusCode).toBe(200);
    expect(last.body).toContain(`${n} meldingen behandeld`);
    expect(last.body).toContain('<details open>');
    expect(last.body.slice(last.body.indexOf('<details')).match(/<section /g)).toHaveLength(n % 50 || 50);
    expect(last.body).toContain('Recentere behandelde meldingen');
    expect(last.body).not.toContain('Oudere behandelde meldingen');
  });

  it('is paged by the API too, with cursors, none cut off', async () => {
    const { rows } = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM error_reports WHERE status = 'declined'`,
    );
    const seen = new Set<string>();
    let url: string | null = '/api/v1/reports?status=declined&limit=100';
    for (let pages = 0; url; pages++) {
      expect(pages).toBeLessThan(10);
      const res = await t.api('GET', url, { token: admin });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { id: string; status: string }[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(100);
      for (const r of body.items) seen.add(r.id);
      url = body.nextCursor ? `/api/v1/reports?status=declined&limit=100&cursor=${body.nextCursor}` : null;
    }
    expect(seen.size).toBe(rows[0].n);
    expect(rows[0].n).toBeGreaterThan(260);
    const forged = await t.api('GET', '/api/v1/reports?cursor=nope', {
      token: admin,
      headers: { 'accept-language': 'nl' },
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.headers['content-type']).toContain('application/problem+json');
  });
});

describe('the way back to the news desk', () => {
  it('is offered to news editors, not to a chapter organiser without news rights (FR, NL)', async () => {
    await report({ kind: 'error', message: 'La balade part de la gare.' }, `/api/v1/events/${eventId}/reports`);
    const session = await signIn(t.app, editor);
    for (const [lang, words] of [
      ['fr', 'Retour aux articles'],
      ['nl', 'Terug naar de artikels'],
    ]) {
      const mine = await session.get(`/admin/news/reports?lang=${lang}`);
      expect(mine.body).toContain(`<a href="/admin/news">${words}</a>`);
      const theirs = await organiser.session.get(`/admin/news/reports?lang=${lang}`);
      expect(theirs.statusCode).toBe(200);
      expect(theirs.body).toContain('La balade part de la gare.');
      expect(theirs.body).not.toContain('href="/admin/news"');
      expect(theirs.body).not.toContain(words);
    }
  });
});
