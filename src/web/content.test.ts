import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { inDays, makeChapter, makeEvent } from '../../test/support/factories.js';
import { formatShort } from '../events/format.js';
import { localized } from './content.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
});
afterAll(() => t.close());

const page = (url: string, lang: string) => t.app.inject({ method: 'GET', url: `${url}?lang=${lang}` });

describe('localized', () => {
  const row = { language: 'fr', translations: { nl: { title: 'Hallo' } }, title: 'Bonjour', description: '' };
  it('gives the translation, or the original marked as a fallback', () => {
    expect(localized(row, 'title', 'fr')).toEqual({ text: 'Bonjour', lang: 'fr', fallback: false });
    expect(localized(row, 'title', 'nl')).toEqual({ text: 'Hallo', lang: 'nl', fallback: false });
    expect(localized(row, 'title', 'en')).toEqual({ text: 'Bonjour', lang: 'fr', fallback: true });
    // No text at all is nothing to mark.
    expect(localized(row, 'description', 'en').fallback).toBe(false);
  });
});

describe('multilingual chapters', () => {
  it('takes and gives back the language and translations through the API, a PATCH replacing them', async () => {
    const res = await t.api('POST', '/api/v1/chapters', {
      token: admin,
      body: {
        name: 'Kortrijk',
        city: 'Kortrijk',
        language: 'nl',
        description: 'Meetups voor de tech-community.',
        translations: { fr: { name: 'Courtrai', description: 'Des meetups pour la communauté tech.' }, en: {} },
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      language: 'nl',
      translations: { fr: { name: 'Courtrai', description: 'Des meetups pour la communauté tech.' } },
    });
    // A language without text is not kept: it falls back on the original.
    expect(res.json().translations.en).toBeUndefined();
    const patched = await t.api('PATCH', '/api/v1/chapters/kortrijk', {
      token: admin,
      body: { translations: { en: { description: 'Meetups for the tech community.' } } },
    });
    expect(patched.statusCode).toBe(200);
    expect((await t.api('GET', '/api/v1/chapters/kortrijk')).json().translations).toEqual({
      en: { description: 'Meetups for the tech community.' },
    });
  });

  it('refuses an unknown language, naming the field, and records nothing', async () => {
    const res = await t.api('POST', '/api/v1/chapters', {
      token: admin,
      body: { name: 'Arlon', city: 'Arlon', language: 'de' },
      headers: { 'accept-language': 'nl' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { field: 'language', message: 'moet fr, nl of en zijn', code: 'validation.language' },
    ]);
    expect((await t.api('GET', '/api/v1/chapters/arlon')).statusCode).toBe(404);
  });

  it('shows a Dutch visitor the Dutch text, and an English one the original with a marker in English', async () => {
    const c = await makeChapter(t, admin, {
      name: 'Mons',
      language: 'fr',
      description: 'En discussion : dites-nous si vous viendriez.',
      translations: { nl: { name: 'Bergen', description: 'In bespreking: laat ons weten of je zou komen.' } },
    });
    const nl = await page(`/chapters/${c.slug}`, 'nl');
    expect(nl.body).toContain('<h1>Bergen <');
    expect(nl.body).toContain('In bespreking: laat ons weten of je zou komen.');
    expect(nl.body).not.toContain('En discussion');
    expect(nl.body).not.toContain('oorspronkelijke tekst');

    const en = await page(`/chapters/${c.slug}`, 'en');
    expect(en.body).toContain('<p class="pre-line" lang="fr">En discussion : dites-nous si vous viendriez.</p>');
    expect(en.body).toContain('(original in French)');

    const fr = await page(`/chapters/${c.slug}`, 'fr');
    expect(fr.body).toContain('En discussion : dites-nous si vous viendriez.');
    expect(fr.body).not.toContain('texte original');
    // The home page's card names the chapter in the visitor's language.
    expect((await page('/', 'nl')).body).toContain('>Bergen</a>');
  });
});

describe('multilingual events', () => {
  it('round-trips translations and shows each visitor their language, falling back with a marker', async () => {
    const c = await makeChapter(t, admin);
    const e = await makeEvent(t, admin, c.slug, {
      title: 'Journée IT',
      description: 'Une journée de **conférences**.',
      language: 'fr',
      translations: { nl: { title: 'IT-dag', description: 'Een dag vol **lezingen**.' } },
    });
    const got = (await t.api('GET', `/api/v1/events/${e.id}`)).json();
    expect(got).toMatchObject({ language: 'fr', translations: { nl: { title: 'IT-dag' } } });

    const nl = await page(e.url, 'nl');
    expect(nl.body).toContain('<h1>IT-dag</h1>');
    expect(nl.body).toContain('Een dag vol <strong>lezingen</strong>.');
    expect(nl.body).not.toContain('Journée IT</span>');

    const en = await page(e.url, 'en');
    expect(en.body).toContain('<span lang="fr">Journée IT</span>');
    expect(en.body).toContain('(original in French)');
    expect(en.body).toContain('Une journée de <strong>conférences</strong>.');

    const patched = await t.api('PATCH', `/api/v1/events/${e.id}`, {
      token: admin,
      body: { translations: { en: { title: 'IT day' } } },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().translations).toEqual({ en: { title: 'IT day' } });
    expect((await page(e.url, 'en')).body).toContain('<h1>IT day</h1>');
  });

  it('documents language and translations in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const text = JSON.stringify(doc.paths['/api/v1/chapters/{slug}/events'].post);
    expect(text).toContain('"translations"');
    expect(text).toContain('"language"');
    expect(JSON.stringify(doc.paths['/api/v1/chapters'].post)).toContain('The texts in the other languages');
  });
});

describe('lists over years', () => {
  it('give every date of a chapter’s upcoming events its year when they run into another year', async () => {
    const c = await makeChapter(t, admin);
    const soon = await makeEvent(t, admin, c.slug, { title: 'Soon' });
    await makeEvent(t, admin, c.slug, { title: 'Next year', startsAt: inDays(400), endsAt: inDays(400, 19) });
    const body = (await page(`/chapters/${c.slug}`, 'fr')).body;
    const date = new Date(soon.startsAt);
    expect(body).toContain(formatShort(date, 'Europe/Brussels', 'fr', { withYear: true }));
    expect(body).toContain(String(date.getUTCFullYear()));
  });
});
