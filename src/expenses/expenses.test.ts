import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';

/** Expenses from draft to paid: splits, grants, receipts, the approval rules, audit, notices, webhooks. */

type Who = { token: string; id: string; email: string };
let t: TestApp;
let admin: Who;
let treasurer: Who;
let organiser: Who;
let otherOrganiser: Who;
let member: Who;
const ids = {} as Record<string, string>;
const id = (k: string) => ids[k] as string;
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const who = async (role: 'admin' | 'member' = 'member'): Promise<Who> => {
  const u = await t.user(role);
  return { token: u.token, id: u.user.id, email: u.user.email };
};
const ok = async (method: 'POST' | 'GET' | 'PATCH' | 'PUT', url: string, body?: unknown, token = admin.token) => {
  const res = await t.api(method, url, { token, body });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
};
const count = async (sql: string, params: unknown[] = []) =>
  (await t.database.pool.query<{ n: number }>(sql, params)).rows[0]!.n;
const upload = (id: string, bytes: Buffer, token: string, type = 'application/pdf') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/expenses/${id}/receipts?name=ticket.pdf`,
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    payload: bytes,
  });

beforeAll(async () => {
  t = await startTestApp({ allowPrivateWebhooks: true });
  [admin, treasurer, organiser, otherOrganiser, member] = [
    await who('admin'),
    await who(),
    await who(),
    await who(),
    await who(),
  ];
  for (const slug of ['charleroi', 'namur']) {
    await ok('POST', '/api/v1/chapters', { name: slug, slug, city: slug, status: 'active' });
  }
  await ok('POST', '/api/v1/chapters/charleroi/organizers', { email: organiser.email });
  await ok('POST', '/api/v1/chapters/namur/organizers', { email: otherOrganiser.email });
  await ok('POST', '/api/v1/treasurers', { email: treasurer.email });
  for (const [key, chapter, day] of [
    ['it1', 'charleroi', '2026-03-05'],
    ['it2', 'charleroi', '2026-04-02'],
    ['namur', 'namur', '2026-03-10'],
  ] as const) {
    const e = await ok('POST', `/api/v1/chapters/${chapter}/events`, {
      title: `IT day ${key}`,
      startsAt: `${day}T17:00:00Z`,
      endsAt: `${day}T20:00:00Z`,
      capacity: 40,
      onlineUrl: 'https://meet.example.org/it',
    });
    ids[key] = e.id;
  }
  ids.grant = (
    await ok('POST', '/api/v1/grants', {
      funder: 'Brussels-Capital Region',
      decisionRef: 'AR-2026-042',
      amountGrantedCents: 6_000_000,
      ratePercent: 50,
      eligibleCategories: ['activities', 'communication', 'rent'],
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      justificationDeadline: '2027-03-31',
    })
  ).id;
  ids.sponsor = (
    await ok('POST', '/api/v1/grants', {
      funder: 'Sponsor',
      publicFunder: false,
      amountGrantedCents: 100_000,
      ratePercent: 100,
      eligibleCategories: ['equipment'],
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    })
  ).id;
});
afterAll(() => t.close());

describe('budgets and grants', () => {
  it('ships the Brussels categories as the default, editable set', async () => {
    const { items } = await ok('GET', '/api/v1/category-sets', undefined, treasurer.token);
    expect(items[0].isDefault).toBe(true);
    expect(items[0].categories.map((c: { code: string }) => c.code)).toEqual(
      expect.arrayContaining(['rent', 'communication', 'administration', 'fees', 'activities', 'staff', 'equipment']),
    );
    const edited = [
      ...items[0].categories,
      { code: 'insurance', fr: 'Assurances', nl: 'Verzekeringen', en: 'Insurance' },
    ];
    const res = await ok('PUT', `/api/v1/category-sets/${items[0].id}`, { name: items[0].name, categories: edited });
    expect(res.categories).toHaveLength(edited.length);
    const refused = await t.api('PUT', `/api/v1/category-sets/${items[0].id}`, {
      token: organiser.token,
      body: { name: 'x', categories: edited },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('keeps a year budget with income and planned lines, readable per scope', async () => {
    const b = await ok('POST', '/api/v1/budgets', {
      year: 2026,
      lines: [
        { kind: 'grant', grantId: ids.grant, label: 'Region', amountCents: 6_000_000 },
        { kind: 'sponsorship', label: 'Sponsors', amountCents: 2_000_000 },
        { kind: 'own_funds', label: 'Own funds', amountCents: 4_000_000 },
        { kind: 'expense', category: 'activities', label: 'IT days', amountCents: 8_000_000 },
      ],
    });
    expect(b).toMatchObject({ year: 2026, chapter: null, incomeCents: 12_000_000, plannedExpenseCents: 8_000_000 });
    await ok('POST', '/api/v1/budgets', { year: 2026, chapter: 'charleroi', lines: [] }, admin.token);
    const mine = await ok('GET', '/api/v1/budgets?year=2026', undefined, organiser.token);
    expect(mine.items.map((x: { chapter: string | null }) => x.chapter)).toEqual(['charleroi']);
    const bad = await t.api('POST', '/api/v1/budgets', {
      token: admin.token,
      body: { year: 2026, lines: [{ kind: 'expense', label: 'x', amountCents: 100 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('lines.0.category');
    const forbidden = await t.api('POST', '/api/v1/budgets', {
      token: organiser.token,
      body: { year: 2026, lines: [] },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('refuses a grant with a rate that cannot be exact or unknown categories', async () => {
    const res = await t.api('POST', '/api/v1/grants', {
      token: admin.token,
      body: {
        funder: 'X',
        amountGrantedCents: 1,
        ratePercent: 12.345,
        eligibleCategories: ['nope'],
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('ratePercent');
  });
});

describe('expenses', () => {
  const crate = () => ({
    chapter: 'charleroi',
    incurredOn: '2026-03-04',
    supplierName: 'Drinks & Co',
    supplierVat: 'BE0123456789',
    amountCents: 3801,
    vatRate: 21,
    category: 'activities',
    description: 'A crate of drinks for two IT days',
    paidBy: 'organiser',
    events: [{ eventId: ids.it1 }, { eventId: ids.it2 }],
    grants: [{ grantId: ids.grant, amountCents: 3801 }],
  });

  it('splits "half each" exactly to the cent and computes the VAT included', async () => {
    const e = await ok('POST', '/api/v1/expenses', crate(), organiser.token);
    expect(e.status).toBe('draft');
    expect(e.events.map((s: { amountCents: number }) => s.amountCents)).toEqual([1901, 1900]);
    expect(e.vatCents).toBe(660);
    expect(e.reimburseTo).toBe(organiser.id);
    ids.crate = e.id;
  });

  it.each([
    [
      'a split that does not add up',
      {
        events: [
          { eventId: 'it1', amountCents: 1000 },
          { eventId: 'it2', amountCents: 1000 },
        ],
      },
      'events',
    ],
    ['an event of another chapter', { events: [{ eventId: 'namur' }] }, 'events.0.eventId'],
    ['a category the grant does not fund', { category: 'staff' }, 'grants.0.grantId'],
    [
      'a grant funding more than the line',
      { grants: [{ grantId: 'grant', amountCents: 3802 }] },
      'grants.0.amountCents',
    ],
    [
      'two grants funding more than the line together',
      {
        grants: [
          { grantId: 'grant', amountCents: 2000 },
          { grantId: 'sponsor', amountCents: 2000 },
        ],
      },
      'grants',
    ],
    ['a date outside the grant period', { incurredOn: '2025-12-31' }, 'grants.0.grantId'],
  ])('refuses %s, naming the field, and stores nothing', async (_what, change, field) => {
    const before = await count('SELECT count(*)::int AS n FROM expenses');
    const body = { ...crate(), ...change } as Record<string, unknown>;
    for (const key of ['events', 'grants'] as const)
      body[key] = (body[key] as { eventId?: string; grantId?: string }[]).map((s) =>
        s.eventId && ids[s.eventId]
          ? { ...s, eventId: ids[s.eventId] }
          : s.grantId && ids[s.grantId]
            ? { ...s, grantId: ids[s.grantId] }
            : s,
      );
    const res = await t.api('POST', '/api/v1/expenses', { token: organiser.token, body });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await count('SELECT count(*)::int AS n FROM expenses')).toBe(before);
  });

  it('lets only organisers of the chapter and treasurers record and see it', async () => {
    expect((await t.api('POST', '/api/v1/expenses', { token: otherOrganiser.token, body: crate() })).statusCode).toBe(
      403,
    );
    expect((await t.api('POST', '/api/v1/expenses', { token: member.token, body: crate() })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/v1/expenses/${ids.crate}`, { token: otherOrganiser.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/v1/expenses/${ids.crate}`)).statusCode).toBe(401);
    const list = await ok('GET', '/api/v1/expenses?chapter=charleroi', undefined, treasurer.token);
    expect(list.items.map((e: { id: string }) => e.id)).toContain(ids.crate);
    const theirs = await ok('GET', '/api/v1/expenses', undefined, otherOrganiser.token);
    expect(theirs.items).toEqual([]);
  });

  it('needs a receipt for a reimbursement, checked by content', async () => {
    const res = await t.api('POST', `/api/v1/expenses/${ids.crate}/submit`, { token: organiser.token });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('receipts');
    const fake = await upload(id('crate'), Buffer.from('MZ not a pdf at all'), organiser.token);
    expect(fake.statusCode).toBe(415);
    const good = await upload(id('crate'), pdf, organiser.token);
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json().receipts[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const file = await t.api('GET', `/api/v1/expenses/${ids.crate}/receipts/${good.json().receipts[0].id}`, {
      token: treasurer.token,
    });
    expect(file.rawPayload.equals(pdf)).toBe(true);
  });

  it('goes draft → submitted → approved → paid, audited, with notices and webhooks', async () => {
    await ok('POST', '/api/v1/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['expense.submitted', 'expense.approved'],
    });
    const submitted = await ok('POST', `/api/v1/expenses/${ids.crate}/submit`, undefined, organiser.token);
    expect(submitted.status).toBe('submitted');
    // The organiser is no treasurer: approving is refused.
    expect((await t.api('POST', `/api/v1/expenses/${ids.crate}/approve`, { token: organiser.token })).statusCode).toBe(
      403,
    );
    const approved = await ok('POST', `/api/v1/expenses/${ids.crate}/approve`, undefined, treasurer.token);
    expect(approved.status).toBe('approved');
    expect((await upload(id('crate'), pdf, organiser.token)).statusCode).toBe(409);
    const paid = await ok('POST', `/api/v1/expenses/${ids.crate}/pay`, { paidOn: '2026-03-20' }, treasurer.token);
    expect(paid).toMatchObject({ status: 'paid', paidOn: '2026-03-20' });
    // Named by its supplier (and its id): create, receipt, submit, approve, pay.
    expect(
      await count(`SELECT count(*)::int AS n FROM audit_log WHERE subject = $1`, [
        `Drinks & Co · expense ${ids.crate}`,
      ]),
    ).toBe(5);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM outbound_messages WHERE kind = 'expense.submitted' AND to_email = $1`,
        [treasurer.email],
      ),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM outbound_messages WHERE kind = 'expense.approved' AND to_email = $1`,
        [organiser.email],
      ),
    ).toBe(1);
    expect(
      await count(`SELECT count(*)::int AS n FROM outbound_messages WHERE kind = 'expense.paid' AND to_email = $1`, [
        organiser.email,
      ]),
    ).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE event IN ('expense.submitted', 'expense.approved')`,
      ),
    ).toBe(2);
  });

  it('above the limit, the submitter may not approve their own expense; below it they may', async () => {
    const big = await ok(
      'POST',
      '/api/v1/expenses',
      { ...crate(), paidBy: 'network', amountCents: 15_000, grants: [] },
      treasurer.token,
    );
    await ok('POST', `/api/v1/expenses/${big.id}/submit`, undefined, treasurer.token);
    const self = await t.api('POST', `/api/v1/expenses/${big.id}/approve`, { token: treasurer.token });
    expect(self.statusCode).toBe(403);
    expect(self.json().detail).toMatch(/someone other than its submitter/);
    expect((await ok('POST', `/api/v1/expenses/${big.id}/approve`, undefined, admin.token)).status).toBe('approved');
    const small = await ok(
      'POST',
      '/api/v1/expenses',
      { ...crate(), paidBy: 'network', amountCents: 9_999, grants: [] },
      treasurer.token,
    );
    await ok('POST', `/api/v1/expenses/${small.id}/submit`, undefined, treasurer.token);
    expect((await ok('POST', `/api/v1/expenses/${small.id}/approve`, undefined, treasurer.token)).status).toBe(
      'approved',
    );
  });

  it('sends back as incomplete with a reason, then takes it again; rejects with a reason', async () => {
    const e = await ok('POST', '/api/v1/expenses', { ...crate(), paidBy: 'network', grants: [] }, organiser.token);
    await ok('POST', `/api/v1/expenses/${e.id}/submit`, undefined, organiser.token);
    const back = await ok(
      'POST',
      `/api/v1/expenses/${e.id}/reject`,
      { reason: 'Which event?', outcome: 'incomplete' },
      treasurer.token,
    );
    expect(back).toMatchObject({ status: 'incomplete', statusReason: 'Which event?' });
    const changed = await ok('PATCH', `/api/v1/expenses/${e.id}`, { amountCents: 4001 }, organiser.token);
    expect(changed.events.map((s: { amountCents: number }) => s.amountCents)).toEqual([2001, 2000]);
    await ok('POST', `/api/v1/expenses/${e.id}/submit`, undefined, organiser.token);
    const rejected = await ok('POST', `/api/v1/expenses/${e.id}/reject`, { reason: 'Duplicate' }, treasurer.token);
    expect(rejected.status).toBe('rejected');
    const again = await t.api('PATCH', `/api/v1/expenses/${e.id}`, {
      token: organiser.token,
      body: { amountCents: 1 },
    });
    expect(again.statusCode).toBe(409);
  });

  it('takes credit notes as negative lines, split with the same rule', async () => {
    const e = await ok(
      'POST',
      '/api/v1/expenses',
      { ...crate(), paidBy: 'network', amountCents: -501, grants: [{ grantId: ids.grant, amountCents: -501 }] },
      organiser.token,
    );
    expect(e.events.map((s: { amountCents: number }) => s.amountCents)).toEqual([-251, -250]);
  });

  it('keeps the costs of a cancelled event', async () => {
    await ok('POST', `/api/v1/events/${ids.it2}/cancel`, { reason: 'Snow' });
    const list = await ok('GET', `/api/v1/expenses?event=${ids.it2}`, undefined, treasurer.token);
    expect(list.items.length).toBeGreaterThan(0);
  });

  it("refuses to delete a chapter whose expenses the accounts keep: a 409 in the reader's language, nothing removed", async () => {
    const before = await count(
      'select count(*)::int as n from events where chapter_id = (select id from chapters where slug = $1)',
      ['charleroi'],
    );
    expect(before).toBeGreaterThan(0);
    const en = await t.api('DELETE', '/api/v1/chapters/charleroi', { token: admin.token });
    expect(en.statusCode, en.body).toBe(409);
    expect(en.headers['content-type']).toContain('application/problem+json');
    expect(en.json()).toMatchObject({ code: 'chapter.deleteHasExpenses' });
    expect(en.json().detail).toContain('cannot be deleted: expenses are recorded');
    const fr = await t.api('DELETE', '/api/v1/chapters/charleroi', {
      token: admin.token,
      headers: { 'accept-language': 'fr-BE' },
    });
    expect(fr.json().detail).toContain('ne peut pas être supprimée');
    const nl = await t.api('DELETE', '/api/v1/chapters/charleroi', {
      token: admin.token,
      headers: { 'accept-language': 'nl-BE' },
    });
    expect(nl.json().detail).toContain('kan niet worden verwijderd');
    expect((await t.api('GET', '/api/v1/chapters/charleroi')).statusCode).toBe(200);
    expect(
      await count(
        'select count(*)::int as n from events where chapter_id = (select id from chapters where slug = $1)',
        ['charleroi'],
      ),
    ).toBe(before);
    // A chapter without money still goes.
    await ok('POST', '/api/v1/chapters', { name: 'Arlon', slug: 'arlon', city: 'Arlon', status: 'planned' });
    expect((await t.api('DELETE', '/api/v1/chapters/arlon', { token: admin.token })).statusCode).toBe(204);
  });

  it('warns at the volunteer allowance ceilings of the year, held as data', async () => {
    const allowance = (day: string, cents: number) =>
      ok(
        'POST',
        '/api/v1/expenses',
        {
          ...crate(),
          incurredOn: day,
          paidBy: 'network',
          category: 'fees',
          amountCents: cents,
          grants: [],
          volunteer: member.id,
        },
        organiser.token,
      );
    // 2026: 44,02 EUR a day, 1 760,83 EUR a year (volunteer-ceilings.json, with its source).
    const fine = await allowance('2026-05-01', 4402);
    expect(fine.warnings).toEqual([]);
    const over = await allowance('2026-05-02', 4403);
    expect(over.warnings.map((w: { code: string }) => w.code)).toEqual(['volunteer.daily_ceiling']);
    // 43,00 EUR on a day of 2025 crosses that year's ceiling (42,31 EUR): each year has its own.
    const in2025 = await allowance('2025-05-02', 4300);
    expect(in2025.warnings.map((w: { code: string }) => w.code)).toEqual(['volunteer.daily_ceiling']);
    const unknownYear = await allowance('2031-05-02', 100);
    expect(unknownYear.warnings.map((w: { code: string }) => w.code)).toEqual(['volunteer.ceiling_unknown']);
    // The warning is a catalogue message: its key, its parameters, and its text in the reader's language.
    for (const [lang, text] of [
      ['nl', 'De vergoedingen op 2 mei 2026 (€ 44,03) overschrijden het dagplafond van € 44,02 voor 2026.'],
      ['fr', 'Les défraiements du 2 mai 2026 (44,03 €) dépassent le plafond journalier de 44,02 € pour 2026.'],
      ['en', 'Allowances on 2 May 2026 (€44.03) exceed the daily ceiling of €44.02 for 2026.'],
    ]) {
      const res = await t.app.inject({
        url: `/api/v1/expenses/${over.id}`,
        headers: { authorization: `Bearer ${organiser.token}`, 'accept-language': lang! },
      });
      expect(res.statusCode, res.body).toBe(200);
      const [warning, ...more] = res.json().warnings;
      expect(more).toEqual([]);
      expect(warning).toMatchObject({
        code: 'volunteer.daily_ceiling',
        key: 'expenses.warning.dailyCeiling',
        params: { year: '2026' },
      });
      // Intl writes a no-break space between the euro sign and the amount.
      expect(warning.message.replace(/\s/g, ' ')).toBe(text);
    }
  });
});

describe('OpenAPI', () => {
  it('documents the money routes in a valid OpenAPI 3.1 document, amounts as integers', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const doc = (await t.api('GET', '/api/v1/openapi.json')).json();
    const result = await new Validator().validate(doc);
    expect(result.valid, JSON.stringify(result.errors)).toBe(true);
    for (const path of [
      '/api/v1/grants',
      '/api/v1/budgets',
      '/api/v1/expenses',
      '/api/v1/expenses/{id}/approve',
      '/api/v1/expenses/{id}/receipts',
    ])
      expect(doc.paths).toHaveProperty([path]);
    const body = doc.paths['/api/v1/expenses'].post.requestBody.content['application/json'].schema;
    expect(body.properties.amountCents.type).toBe('integer');
  });
});
