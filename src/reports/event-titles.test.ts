import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { type FormSession, signIn } from '../../test/support/forms.js';
import { inDays, makeChapter, makeEvent, makeVenue, registered } from '../../test/support/factories.js';

/**
 * The venue's manage page, its dashboard and a chapter's report name each event in the reader's
 * language, as the rest of the site does: an event written in Dutch and translated to French reads
 * in French; an untranslated one keeps its Dutch title, marked with its language.
 */

let t: TestApp;
let browser: FormSession;
let venue: { slug: string };
let chapter: { slug: string };
let translated: { id: string };
let untranslated: { id: string };
const day = (iso: string) => iso.slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.user('admin');
  browser = await signIn(t.app, { email: admin.user.email, password: admin.password });
  chapter = await makeChapter(t, admin.token, { name: 'Leuven', city: 'Leuven', language: 'nl' });
  venue = await makeVenue(t, admin.token, { name: 'De Hoorn', language: 'nl' });
  translated = await makeEvent(t, admin.token, chapter.slug, {
    title: 'Avond over Rust',
    language: 'nl',
    translations: { fr: { title: 'Soirée Rust' } },
    venue: venue.slug,
    room: 'Main room',
    startsAt: inDays(7),
    endsAt: inDays(7, 19),
  });
  untranslated = await makeEvent(t, admin.token, chapter.slug, {
    title: 'Lezing over Go',
    language: 'nl',
    venue: venue.slug,
    room: 'Main room',
    startsAt: inDays(8),
    endsAt: inDays(8, 19),
  });
  // The dashboard lists contacts from five on (fewer would single people out): three per event.
  for (const id of [translated.id, untranslated.id])
    for (const n of [1, 2, 3])
      expect((await registered(t, id, { name: `Sofie ${n} ${id.slice(0, 4)}`, shareWithVenue: true })).id).toBeTruthy();
});
afterAll(() => t.close());

const frenchTitles = (html: string) => {
  expect(html).toContain('Soirée Rust');
  expect(html).not.toContain('Avond over Rust');
  // Not translated: the Dutch title with its lang, and "original in Dutch" in French.
  expect(html).toContain('<span lang="nl">Lezing over Go</span>');
  expect(html).toContain('original-language');
};

it('on the venue’s manage page', async () => {
  const page = await browser.get(`/venues/${venue.slug}/manage?phase=upcoming&lang=fr`);
  expect(page.statusCode).toBe(200);
  frenchTitles(page.body);
  const contacts = await browser.get(`/venues/${venue.slug}/manage/events/${translated.id}?lang=fr`);
  expect(contacts.body).toContain('<title>Soirée Rust · De Hoorn');
});

it('on the venue’s dashboard', async () => {
  const from = day(inDays(0));
  const to = day(inDays(30));
  const page = await browser.get(`/venues/${venue.slug}/dashboard?lang=fr&from=${from}&to=${to}`);
  expect(page.statusCode).toBe(200);
  frenchTitles(page.body);
});

it('in the rows of the chapter’s report', async () => {
  const year = inDays(7).slice(0, 4);
  const page = await browser.get(`/admin/reports/chapters/${chapter.slug}?year=${year}&lang=fr`);
  expect(page.statusCode).toBe(200);
  frenchTitles(page.body);
});
