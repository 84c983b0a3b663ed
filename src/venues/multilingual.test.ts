import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeEvent } from '../../test/support/factories.js';
import { eventPath } from '../web/event-path.js';
import { type FormSession, signIn } from '../../test/support/forms.js';

// Venues, rooms and partnerships written in FR, NL and EN: the API takes and gives them back, the
// pages show the visitor's language or the original with a marker, and the forms show the three
// languages side by side.

let t: TestApp;
let admin: string;
let browser: FormSession;

beforeAll(async () => {
  t = await startTestApp();
  const a = await t.user('admin');
  admin = a.token;
  browser = await signIn(t.app, { email: a.user.email, password: a.password });
});
afterAll(() => t.close());

const page = (url: string, lang: string) =>
  t.app.inject({ method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}lang=${lang}` });

const phare = {
  name: 'Le Phare',
  city: 'Namur',
  language: 'fr',
  description: 'Un coworking au bord de la Meuse.',
  translations: { nl: { name: 'De Vuurtoren', description: 'Een coworking aan de Maas.' } },
  rooms: [
    { name: 'Grande salle', capacity: 60, translations: { nl: { name: 'Grote zaal' }, en: { name: 'Main hall' } } },
    { name: 'Salle de réunion', capacity: 10 },
  ],
};

describe('multilingual venues and rooms through the API', () => {
  it('takes and gives back the texts of a venue and its rooms; a PATCH replaces the translations', async () => {
    const res = await t.api('POST', '/api/v1/venues', { token: admin, body: phare });
    expect(res.statusCode, res.body).toBe(201);
    const venue = res.json();
    expect(venue).toMatchObject({
      language: 'fr',
      translations: { nl: { name: 'De Vuurtoren', description: 'Een coworking aan de Maas.' } },
    });
    const rooms = Object.fromEntries(venue.rooms.map((r: { name: string }) => [r.name, r]));
    expect(rooms['Grande salle']).toMatchObject({
      language: 'fr',
      translations: { nl: { name: 'Grote zaal' }, en: { name: 'Main hall' } },
    });
    expect(rooms['Salle de réunion']).toMatchObject({ language: 'fr', translations: {} });

    const patched = await t.api('PATCH', '/api/v1/venues/le-phare', {
      token: admin,
      body: {
        translations: {
          en: { description: 'A coworking space on the Meuse.', name: '  ' },
          nl: { name: 'De Vuurtoren', description: 'Een coworking aan de Maas.' },
        },
      },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    // A blank text is no translation: it falls back on the original.
    expect(patched.json().translations).toEqual({
      en: { description: 'A coworking space on the Meuse.' },
      nl: { name: 'De Vuurtoren', description: 'Een coworking aan de Maas.' },
    });
    // The rooms were not sent: they stay as they were, translations and all.
    expect(patched.json().rooms.find((r: { name: string }) => r.name === 'Grande salle').translations.nl).toEqual({
      name: 'Grote zaal',
    });
  });

  it('refuses a translation of an unknown field or language, naming it, and records nothing', async () => {
    const res = await t.api('POST', '/api/v1/venues', {
      token: admin,
      body: { name: 'Nulle part', city: 'Namur', translations: { de: { name: 'Nirgendwo' } } },
      headers: { 'accept-language': 'fr' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['translations.de']);
    expect((await t.api('GET', '/api/v1/venues/nulle-part')).statusCode).toBe(404);
  });

  it('documents the languages of venues, rooms and partnerships in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const venues = JSON.stringify(doc.paths['/api/v1/venues'].post);
    expect(venues).toContain('Room name in this language');
    expect(venues).toContain('Venue name in this language');
    expect(JSON.stringify(doc.paths['/api/v1/chapters/{slug}/partnerships'].post)).toContain(
      'What the venue provides, in this language',
    );
  });
});

describe('multilingual venues on the pages', () => {
  it("shows each visitor the venue's and its rooms' texts in their language, else the original marked", async () => {
    const nl = await page('/venues/le-phare', 'nl');
    expect(nl.body).toContain('<h1>De Vuurtoren</h1>');
    expect(nl.body).toContain('Een coworking aan de Maas.');
    expect(nl.body).toContain('<td>Grote zaal</td>');
    // The meeting room has no Dutch name: the French one, said to be French, in Dutch.
    expect(nl.body).toContain('<span lang="fr">Salle de réunion</span>');
    expect(nl.body).toContain('(oorspronkelijke tekst in het Frans)');

    const en = await page('/venues/le-phare', 'en');
    // A name with no English version stays as written, with its language and no apology.
    expect(en.body).toContain('<h1><span lang="fr">Le Phare</span></h1>');
    expect(en.body).toContain('A coworking space on the Meuse.');
    expect(en.body).toContain('<td>Main hall</td>');

    const fr = await page('/venues/le-phare', 'fr');
    expect(fr.body).toContain('<h1>Le Phare</h1>');
    expect(fr.body).toContain('<td>Grande salle</td>');
    expect(fr.body).not.toContain('texte original');

    expect((await page('/venues', 'nl')).body).toContain('Grote zaal: 60 plaatsen');
  });

  it("names the venue and room of an event, and a chapter's host venues, in the visitor's language", async () => {
    const chapter = await makeChapter(t, admin, { name: 'Namur', city: 'Namur' });
    const made = await t.api('POST', `/api/v1/chapters/${chapter.slug}/partnerships`, {
      token: admin,
      body: {
        venue: 'le-phare',
        venueProvides: 'la salle et le café',
        language: 'fr',
        translations: { nl: { venueProvides: 'de zaal en koffie' } },
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const event = await makeEvent(t, admin, chapter.slug, { venue: 'le-phare', room: 'Grande salle' });
    const view = (await t.api('GET', `/api/v1/events/${event.id}`)).json();
    expect(view.venue).toMatchObject({
      name: 'Le Phare',
      language: 'fr',
      translations: { nl: { name: 'De Vuurtoren' } },
    });
    expect(view.room).toMatchObject({ name: 'Grande salle', translations: { nl: { name: 'Grote zaal' } } });

    const nl = await page(eventPath(event), 'nl');
    expect(nl.body).toContain('>De Vuurtoren</a> — Grote zaal,');
    const fr = await page(eventPath(event), 'fr');
    expect(fr.body).toContain('>Le Phare</a> — Grande salle,');

    expect((await page(`/chapters/${chapter.slug}`, 'nl')).body).toContain(
      '<a href="/venues/le-phare">De Vuurtoren</a>',
    );
    // The partnership's texts on the chapter's admin page, in the admin's language or marked.
    const nlAdmin = await browser.get(`/admin/chapters/${chapter.slug}?lang=nl`);
    expect(nlAdmin.body).toContain('<td>de zaal en koffie</td>');
    const enAdmin = await browser.get(`/admin/chapters/${chapter.slug}?lang=en`);
    expect(enAdmin.body).toContain('<span lang="fr">la salle et le café</span>');
    expect(enAdmin.body).toContain('(original in French)');
  });
});

describe('the venue form, languages side by side', () => {
  it('shows a fieldset per language, filled from the venue, the original marked', async () => {
    const res = await browser.get('/admin/venues/le-phare?lang=fr');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<fieldset lang="fr"><legend>Français · langue d’origine</legend>');
    expect(res.body).toContain('<fieldset lang="nl"><legend>Néerlandais (facultatif)</legend>');
    expect(res.body).toMatch(/<input id="f-nl-name" name="nl\.name"[^>]*value="De Vuurtoren"/);
    expect(res.body).toMatch(/<input id="f-room0_name-nl" name="room0_name\.nl"[^>]*value="Grote zaal"/);
    expect(res.body).toContain('<label for="f-fr-name">Nom (Français)</label>');
  });

  it('creates a venue written in Dutch only, its rooms named in Dutch and French', async () => {
    const res = await browser.submit('/admin/venues/new?lang=nl', '/admin/venues', {
      language: 'fr',
      'fr.name': '',
      'nl.name': 'Het Depot',
      'nl.description': 'Een oude loods in Leuven.',
      'en.name': '',
      city: 'Leuven',
      kind: 'coworking',
      'room0_name.nl': 'Grote zaal',
      'room0_name.fr': 'Grande salle',
      room0_capacity: '80',
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const got = (await t.api('GET', '/api/v1/venues/het-depot')).json();
    // The language chosen had no text: the one written became the original.
    expect(got).toMatchObject({ name: 'Het Depot', language: 'nl', description: 'Een oude loods in Leuven.' });
    expect(got.translations).toEqual({});
    expect(got.rooms).toEqual([
      expect.objectContaining({ name: 'Grote zaal', language: 'nl', translations: { fr: { name: 'Grande salle' } } }),
    ]);
  });

  it('says a missing name on the fieldset of the original language, in the visitor language, and keeps nothing', async () => {
    const res = await browser.submit('/admin/venues/new?lang=nl', '/admin/venues', {
      language: 'nl',
      'nl.name': '',
      'fr.name': '',
      'en.name': '',
      'nl.description': '',
      city: 'Gent',
      kind: 'coworking',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#f-nl-name"><span class="label">Naam (Nederlands)</span>');
    expect(res.body).toMatch(/<p class="field-error" id="f-nl-name-error">is verplicht<\/p>/);
    expect((await t.api('GET', '/api/v1/venues?city=Gent')).json().items).toEqual([]);
  });

  it('saves the translations edited on the form, the rooms keeping their names', async () => {
    const res = await browser.submit('/admin/venues/le-phare', '/admin/venues/le-phare', {
      language: 'fr',
      'fr.name': 'Le Phare',
      'fr.description': 'Un coworking au bord de la Meuse.',
      'nl.name': 'De Vuurtoren',
      'nl.description': '',
      'en.name': 'The Lighthouse',
      'en.description': 'A coworking space on the Meuse.',
      kind: 'coworking',
      city: 'Namur',
      'room0_name.fr': 'Grande salle',
      'room0_name.nl': 'Grote zaal',
      'room0_name.en': 'Main hall',
      room0_capacity: '60',
      'room1_name.fr': 'Salle de réunion',
      'room1_name.nl': 'Vergaderzaal',
      room1_capacity: '10',
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(303);
    const got = (await t.api('GET', '/api/v1/venues/le-phare')).json();
    expect(got.translations).toEqual({
      nl: { name: 'De Vuurtoren' },
      en: { name: 'The Lighthouse', description: 'A coworking space on the Meuse.' },
    });
    const meeting = got.rooms.find((r: { name: string }) => r.name === 'Salle de réunion');
    expect(meeting.translations).toEqual({ nl: { name: 'Vergaderzaal' } });
    expect((await page('/venues/le-phare', 'nl')).body).toContain('<td>Vergaderzaal</td>');
  });
});
