import { XMLParser, XMLValidator } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { translator } from '../web/i18n.js';

// Feeds, calendars and JSON-LD say which language their texts are in: the organisers' texts keep
// theirs (an event written in Dutch), the interface's follow the reader.

let t: TestApp;
let admin: string;
let dutchEvent: string;
let translatedEvent: string;
const year = new Date().getUTCFullYear() + 1;

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['item', 'entry'].includes(name),
});

const get = async (url: string, lang: string) => {
  const res = await t.app.inject({ url, headers: { 'accept-language': lang } });
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
};

const jsonLd = (html: string): Record<string, unknown>[] =>
  [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  const chapter = await t.api('POST', '/api/v1/chapters', {
    token: admin,
    body: {
      name: 'Brussels',
      city: 'Bruxelles',
      status: 'active',
      language: 'en',
      translations: { fr: { name: 'Bruxelles' }, nl: { name: 'Brussel' } },
    },
  });
  expect(chapter.statusCode, chapter.body).toBe(201);
  const event = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/chapters/brussels/events', {
      token: admin,
      body: { onlineUrl: 'https://meet.example.org/x', capacity: 10, status: 'published', ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  dutchEvent = await event({
    title: 'Avond van de code',
    description: 'We **programmeren** samen.',
    language: 'nl',
    startsAt: `${year}-03-04T17:30:00Z`,
    endsAt: `${year}-03-04T19:30:00Z`,
  });
  translatedEvent = await event({
    title: 'Soirée code',
    description: 'On code ensemble.',
    language: 'fr',
    translations: { en: { title: 'Code night', description: 'We code together.' } },
    startsAt: `${year}-03-05T17:30:00Z`,
    endsAt: `${year}-03-05T19:30:00Z`,
  });
});
afterAll(() => t.close());

