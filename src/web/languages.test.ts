import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession, signIn } from '../../test/support/forms.js';
import { catalogues, type Locale } from './i18n.js';

// A French or a Dutch visitor reads every page, every error and every problem in their language:
// no English words of the interface (the English catalogue) on the pages they see.

let t: TestApp;
let organiser: { email: string; password: string };
let member: { email: string; password: string };
let eventId: string;

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.user('admin');
  const o = await t.user('member');
  organiser = { email: o.user.email, password: o.password };
  const m = await t.user('member');
  member = { email: m.user.email, password: m.password };
  const api = async (url: string, body: unknown) => {
    const res = await t.api('POST', url, { token: admin.token, body });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json() as { id: string };
  };
  await api('/api/v1/venues', { name: 'Switch', city: 'Charleroi', rooms: [{ name: 'Salle', capacity: 50 }] });
  await api('/api/v1/chapters', { name: 'Charleroi', city: 'Charleroi', region: 'Hainaut', status: 'active' });
  await api('/api/v1/chapters/charleroi/organizers', { email: organiser.email });
  const starts = new Date(Date.now() + 20 * 86_400_000);
  starts.setUTCHours(17, 30, 0, 0);
  eventId = (
    await api('/api/v1/chapters/charleroi/events', {
      title: 'Apéro Charleroi',
      kind: 'meetup',
      startsAt: starts.toISOString(),
      endsAt: new Date(starts.getTime() + 2 * 3_600_000).toISOString(),
      venue: 'switch',
      capacity: 30,
      status: 'published',
      questions: [{ id: 'role', label: 'Rôle', type: 'choice', choices: ['dev', 'design'], required: true }],
    })
  ).id;
});
afterAll(() => t?.close());

/** The words a person reads: the text of the page, without markup, scripts or attribute values. */
const visibleText = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&quot;', '"')
    .replace(/\s+/g, ' ');

/**
 * The English catalogue's sentences that the other language does not share: the literal parts of
 * each message (between its {arguments}) that are long enough to be interface text, not a name.
 */
