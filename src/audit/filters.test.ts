import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, type FormSession, signIn } from '../../test/support/forms.js';

/** The audit page and API: filters by actor, action, subject and Brussels days, paging, and the CSV export. */

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let other: Awaited<ReturnType<TestApp['user']>>;
let browser: FormSession;

/** An entry written at a chosen instant, as the services write them. */
const entry = (actor: string, action: string, subject: string, at: string, details: object = {}) =>
  t.database.pool.query(
    `INSERT INTO audit_log (network_id, actor_email, action, subject, details, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [t.network.id, actor, action, subject, JSON.stringify(details), at],
  );
const subjects = async (query: string, token = admin.token) => {
  const res = await t.api('GET', `/api/v1/audit-log?${query}`, { token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((e: { subject: string }) => e.subject) as string[];
};
const exports = async () =>
  (
    await t.database.pool.query(
      `SELECT actor_email, details FROM audit_log WHERE network_id = $1 AND action = 'audit.export' ORDER BY created_at`,
      [t.network.id],
    )
  ).rows;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  other = await t.user('admin');
  browser = await signIn(t.app, { email: admin.user.email, password: admin.password });
  await entry(admin.user.email, 'chapter.create', 'Charleroi', '2026-02-28T10:00:00Z', { slug: 'charleroi' });
  // 23:30 UTC on 1 March is 00:30 on 2 March in Brussels: it belongs to 2 March.
  await entry(other.user.email, 'chapter.update', 'Charleroi', '2026-03-01T23:30:00Z', {
    changes: { city: { from: 'Charleroi', to: 'Marcinelle' } },
  });
  await entry(other.user.email, 'grant.update', 'Brussels Region (AR-42)', '2026-03-02T09:00:00Z', {
    amountGrantedCents: { from: 100_000, to: 90_000 },
    eligibleCategories: { from: ['rent'], to: ['rent', 'activities'] },
  });
  await entry(admin.user.email, 'venue.create', '100% Coworking', '2026-03-03T12:00:00Z');
  await entry(admin.user.email, 'venue.create', '=HYPERLINK("http://evil")', '2026-03-04T12:00:00Z');
});
afterAll(() => t.close());

describe('the audit log API', () => {
  it('filters by actor, action and subject (parts, case ignored, % and _ as letters), every filter at once', async () => {
    expect(await subjects(`actor=${encodeURIComponent(other.user.email.toUpperCase())}`)).toEqual([
      'Brussels Region (AR-42)',
      'Charleroi',
    ]);
    expect(await subjects('action=venue.create')).toEqual(['=HYPERLINK("http://evil")', '100% Coworking']);
    expect(await subjects('subject=charl')).toEqual(['Charleroi', 'Charleroi']);
    expect(await subjects('subject=100%25')).toEqual(['100% Coworking']);
    expect(await subjects('subject=0_')).toEqual([]);
    expect(await subjects(`subject=charleroi&action=chapter.create&actor=${admin.user.email}`)).toEqual(['Charleroi']);
  });

  it('takes days in Brussels time, both ends included', async () => {
    expect(await subjects('from=2026-03-02&to=2026-03-02')).toEqual(['Brussels Region (AR-42)', 'Charleroi']);
    expect(await subjects('to=2026-03-01')).toEqual(['Charleroi']);
    expect(await subjects('from=2026-03-04&to=2026-03-31')).toEqual(['=HYPERLINK("http://evil")']);
  });

  it('pages within the filter', async () => {
    const first = (await t.api('GET', '/api/v1/audit-log?limit=1&subject=charleroi', { token: admin.token })).json();
    expect(first.items.map((e: { subject: string }) => e.subject)).toEqual(['Charleroi']);
    const second = (
      await t.api('GET', `/api/v1/audit-log?limit=1&subject=charleroi&cursor=${first.nextCursor}`, {
        token: admin.token,
      })
    ).json();
    expect(second.items.map((e: { action: string }) => e.action)).toEqual(['chapter.create']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses an unknown action, a malformed day and a range that ends before it starts', async () => {
    for (const [query, field] of [
      ['action=chapter.explode', 'action'],
      ['from=02/03/2026', 'from'],
      ['from=2026-03-04&to=2026-03-01', 'to'],
    ] as const) {
      const res = await t.api('GET', `/api/v1/audit-log?${query}`, { token: admin.token });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().errors[0].field).toBe(field);
    }
    const fr = await t.app.inject({
      url: '/api/v1/audit-log?from=2026-03-04&to=2026-03-01',
      headers: { authorization: `Bearer ${admin.token}`, 'accept-language': 'fr' },
    });
    expect(fr.json().errors[0].message).toBe('ne peut pas précéder le premier jour');
  });
});

describe('the audit page', () => {
  it('offers the filters in the reader’s language and shows what changed, amounts in euros', async () => {
    const fr = await browser.get('/admin/audit?action=grant.update', { 'accept-language': 'fr' });
    expect(fr.statusCode).toBe(200);
    for (const words of ['Qui (e-mail)', 'L’objet contient', 'Toutes les actions', 'Ce qui a changé', '1 entrée'])
      expect(fr.body).toContain(words);
    expect(fr.body).toContain('<option value="grant.update" selected>Subside modifié</option>');
    expect(fr.body).toMatch(/Montant accordé\u202f: 1[\s\u202f]000,00[\s\u202f]€ → 900,00[\s\u202f]€/);
    expect(fr.body).toContain('Catégories éligibles\u202f: rent → rent, activities');
    expect(fr.body).not.toContain('Charleroi</td>');
    const nl = await browser.get('/admin/audit?subject=charleroi', { 'accept-language': 'nl' });
    expect(nl.body).toContain('Onderwerp bevat');
    expect(nl.body).toContain('2 items');
    expect(nl.body).toContain('Afdeling gewijzigd');
    const en = await browser.get('/admin/audit?from=2026-03-02&to=2026-03-02');
    expect(en.body).toContain('2 entries');
    expect(en.body).toContain('Grant changed');
    expect(en.body).toContain('City: Charleroi → Marcinelle');
    expect(en.body).not.toContain('<td>Chapter created</td>');
  });

  it('keeps the filters on the next page and links back to the newest entries', async () => {
    const rows = Array.from({ length: 55 }, (_, i) =>
      entry(
        admin.user.email,
        'token.create',
        `token ${String(i).padStart(2, '0')}`,
        `2025-06-01T10:${String(i).padStart(2, '0')}:00Z`,
      ),
    );
    await Promise.all(rows);
    const first = await browser.get('/admin/audit?action=token.create');
    expect(first.body).toContain('55 entries');
    expect(first.body).toContain('token 54');
    expect(first.body).not.toContain('token 04');
    const older = /href="(\/admin\/audit\?action=token.create&amp;cursor=[^"]+)"/.exec(first.body);
    expect(older, 'a link to older entries that keeps the action').not.toBeNull();
    const second = await browser.get(older![1]!.replaceAll('&amp;', '&'));
    expect(second.body).toContain('token 04');
    expect(second.body).not.toContain('token 54');
    expect(second.body).toContain('<a href="/admin/audit?action=token.create">Newest entries</a>');
  });

  it('says so when nothing matches, and shows a refused filter on the form in the reader’s language', async () => {
    const none = await browser.get('/admin/audit?subject=nowhere', { 'accept-language': 'fr' });
    expect(none.body).toContain('Aucune entrée ne correspond à ces filtres.');
    expect(none.body).not.toContain('Exporter ces entrées');
    const bad = await browser.get('/admin/audit?from=2026-03-04&to=2026-03-01', { 'accept-language': 'nl' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('mag niet vóór de eerste dag liggen');
    expect(bad.body).toContain('value="2026-03-04"');
  });
});

describe('the CSV export', () => {
  it('exports the filtered entries in the reader’s language, safe for spreadsheets, and records itself', async () => {
    const before = (await exports()).length;
    const page = await browser.get('/admin/audit?action=venue.create', { 'accept-language': 'fr' });
    expect(page.body).toContain('<input type="hidden" name="action" value="venue.create">');
    const res = await browser.request(
      'POST',
      '/admin/audit/export',
      { _csrf: csrfOf(page.body), action: 'venue.create', actor: '', subject: '', from: '', to: '' },
      { 'accept-language': 'fr' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Quand;Qui;Code;Action;Objet;Objet (nom);Ce qui a changé');
    expect(lines.slice(1)).toEqual([
      `2026-03-04 13:00:00;${admin.user.email};venue.create;Lieu créé;"'=HYPERLINK(""http://evil"")";;`,
      `2026-03-03 13:00:00;${admin.user.email};venue.create;Lieu créé;100% Coworking;;`,
    ]);
    const recorded = await exports();
    expect(recorded).toHaveLength(before + 1);
    expect(recorded.at(-1)).toEqual({ actor_email: admin.user.email, details: { action: 'venue.create', entries: 2 } });
    const after = await browser.get('/admin/audit?action=audit.export');
    expect(after.body).toContain('Audit log exported');
    expect(after.body).toContain('Action: Venue created; Entries: 2');
  });

  it('exports through the API with commas in English, and never for a non-admin (who leaves no entry)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/audit-log/export',
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { subject: 'charleroi' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('When,Who,Code,Action,Subject,Subject (name),What changed');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',chapter.update,Chapter changed,Charleroi,');
    const before = (await exports()).length;
    const m = await t.user('member');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/audit-log/export',
      headers: { authorization: `Bearer ${m.token}` },
      payload: {},
    });
    expect(refused.statusCode).toBe(403);
    const bad = await t.api('POST', '/api/v1/audit-log/export', { token: admin.token, body: { to: 'yesterday' } });
    expect(bad.statusCode).toBe(400);
    expect((await exports()).length).toBe(before);
  });
});