describe('iCalendar: LANGUAGE on the organisers’ texts (RFC 5545 §3.2.10)', () => {
  it('SUMMARY, DESCRIPTION and LOCATION say the event’s language, whatever the reader’s', async () => {
    for (const lang of ['fr', 'en']) {
      const cal = new ICAL.Component(ICAL.parse(await get('/chapters/brussels/calendar.ics', lang)));
      const byUid = new Map(cal.getAllSubcomponents('vevent').map((v) => [String(v.getFirstPropertyValue('uid')), v]));
      const dutch = [...byUid.entries()].find(([uid]) => uid.startsWith(dutchEvent))![1];
      const french = [...byUid.entries()].find(([uid]) => uid.startsWith(translatedEvent))![1];
      expect(dutch.getFirstProperty('summary')!.getParameter('language')).toBe('nl');
      expect(dutch.getFirstPropertyValue('summary')).toBe('Avond van de code');
      expect(dutch.getFirstProperty('description')!.getParameter('language')).toBe('nl');
      expect(french.getFirstProperty('summary')!.getParameter('language')).toBe('fr');
      expect(french.getFirstProperty('description')!.getParameter('language')).toBe('fr');
    }
  });

  it('LOCATION carries it too when the event has a place', async () => {
    const venue = await t.api('POST', '/api/v1/venues', {
      token: admin,
      body: { name: 'Maison du code', address: 'Rue Haute 1', city: 'Bruxelles' },
    });
    expect(venue.statusCode, venue.body).toBe(201);
    const res = await t.api('POST', '/api/v1/chapters/brussels/events', {
      token: admin,
      body: {
        title: 'Atelier',
        language: 'fr',
        venue: (venue.json() as { slug: string }).slug,
        capacity: 10,
        status: 'published',
        startsAt: `${year}-03-06T17:30:00Z`,
        endsAt: `${year}-03-06T19:30:00Z`,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: string }).id;
    const v = new ICAL.Component(ICAL.parse(await get(`/events/${id}.ics`, 'nl'))).getFirstSubcomponent('vevent')!;
    expect(String(v.getFirstPropertyValue('location'))).toContain('Maison du code');
    expect(v.getFirstProperty('location')!.getParameter('language')).toBe('fr');
  });
});

describe('the venue and the room in the feed’s language, saying which they are in', () => {
  let id: string;
  beforeAll(async () => {
    // A Dutch venue that wrote its name in French too; its room has a Dutch name only.
    const venue = await t.api('POST', '/api/v1/venues', {
      token: admin,
      body: {
        name: 'Huis van de code',
        language: 'nl',
        translations: { fr: { name: 'Maison du code' } },
        address: 'Hoogstraat 1',
        city: 'Brussel',
        rooms: [{ name: 'Grote zaal', capacity: 40 }],
      },
    });
    expect(venue.statusCode, venue.body).toBe(201);
    const res = await t.api('POST', '/api/v1/chapters/brussels/events', {
      token: admin,
      body: {
        title: 'Atelier des langues',
        language: 'fr',
        venue: (venue.json() as { slug: string }).slug,
        room: 'Grote zaal',
        capacity: 10,
        status: 'published',
        startsAt: `${year}-03-07T17:30:00Z`,
        endsAt: `${year}-03-07T19:30:00Z`,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    id = (res.json() as { id: string }).id;
  });

  it('iCalendar: LOCATION names the venue as it wrote itself in the event’s language, LANGUAGE says so', async () => {
    const v = new ICAL.Component(ICAL.parse(await get(`/events/${id}.ics`, 'en'))).getFirstSubcomponent('vevent')!;
    expect(v.getFirstPropertyValue('location')).toBe('Maison du code, Grote zaal, Hoogstraat 1, Brussel');
    expect(v.getFirstProperty('location')!.getParameter('language')).toBe('fr');
    expect(v.getFirstProperty('summary')!.getParameter('language')).toBe('fr');
  });

  it('iCalendar: an event in a language the venue did not write its name in keeps the venue’s', async () => {
    const res = await t.api('PATCH', `/api/v1/events/${id}`, {
      token: admin,
      body: { language: 'en', title: 'Languages workshop' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const v = new ICAL.Component(ICAL.parse(await get(`/events/${id}.ics`, 'fr'))).getFirstSubcomponent('vevent')!;
    expect(v.getFirstPropertyValue('location')).toBe('Huis van de code, Grote zaal, Hoogstraat 1, Brussel');
    expect(v.getFirstProperty('location')!.getParameter('language')).toBe('nl');
    expect(v.getFirstProperty('summary')!.getParameter('language')).toBe('en');
    await t.api('PATCH', `/api/v1/events/${id}`, {
      token: admin,
      body: { language: 'fr', title: 'Atelier des langues' },
    });
  });

  it('RSS: the names in the reader’s language when written, a name in another language marked with lang', async () => {
    const item = (doc: { rss: { channel: { item: { title: string; description: string }[] } } }) =>
      doc.rss.channel.item.find((i) => i.title === 'Atelier des langues')!;
    const fr = item(xml.parse(await get('/chapters/brussels/events.rss', 'fr')));
    expect(fr.description).toContain('<p>Maison du code, <span lang="nl">Grote zaal</span>, Hoogstraat 1, Brussel</p>');
    const nl = item(xml.parse(await get('/chapters/brussels/events.rss', 'nl')));
    expect(nl.description).toContain('<span lang="nl">Huis van de code</span>');
  });

  it('JSON-LD names the place in the event’s language', async () => {
    const [ld] = jsonLd(await get(`/events/${id}-atelier-des-langues?lang=nl`, 'nl'));
    expect(ld).toMatchObject({ inLanguage: 'fr', location: { '@type': 'Place', name: 'Maison du code — Grote zaal' } });
  });
});

describe('RSS of events: the channel in the reader’s language, each item in its own', () => {
  it('a translated title is read in the reader’s language; an untranslated one says it is Dutch', async () => {
    const doc = xml.parse(await get('/chapters/brussels/events.rss', 'en'));
    expect(XMLValidator.validate(await get('/chapters/brussels/events.rss', 'en'))).toBe(true);
    expect(doc.rss['@xmlns:dc']).toBe('http://purl.org/dc/elements/1.1/');
    expect(doc.rss.channel.language).toBe('en');
    const items = doc.rss.channel.item as { title: string; 'dc:language': string; description: string }[];
    const translated = items.find((i) => i.title === 'Code night')!;
    expect(translated['dc:language']).toBe('en');
    expect(translated.description).toContain('We code together.');
    expect(items.find((i) => i.title === 'Avond van de code')!['dc:language']).toBe('nl');
  });

  it('the feed names the chapter in the reader’s language, with French elision', async () => {
    const fr = xml.parse(await get('/chapters/brussels/events.rss', 'fr'));
    expect(fr.rss.channel.title).toContain('Bruxelles : prochains événements');
    const nl = xml.parse(await get('/chapters/brussels/events.rss', 'nl'));
    expect(nl.rss.channel.title).toContain('Brussel: komende evenementen');
    const page = await get('/chapters/brussels?lang=fr', 'fr');
    expect(page).toContain('title="Événements de Bruxelles (RSS)"');
    expect(page).not.toContain('Événements de Brussels');
  });

  it('French elides "de" before a vowel in any message, and keeps it before a consonant or an aspirated h', () => {
    const fr = translator('fr');
    expect(fr('feeds.rssTitle', { name: 'Essaim' })).toBe('Événements d’Essaim (RSS)');
    expect(fr('feeds.rssTitle', { name: 'Anvers' })).toBe('Événements d’Anvers (RSS)');
    expect(fr('feeds.rssTitle', { name: 'Namur' })).toBe('Événements de Namur (RSS)');
    expect(fr('feeds.rssTitle', { name: 'Hasselt' })).toBe('Événements de Hasselt (RSS)');
    expect(translator('en')('feeds.rssTitle', { name: 'Essaim' })).toBe('Events of Essaim (RSS)');
  });
});

describe('JSON-LD says the language of what it describes', () => {
  it('an event: inLanguage is the language its texts are written in', async () => {
    const [ld] = jsonLd(await get(`/events/${dutchEvent}-avond-van-de-code?lang=fr`, 'fr'));
    expect(ld).toMatchObject({ '@type': 'Event', name: 'Avond van de code', inLanguage: 'nl' });
  });

  it('a chapter page: a WebPage in the page’s language, about the chapter named as the page names it', async () => {
    const [ld] = jsonLd(await get('/chapters/brussels?lang=nl', 'nl'));
    expect(ld).toMatchObject({
      '@type': 'WebPage',
      inLanguage: 'nl',
      name: 'Brussel',
      about: { '@type': 'Organization', name: 'Brussel', address: { addressLocality: 'Bruxelles' } },
    });
  });
});

describe('lang on content in another language than the page', () => {
  it('event lists mark an untranslated title with its language, and show a translated one as is', async () => {
    const html = await get('/events?lang=en', 'en');
    expect(html).toMatch(
      new RegExp(`<a href="/events/${dutchEvent}-avond-van-de-code" lang="nl">Avond van de code</a>`),
    );
    expect(html).toMatch(new RegExp(`<a href="/events/${translatedEvent}-soiree-code">Code night</a>`));
    const fr = await get('/chapters/brussels?lang=fr', 'fr');
    expect(fr).toMatch(new RegExp(`<a href="/events/${translatedEvent}-soiree-code">Soirée code</a>`));
    expect(fr).toMatch(new RegExp(`<a href="/events/${dutchEvent}-avond-van-de-code" lang="nl">Avond van de code</a>`));
  });
});

describe('news feeds: each article in its own language', () => {
  it('RSS items carry dc:language, Atom entries xml:lang, the Atom feed the reader’s', async () => {
    for (const [title, language] of [
      ['Nieuws uit Brussel', 'nl'],
      ['Des nouvelles', 'fr'],
    ]) {
      const res = await t.api('POST', '/api/v1/articles', {
        token: admin,
        body: { title, language, status: 'published', bodyMarkdown: 'Tekst.' },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const rss = xml.parse(await get('/news.rss', 'en'));
    const items = rss.rss.channel.item as { title: string; 'dc:language': string }[];
    expect(items.find((i) => i.title === 'Nieuws uit Brussel')!['dc:language']).toBe('nl');
    expect(items.find((i) => i.title === 'Des nouvelles')!['dc:language']).toBe('fr');
    const atomText = await get('/news.atom', 'nl');
    expect(XMLValidator.validate(atomText)).toBe(true);
    const atom = xml.parse(atomText);
    expect(atom.feed['@xml:lang']).toBe('nl');
    const entries = atom.feed.entry as { title: string; '@xml:lang': string }[];
    expect(entries.find((e) => e.title === 'Nieuws uit Brussel')!['@xml:lang']).toBe('nl');
    expect(entries.find((e) => e.title === 'Des nouvelles')!['@xml:lang']).toBe('fr');
  });
});
