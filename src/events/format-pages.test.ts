import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { type FormSession, signIn } from '../../test/support/forms.js';

/**
 * Dates, chapter names, categories and event titles on the organisers' and treasurers' pages, in
 * the page's language: day-first Belgian dates (never ISO, never US), names as the reader calls
 * them (never a slug or a code).
 */

let t: TestApp;
let admin: { email: string; password: string; token: string };
let eventId = '';
let expenseId = '';
const browsers: Partial<Record<'fr' | 'nl' | 'en', FormSession>> = {};
const as = async (lang: 'fr' | 'nl' | 'en') =>
  (browsers[lang] ??= await signIn(t.app, admin, { 'accept-language': lang }));
const page = async (lang: 'fr' | 'nl' | 'en', url: string) => {
  const res = await (await as(lang)).get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
};

beforeAll(async () => {
  t = await startTestApp();
  const u = await t.user('admin');
  admin = { email: u.user.email, password: u.password, token: u.token };
  const post = async (url: string, body: unknown) => {
    const res = await t.api('POST', url, { token: admin.token, body });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  await post('/api/v1/chapters', {
    name: 'Kortrijk',
    slug: 'kortrijk',
    city: 'Kortrijk',
    status: 'active',
    language: 'nl',
    translations: { fr: { name: 'Courtrai' } },
  });
  eventId = (
    await post('/api/v1/chapters/kortrijk/events', {
      title: 'IT-dag Kortrijk',
      language: 'nl',
      translations: { fr: { title: 'Journée IT Courtrai' } },
      startsAt: '2026-12-03T17:30:00Z',
      endsAt: '2026-12-03T20:00:00Z',
      capacity: 40,
      onlineUrl: 'https://meet.example.org/x',
      status: 'published',
    })
  ).id;
  expenseId = (
    await post('/api/v1/expenses', {
      chapter: 'kortrijk',
      incurredOn: '2026-11-20',
      supplierName: 'Zaalverhuur',
      amountCents: 12_000,
      vatRate: 21,
      category: 'rent',
      events: [{ eventId }],
    })
  ).id;
  await post('/api/v1/grants', {
    funder: 'Vlaanderen',
    chapter: 'kortrijk',
    amountGrantedCents: 100_000,
    ratePercent: 50,
    eligibleCategories: ['rent'],
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    justificationDeadline: '2027-03-31',
  });
});
afterAll(() => t.close());

describe('dates in the page language', () => {
  it('says budget vs actual on a day-first date, the chapters by their name in the page language', async () => {
    for (const lang of ['fr', 'nl'] as const) {
      const html = await page(lang, '/admin/budgets/actual?at=2026-11-27');
      expect(html).toContain(lang === 'fr' ? '<h1>Budget et réalisé au 27/11/2026</h1>' : '27/11/2026</h1>');
      expect(html).not.toContain('2026-11-27</h1>');
      expect(html).toContain(`<option value="kortrijk">${lang === 'fr' ? 'Courtrai' : 'Kortrijk'}</option>`);
    }
  });

  it('shows a grant period and deadline day first, and its chapter by name', async () => {
    for (const lang of ['fr', 'nl'] as const) {
      const html = await page(lang, '/admin/grants');
      expect(html).toContain('01/01/2026 → 31/12/2026');
      expect(html).toContain('31/03/2027');
      expect(html).toContain(lang === 'fr' ? '<td>Courtrai</td>' : '<td>Kortrijk</td>');
      expect(html).not.toContain('2026-01-01');
    }
  });

  it('lists a chapter’s events with a readable date and the title in the page language', async () => {
    const fr = await page('fr', '/admin/chapters/kortrijk');
    expect(fr).toContain('Journée IT Courtrai');
    expect(fr).toMatch(/jeu\. 3 déc\.( 2026)?, 18:30/);
    expect(fr).not.toContain('2026-12-03');
    const nl = await page('nl', '/admin/chapters/kortrijk');
    expect(nl).toContain('IT-dag Kortrijk');
    expect(nl).not.toContain('Journée IT');
    expect(nl).toMatch(/do 3 dec\.?( 2026)?, 18:30/);
  });

  it('names the day of a capacity conflict day first in the problem', async () => {
    const other = await t.user('member');
    for (const token of [admin.token, other.token]) {
      const res = await t.api('POST', `/api/v1/events/${eventId}/registrations`, { token, body: {} });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
    for (const [lang, said] of [
      ['fr', 'le 03/12/2026'],
      ['nl', 'op 03/12/2026'],
      ['en', 'on 03/12/2026'],
    ] as const) {
      const res = await t.api('PATCH', `/api/v1/events/${eventId}`, {
        token: admin.token,
        body: { capacity: 1 },
        headers: { 'accept-language': lang },
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().detail).toContain(said);
      expect(res.body).not.toContain('le 2026-12-03');
    }
  });
});

describe('expense pages name things as people do', () => {
  it('lists and shows an expense with a day-first date, the chapter’s name and the category’s label', async () => {
    for (const [lang, chapter, category] of [
      ['fr', 'Courtrai', 'Loyers et charges'],
      ['nl', 'Kortrijk', 'Huur en lasten'],
    ] as const) {
      const list = await page(lang, '/admin/expenses');
      expect(list).toContain('<td>20/11/2026</td>');
      expect(list).toContain(`<td>${chapter}</td>`);
      expect(list).not.toContain('2026-11-20');
      const detail = await page(lang, `/admin/expenses/${expenseId}`);
      expect(detail).toContain('<dd>20/11/2026</dd>');
      expect(detail).toContain(`<dd>${chapter}</dd>`);
      expect(detail).toContain(`<dd>${category}</dd>`);
      expect(detail).not.toContain('<dd>rent</dd>');
      expect(detail).not.toContain('<dd>kortrijk</dd>');
    }
  });

  it('offers the events in the new-expense form day first, titled in the page language', async () => {
    const fr = await page('fr', '/admin/expenses/new');
    expect(fr).toMatch(/jeu\. 3 déc\.( 2026)?, 18:30 · Journée IT Courtrai/);
    expect(fr).toContain('<option value="kortrijk">Courtrai</option>');
    const en = await page('en', '/admin/expenses/new');
    expect(en).toMatch(/Thu 3 Dec( 2026)?, 18:30 · <span lang="nl">IT-dag Kortrijk/);
    expect(en).not.toContain('12/3/26');
  });
});

describe('admin lists say when day first in every language', () => {
  it('dates the outbox the same way in fr, nl and en', async () => {
    for (const lang of ['fr', 'nl', 'en'] as const) {
      const html = await page(lang, '/admin/outbox');
      // Registrations sent mail just now: "27/11/2026 20:17", never French's two-digit year or a US date.
      expect(html).toMatch(/<td>\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}<\/td>/);
      expect(html).not.toMatch(/<td>\d{1,2}\/\d{1,2}\/\d{2}[ ,]/);
    }
  });

  it('dates the audit log day first and 24-hour, the same way as the other lists', async () => {
    for (const lang of ['fr', 'nl', 'en'] as const) {
      const html = await page(lang, '/admin/audit');
      // The chapter and the event created above: "27 nov. 2026 20:17", no "à" and no comma before the time.
      const times = [...html.matchAll(/<time [^>]*>([^<]+)<\/time>/g)].map((m) => m[1]!);
      expect(times.length, html).toBeGreaterThan(0);
      for (const time of times) {
        expect(time).toMatch(/^\d{1,2} \S+ \d{4} \d{2}:\d{2}$/);
      }
    }
  });

  it('dates the articles in the news admin and offers the chapters by their name', async () => {
    const res = await t.api('POST', '/api/v1/articles', {
      token: admin.token,
      body: { title: 'Nieuws uit Kortrijk', bodyMarkdown: 'Tekst', language: 'nl', status: 'published' },
    });
    expect(res.statusCode, res.body).toBe(201);
    for (const lang of ['fr', 'nl'] as const) {
      const list = await page(lang, '/admin/news');
      expect(list).toMatch(/<td>\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}<\/td>/);
      expect(list).not.toMatch(/<td>\d{4}-\d{2}-\d{2} /);
      const editor = await page(lang, '/admin/news/new');
      expect(editor).toContain(`<option value="kortrijk">${lang === 'fr' ? 'Courtrai' : 'Kortrijk'}</option>`);
    }
  });
});

describe('names and small words in the page language', () => {
  it('offers chapters by their name in the page language in the directory filter', async () => {
    const fr = await page('fr', '/members');
    expect(fr).toContain('<option value="kortrijk">Courtrai</option>');
    const nl = await page('nl', '/members');
    expect(nl).toContain('<option value="kortrijk">Kortrijk</option>');
    expect(nl).not.toContain('<option value="kortrijk">Courtrai');
  });

  it('lists the chapters to follow on the invitation form in the page language', async () => {
    const fr = await page('fr', `/admin/events/${eventId}/invite`);
    expect(fr).toContain('<label for="f-followed-kortrijk" class="inline">Courtrai</label>');
    const nl = await page('nl', `/admin/events/${eventId}/invite`);
    expect(nl).toContain('<label for="f-followed-kortrijk" class="inline">Kortrijk</label>');
  });

  it('sets a French colon off with a narrow no-break space, and not the Dutch one', async () => {
    const res = await t.api('POST', '/api/v1/venues', {
      token: admin.token,
      body: { name: 'Le Hangar', city: 'Namur', rooms: [{ name: 'Grande salle', capacity: 120 }] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const fr = await page('fr', '/venues');
    expect(fr).toContain('Grande salle\u202f: 120 places');
    expect(fr).not.toContain('Grande salle: ');
    expect(await page('nl', '/venues')).toContain('Grande salle: 120 plaatsen');
  });

  it('says "the whole network" in lower case inside a sentence', async () => {
    const fr = await page('fr', '/admin/budgets/2026/network');
    expect(fr).toContain('Modifier le budget de tout le réseau, 2026');
    expect(fr).not.toContain('budget de Tout le réseau');
    const nl = await page('nl', '/admin/budgets/2026/network');
    expect(nl).toContain('Begroting van het hele netwerk wijzigen, 2026');
  });

  it('speaks to Dutch readers with "je", as the rest of the interface does', async () => {
    const nl = await page('nl', `/events/${eventId}/report`);
    expect(nl).toContain('Je bericht');
    expect(nl).toContain('Je naam');
    expect(nl).not.toMatch(/\bUw (bericht|naam)\b/);
  });
});

describe('event titles where members read them', () => {
  it('lists my attendance with the event titled in the page language', async () => {
    const fr = await page('fr', '/me');
    expect(fr).toContain('Journée IT Courtrai');
    const nl = await page('nl', '/me');
    expect(nl).toContain('IT-dag Kortrijk');
    expect(nl).not.toContain('Journée IT Courtrai');
  });
});
