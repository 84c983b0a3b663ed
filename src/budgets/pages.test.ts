import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn } from '../../test/support/forms.js';

/** The money pages: grants, category sets, year budgets, and budget vs actual on a date (API and page). */

let t: TestApp;
type Who = { email: string; password: string; token: string; id: string };
const people = {} as Record<'admin' | 'treasurer' | 'organiser' | 'other', Who>;
const ids = {} as Record<string, string>;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const api = async (method: 'GET' | 'POST', url: string, body?: unknown, who: Who = people.admin) => {
  const res = await t.api(method, url, { token: who.token, body });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
};

beforeAll(async () => {
  t = await startTestApp();
  for (const [k, role] of [
    ['admin', 'admin'],
    ['treasurer', 'member'],
    ['organiser', 'member'],
    ['other', 'member'],
  ] as const) {
    const u = await t.user(role);
    people[k] = { email: u.user.email, password: u.password, token: u.token, id: u.user.id };
  }
  for (const slug of ['charleroi', 'namur'])
    await api('POST', '/api/v1/chapters', {
      name: slug[0]!.toUpperCase() + slug.slice(1),
      slug,
      city: slug,
      status: 'active',
    });
  await api('POST', '/api/v1/chapters/charleroi/organizers', { email: people.organiser.email });
  await api('POST', '/api/v1/chapters/namur/organizers', { email: people.other.email });
  await api('POST', '/api/v1/treasurers', { email: people.treasurer.email });
  ids.event = (
    await api('POST', '/api/v1/chapters/charleroi/events', {
      title: 'IT day',
      startsAt: '2026-03-05T17:00:00Z',
      endsAt: '2026-03-05T20:00:00Z',
      capacity: 40,
      onlineUrl: 'https://meet.example.org/x',
    })
  ).id;
});
afterAll(() => t.close());