function englishPhrases(locale: Locale): string[] {
  const other = new Set(Object.values(catalogues[locale]));
  const phrases = new Set<string>();
  for (const [key, source] of Object.entries(catalogues.en)) {
    if (other.has(source) || (catalogues[locale] as Record<string, string>)[key] === source) continue;
    for (const part of source.split(/[{}#]/))
      if (part.trim().length >= 14 && /[a-z] [a-z]/i.test(part)) phrases.add(part.trim());
  }
  return [...phrases];
}

function expectNoEnglish(locale: Locale, html: string, where: string) {
  const text = visibleText(html);
  const found = englishPhrases(locale).filter((p) => text.includes(p));
  expect(found, `${where} in ${locale}`).toEqual([]);
}

describe.each(['fr', 'nl'] as const)('a visitor reading %s', (locale) => {
  const visitor = () => new FormSession(t.app, { 'accept-language': locale });
  const other = { fr: 'nl', nl: 'fr' }[locale];

  it('reads the home, chapter and event pages, a 404 and a 403 in the language, in the site frame', async () => {
    // The check can fail: the English home page is full of English interface text.
    const english = await new FormSession(t.app).get('/');
    expect(englishPhrases(locale).filter((p) => visibleText(english.body).includes(p)).length).toBeGreaterThan(3);
    const b = visitor();
    for (const url of ['/', '/chapters/charleroi', `/events/${eventId}`]) {
      const res = await b.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain(`<html lang="${locale}"`);
      expectNoEnglish(locale, res.body, url);
    }
    const missing = await b.get('/nowhere');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<header class="site">');
    expect(missing.body).toContain(`hreflang="${other}"`);
    expect(missing.body).toContain(catalogues[locale]['error.notFound']);
    expectNoEnglish(locale, missing.body, '404');

    const signedIn = await signIn(t.app, member);
    const refused = await signedIn.get(`/admin/outbox?lang=${locale}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('<header class="site">');
    expect(refused.body).toContain(
      {
        fr: 'Votre compte ne permet pas de voir la boîte d’envoi.',
        nl: 'Je account mag dit niet: het postvak uit bekijken.',
      }[locale],
    );
    expectNoEnglish(locale, refused.body, '403');
  });

  it('signs up with mistakes: each message in the language, named by its label, linked to its field', async () => {
    const b = visitor();
    const res = await b.submit('/signup', '/signup', { name: '', email: 'not-an-address', password: 'x' });
    expect(res.statusCode).toBe(400);
    const required = { fr: 'est obligatoire', nl: 'is verplicht' }[locale];
    expect(res.body).toContain(required);
    expect(res.body).toContain(catalogues[locale]['validation.email']);
    // The summary names the field by its label, not its key, and links to it.
    expect(res.body).toMatch(/<a href="#f-name"><span class="label">[^<]+<\/span>/);
    expect(res.body).not.toContain('name: ');
    expectNoEnglish(locale, res.body, 'sign-up with errors');
  });

  it('registers for an event with mistakes, all said in the language', async () => {
    const b = visitor();
    const res = await b.submit(`/events/${eventId}`, `/events/${eventId}/register`, {
      name: 'Zoé',
      email: 'zoé@',
      answer_role: 'boss',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(catalogues[locale]['validation.email']);
    expectNoEnglish(locale, res.body, 'RSVP with errors');
  });

  it("shows the organiser's event form with mistakes in the language", async () => {
    const b = await signIn(t.app, organiser);
    await b.get(`/?lang=${locale}`);
    const res = await b.submit('/admin/chapters/charleroi/events/new', '/admin/chapters/charleroi/events', {
      title: 'Soirée',
      kind: 'meetup',
      date: '2027-06-03',
      startTime: '18:30',
      endTime: '',
      timeZone: 'Europe/Brussels',
      venue: '',
      room: 'Salle',
      capacity: '0',
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
    expect(res.body).toContain(`<html lang="${locale}"`);
    expectNoEnglish(locale, res.body, 'event form with errors');
  });

  it('gets API problems in the language of Accept-Language, with the key and parameters to translate', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/registrations`,
      headers: { 'accept-language': locale },
      payload: { name: 'Zoé', email: 'nope', answers: { role: 'boss' } },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.title).toBe(catalogues[locale]['error.validation']);
    expect(body.code).toBe('error.invalidFields');
    expect(body.params).toMatchObject({ count: 1 });
    // The detail names the field by its label in the reader's language, not by its path.
    const words = catalogues[locale];
    expect(body.detail).toContain(`${words['field.email']}${words['form.labelSeparator']}${words['validation.email']}`);
    expect(body.detail).not.toContain('email:');
    expect(body.errors).toEqual([
      { field: 'email', message: catalogues[locale]['validation.email'], code: 'validation.email' },
    ]);
    expectNoEnglish(locale, JSON.stringify(body), 'problem body');
  });
});

describe('the API language', () => {
  it('is English without Accept-Language, whatever the cookie says', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/events/00000000-0000-4000-8000-000000000000',
      headers: { cookie: 'essaim_lang=fr' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().title).toBe('Not found');
  });

  it('asks an anonymous client to sign in in the language of Accept-Language', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/check-ins`,
      headers: { 'accept-language': 'nl' },
      payload: { code: 'NOPE' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().title).toBe(catalogues.nl['error.unauthenticated']);
  });
});

describe('the language switch', () => {
  it('keeps the path and the query, names every language as an alternate, and sticks in a cookie', async () => {
    const b = new FormSession(t.app, { 'accept-language': 'nl' });
    const page = await b.get('/chapters/charleroi?view=past&done=saved');
    expect(page.body).toContain('<html lang="nl"');
    expect(page.body).toContain('<a href="/chapters/charleroi?view=past&amp;lang=fr" lang="fr" hreflang="fr"');
    for (const l of ['fr', 'nl', 'en'])
      expect(page.body).toContain(
        `<link rel="alternate" hreflang="${l}" href="/chapters/charleroi?view=past&amp;lang=${l}">`,
      );
    await b.get('/chapters/charleroi?view=past&lang=fr');
    // Accept-Language says Dutch, but the choice made on the switch stays.
    expect((await b.get('/')).body).toContain('<html lang="fr"');
  });
});

describe('region names', () => {
  it('come from one list in the three languages, on the cards and the chapter page', async () => {
    for (const [locale, name] of [
      ['nl', 'Henegouwen'],
      ['fr', 'Hainaut'],
      ['en', 'Hainaut'],
    ] as const) {
      const home = await t.app.inject({ url: '/', headers: { 'accept-language': locale } });
      expect(home.body).toContain(`Charleroi · ${name}`);
      const page = await t.app.inject({ url: '/chapters/charleroi', headers: { 'accept-language': locale } });
      expect(page.body).toContain(`<dd>${name}</dd>`);
    }
  });
});