describe('grant pages', () => {
  it('names each field of an empty grant form by its label, in the reader’s language', async () => {
    for (const [lang, categories, amount] of [
      ['fr', 'Catégories éligibles', 'est vide : écrivez un montant comme 12,50'],
      ['nl', 'Subsidiabele categorieën', 'is leeg: schrijf een bedrag zoals 12,50'],
    ] as const) {
      const b = await signIn(t.app, people.treasurer, { 'accept-language': lang });
      const empty = await b.submit('/admin/grants', '/admin/grants', {});
      expect(empty.statusCode).toBe(400);
      const start = empty.body.indexOf('<div class="errors"');
      const summary = empty.body.slice(start, empty.body.indexOf('</div>', start));
      // A checkbox group is named by its legend: "Catégories éligibles : demande au moins 1 élément".
      expect(summary).toMatch(new RegExp(`<span class="label">${categories}</span>[^<]*[^<]+1`));
      expect(summary).toContain(amount);
      expect(summary).not.toMatch(/is empty|at least|AAAA|JJJJ/);
      // An empty date is "required", not "must be a date as YYYY-MM-DD".
      expect(summary).toMatch(
        lang === 'fr' ? /Période du<\/span>\s*:\s*est obligatoire/ : /Periode van<\/span>:\s*is verplicht/,
      );
    }
  });

  it('records a grant from the form, amounts and rates typed the Belgian way, then edits it', async () => {
    const b = await signIn(t.app, people.treasurer, { 'accept-language': 'fr' });
    const bad = await b.submit('/admin/grants', '/admin/grants', {
      funder: 'Région de Bruxelles-Capitale',
      publicFunder: '1',
      amount: '60.000,00',
      ratePercent: 'half',
      eligibleCategories: ['activities', 'rent'],
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    } as never);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('n’est pas un taux');
    expect(bad.body).toContain('value="60.000,00"');
    const ok = await b.submit('/admin/grants', '/admin/grants', {
      funder: 'Région de Bruxelles-Capitale',
      publicFunder: '1',
      decisionRef: 'AR-2026-042',
      amount: '60.000,00',
      ratePercent: '12,5',
      eligibleCategories: ['activities', 'rent'],
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      justificationDeadline: '2027-03-31',
    } as never);
    expect(ok.statusCode, ok.body).toBe(303);
    const [grant] = (await api('GET', '/api/v1/grants')).items;
    expect(grant).toMatchObject({
      amountGrantedCents: 6_000_000,
      ratePercent: 12.5,
      eligibleCategories: ['activities', 'rent'],
      decisionRef: 'AR-2026-042',
    });
    ids.grant = grant.id;
    const list = await b.get('/admin/grants');
    expect(list.body).toContain('AR-2026-042');
    expect(list.body).toContain('60\u202f000,00\u00a0€');
    const edit = await b.get(`/admin/grants/${grant.id}`);
    expect(edit.body).toContain('value="60000,00"');
    const changed = await b.submit(`/admin/grants/${grant.id}`, `/admin/grants/${grant.id}`, {
      funder: 'Région de Bruxelles-Capitale',
      publicFunder: '1',
      decisionRef: 'AR-2026-042',
      amount: '60000',
      ratePercent: '50',
      eligibleCategories: ['activities', 'rent', 'communication'],
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    } as never);
    expect(changed.statusCode, changed.body).toBe(303);
    expect(await api('GET', `/api/v1/grants/${grant.id}`)).toMatchObject({
      ratePercent: 50,
      eligibleCategories: ['activities', 'rent', 'communication'],
      justificationDeadline: null,
    });
  });

  it('shows grants to organisers but lets only the network’s treasurers and admins change them', async () => {
    const b = await signIn(t.app, people.organiser);
    const page = await b.get('/admin/grants');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('AR-2026-042');
    expect(page.body).not.toContain('action="/admin/grants"');
    expect((await b.get(`/admin/grants/${ids.grant}`)).statusCode).toBe(403);
    const before = await api('GET', `/api/v1/grants/${ids.grant}`);
    const put = await t.api('PUT' as never, `/api/v1/grants/${ids.grant}`, {
      token: people.organiser.token,
      body: {
        funder: before.funder,
        amountGrantedCents: 1,
        ratePercent: before.ratePercent,
        eligibleCategories: before.eligibleCategories,
        periodStart: before.periodStart,
        periodEnd: before.periodEnd,
      },
    });
    expect(put.statusCode).toBe(403);
    expect((await api('GET', `/api/v1/grants/${ids.grant}`)).amountGrantedCents).toBe(6_000_000);
  });
});

describe('category sets', () => {
  it('edits the Brussels preset from the page, one category a line, and refuses a malformed line', async () => {
    const b = await signIn(t.app, people.admin);
    const page = await b.get('/admin/category-sets');
    expect(page.body).toContain('rent | Loyers et charges | Huur en lasten | Rent and charges');
    const setId = /action="\/admin\/category-sets\/([0-9a-f-]{36})"/.exec(page.body)![1]!;
    const lines = /<textarea[^>]*name="categories"[^>]*>([^<]*)<\/textarea>/
      .exec(page.body)![1]!
      .replaceAll('&amp;', '&');
    const bad = await b.request('POST', `/admin/category-sets/${setId}`, {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!,
      name: 'Brussels-Capital Region',
      categories: `${lines}\ninsurance | Assurances`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('four parts');
    const good = await b.submit('/admin/category-sets', `/admin/category-sets/${setId}`, {
      name: 'Brussels-Capital Region',
      categories: `${lines}\ninsurance | Assurances | Verzekeringen | Insurance`,
    });
    expect(good.statusCode, good.body).toBe(303);
    const { items } = await api('GET', '/api/v1/category-sets');
    expect(items[0].categories.at(-1)).toEqual({
      code: 'insurance',
      fr: 'Assurances',
      nl: 'Verzekeringen',
      en: 'Insurance',
    });
    const organiser = await signIn(t.app, people.organiser);
    expect((await organiser.get('/admin/category-sets')).body).not.toContain('<textarea');
  });
});

describe('budgets', () => {
  it('sets a year budget with a grant line and planned expenses from the page', async () => {
    const b = await signIn(t.app, people.treasurer, { 'accept-language': 'fr' });
    const res = await b.submit('/admin/budgets/2026/network', '/admin/budgets/2026/network', {
      'lines.0.kind': 'grant',
      'lines.0.grantId': ids.grant!,
      'lines.0.label': 'Région',
      'lines.0.amount': '60.000',
      'lines.1.kind': 'own_funds',
      'lines.1.amount': '1 500,50',
      'lines.2.kind': 'expense',
      'lines.2.category': 'activities',
      'lines.2.label': 'Journées IT',
      'lines.2.amount': '100',
      'lines.3.kind': 'expense',
      'lines.3.amount': '',
    });
    // "60.000" is a thousand or sixty euros: refused, not guessed.
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Ligne 1');
    expect(res.body).toContain('value="1 500,50"');
    const saved = await b.submit('/admin/budgets/2026/network', '/admin/budgets/2026/network', {
      'lines.0.kind': 'grant',
      'lines.0.grantId': ids.grant!,
      'lines.0.label': 'Région',
      'lines.0.amount': '60.000,00',
      'lines.1.kind': 'own_funds',
      'lines.1.amount': '1 500,50',
      'lines.2.kind': 'expense',
      'lines.2.category': 'activities',
      'lines.2.label': 'Journées IT',
      'lines.2.amount': '100',
    });
    expect(saved.statusCode, saved.body).toBe(303);
    const [budget] = (await api('GET', '/api/v1/budgets?year=2026&chapter=network')).items;
    expect(budget).toMatchObject({ incomeCents: 6_150_050, plannedExpenseCents: 10_000 });
    const list = await b.get('/admin/budgets?year=2026');
    expect(list.body).toContain('61\u202f500,50\u00a0€');
    const edit = await b.get('/admin/budgets/2026/network');
    expect(edit.body).toContain('value="1500,50"');
  });

  it('lets a chapter organiser read but not set the network budget', async () => {
    const b = await signIn(t.app, people.organiser);
    expect((await b.get('/admin/budgets/2026/network')).statusCode).toBe(403);
    expect((await b.get('/admin/budgets?year=2026')).body).not.toContain('/admin/budgets/2026/network');
  });
});

describe('budget vs actual on a date', () => {
  it('counts an expense as actual from the day it was approved (Brussels), pending before', async () => {
    await api('POST', '/api/v1/budgets', {
      year: 2026,
      chapter: 'charleroi',
      lines: [{ kind: 'expense', category: 'activities', label: 'IT days', amountCents: 20_000 }],
    });
    const e = await api(
      'POST',
      '/api/v1/expenses',
      {
        chapter: 'charleroi',
        incurredOn: '2026-03-04',
        supplierName: 'Drinks & Co',
        amountCents: 3801,
        vatRate: 21,
        category: 'activities',
        paidBy: 'organiser',
        events: [{ eventId: ids.event }],
        grants: [{ grantId: ids.grant, amountCents: 3801 }],
      },
      people.organiser,
    );
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/v1/expenses/${e.id}/receipts?name=ticket.pdf`,
      headers: { authorization: `Bearer ${people.organiser.token}`, 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(up.statusCode).toBe(201);
    await api('POST', `/api/v1/expenses/${e.id}/submit`, {}, people.organiser);
    await api('POST', `/api/v1/expenses/${e.id}/approve`, {}, people.treasurer);
    // History as it happened: submitted in May, approved at 23:30 on 15 June, Brussels time (21:30 UTC).
    await t.database.pool.query(
      `update expenses set submitted_at = '2026-05-10T10:00:00Z', approved_at = '2026-06-15T21:30:00Z' where id = $1`,
      [e.id],
    );
    const on = (at: string, chapter = 'charleroi', who = people.organiser) =>
      api('GET', `/api/v1/budgets/actual?at=${at}&chapter=${chapter}`, undefined, who);
    const june14 = await on('2026-06-14');
    expect(june14.total).toEqual({ plannedCents: 20_000, actualCents: 0, pendingCents: 3801, remainingCents: 20_000 });
    expect(june14.byGrant.find((g: { grantId: string }) => g.grantId === ids.grant).chargedCents).toBe(0);
    const june15 = await on('2026-06-15');
    expect(june15.total).toEqual({ plannedCents: 20_000, actualCents: 3801, pendingCents: 0, remainingCents: 16_199 });
    expect(june15.byCategory).toEqual([
      { category: 'activities', plannedCents: 20_000, actualCents: 3801, pendingCents: 0, remainingCents: 16_199 },
    ]);
    expect(june15.byEvent).toEqual([expect.objectContaining({ eventId: ids.event, actualCents: 3801 })]);
    expect(june15.byGrant).toEqual([
      expect.objectContaining({
        grantId: ids.grant,
        grantedCents: 6_000_000,
        chargedCents: 3801,
        remainingCents: 5_996_199,
      }),
    ]);
    expect(june15.definition).toContain('approved by the end of that day');
    // Before the expense was incurred, nothing; the next year's figures do not see it.
    expect((await on('2026-03-03')).total.pendingCents).toBe(0);
    expect((await on('2027-01-10')).total.actualCents).toBe(0);

    // The network view adds the network's own budget; per chapter, the network's line comes first.
    const network = await api('GET', '/api/v1/budgets/actual?at=2026-12-31', undefined, people.treasurer);
    expect(network.total).toMatchObject({ plannedCents: 30_000, actualCents: 3801 });
    expect(network.byChapter.map((c: { chapter: string | null }) => c.chapter)).toEqual([null, 'charleroi']);
  });

  it('shows each person the scopes they may read, and refuses the rest', async () => {
    const refuse = async (url: string, who: Who) =>
      expect((await t.api('GET', url, { token: who.token })).statusCode).toBe(403);
    await refuse('/api/v1/budgets/actual?at=2026-06-30', people.organiser);
    await refuse('/api/v1/budgets/actual?at=2026-06-30&chapter=charleroi', people.other);
    const bad = await t.api('GET', '/api/v1/budgets/actual?at=2026-13-45', { token: people.admin.token });
    expect(bad.statusCode).toBe(400);
    expect(
      (await t.api('GET', '/api/v1/budgets/actual?at=2026-06-30&chapter=atlantis', { token: people.admin.token }))
        .statusCode,
    ).toBe(404);
  });

  it('is a page with the figures, the definition and a date to choose', async () => {
    const b = await signIn(t.app, people.organiser, { 'accept-language': 'nl' });
    const page = await b.get('/admin/budgets/actual?at=2026-06-15');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Begroting en werkelijkheid op 15/06/2026');
    // The events' rows are dated day first too, never ISO.
    expect(page.body).toMatch(/<td>\d{2}\/\d{2}\/2026<\/td>/);
    expect(page.body).not.toMatch(/<td>2026-\d{2}-\d{2}<\/td>/);
    expect(page.body).toContain('goedgekeurd uiterlijk op die dag');
    expect(page.body).toContain('IT day');
    expect(page.body).toContain('€\u00a038,01');
    expect(page.body).toContain('€\u00a0161,99');
    expect(page.body).toContain('Région de Bruxelles-Capitale AR-2026-042');
    // Categories by their names in the reader's language, never their codes.
    const byCategory = page.body.slice(
      page.body.indexOf('id="by-category"'),
      page.body.indexOf('</table>', page.body.indexOf('id="by-category"')),
    );
    expect(byCategory).toContain(
      '<th scope="row">Activiteitskosten (incl. maaltijden bij vergaderingen en verplaatsingen)</th>',
    );
    expect(byCategory).not.toContain('<th scope="row">activities</th>');
    const before = await b.get('/admin/budgets/actual?at=2026-06-14&chapter=charleroi');
    expect(before.body).not.toContain('IT day');
    expect((await b.get('/admin/budgets/actual?chapter=namur')).statusCode).toBe(403);
  });
});
