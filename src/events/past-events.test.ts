import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession } from '../../test/support/forms.js';
import { inDays, makeChapter, makeEvent, makeVenue } from '../../test/support/factories.js';

/** A chapter's and a venue's history: past events on their pages, all of them a page at a time on /events. */
let t: TestApp;
let liege: string;
let other: string;
let venue: string;
const PAST = 33;
beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.user('admin');
  liege = (await makeChapter(t, admin.token, { name: 'Liège' })).slug;
  other = (await makeChapter(t, admin.token, { name: 'Arlon' })).slug;
  venue = (await makeVenue(t, admin.token, { name: 'La Grand Poste' })).slug;
  // Meetup n held n weeks ago (the API records history); the two latest at the venue.
  for (let n = 1; n <= PAST; n++)
    await makeEvent(t, admin.token, liege, {
      title: `Meetup ${n}`,
      startsAt: inDays(-7 * n),
      endsAt: inDays(-7 * n, 19),
      ...(n <= 2 ? { venue, room: 'Main room', onlineUrl: null } : {}),
    });
  await makeEvent(t, admin.token, liege, {
    title: 'Old draft',
    startsAt: inDays(-3),
    endsAt: inDays(-3, 19),
    status: 'draft',
  });
  const off = await makeEvent(t, admin.token, liege, {
    title: 'Called off',
    startsAt: inDays(4),
    endsAt: inDays(4, 19),
  });
  await t.api('POST', `/api/v1/events/${off.id}/cancel`, { token: admin.token, body: { reason: 'Storm' } });
  await makeEvent(t, admin.token, liege, {
    title: 'Next at the Poste',
    startsAt: inDays(5),
    endsAt: inDays(5, 19),
    venue,
    room: 'Main room',
    onlineUrl: null,
  });
  await makeEvent(t, admin.token, other, { title: 'Arlon past', startsAt: inDays(-2), endsAt: inDays(-2, 19) });
});
afterAll(() => t.close());

const titles = (html: string) =>
  [...html.matchAll(/<a href="\/events\/[0-9a-f-]{36}-[a-z0-9-]+">([^<]+)<\/a>/g)].map((m) => m[1]);
const section = (html: string, heading: string) => {
  const start = html.indexOf(`<h2>${heading}</h2>`);
  expect(start, heading).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
};

it('shows a chapter’s latest past events on its page and links to all of them', async () => {
  const page = await new FormSession(t.app).get(`/chapters/${liege}`);
  expect(page.statusCode).toBe(200);
  const past = section(page.body, 'Past events');
  expect(titles(past)).toEqual(['Meetup 1', 'Meetup 2', 'Meetup 3', 'Meetup 4', 'Meetup 5']);
  expect(past).toContain(`href="/events?chapter=${liege}&amp;when=past"`);
  expect(titles(section(page.body, 'Upcoming events'))).toEqual(['Next at the Poste']);
});

it('lists past events latest first, a page at a time, with the chapter filter and no drafts or cancelled events', async () => {
  const b = new FormSession(t.app);
  const first = await b.get(`/events?chapter=${liege}&when=past`);
  expect(first.statusCode).toBe(200);
  expect(first.body).toContain('<h1>Past events</h1>');
  expect(first.body).toMatch(/<option value="past" selected>/);
  const one = titles(first.body);
  expect(one).toEqual(Array.from({ length: 30 }, (_, i) => `Meetup ${i + 1}`));
  // The next page of the past holds earlier events, and keeps the filters.
  const next = first.body.match(/<a href="([^"]+)" rel="next">Earlier events<\/a>/)?.[1]?.replaceAll('&amp;', '&');
  expect(next).toBe(`/events?chapter=${liege}&when=past&offset=30`);
  const second = await b.get(next!);
  expect(titles(second.body)).toEqual(['Meetup 31', 'Meetup 32', 'Meetup 33']);
  expect(second.body).toMatch(/rel="prev">Later events<\/a>/);
  expect(second.body).not.toContain('rel="next"');
  // Across chapters, the other chapter's past comes in; upcoming-only filters are untouched.
  expect(titles((await b.get('/events?when=past')).body).slice(0, 3)).toEqual(['Arlon past', 'Meetup 1', 'Meetup 2']);
  expect(titles((await b.get(`/events?chapter=${liege}`)).body)).toEqual(['Next at the Poste']);
  const fr = await new FormSession(t.app, { 'accept-language': 'fr' }).get(`/events?chapter=${other}&when=past&q=none`);
  expect(fr.body).toContain('Aucun événement passé ne correspond.');
});

it('shows a venue’s upcoming events and what it hosted, in three languages', async () => {
  const page = await new FormSession(t.app).get(`/venues/${venue}`);
  expect(page.statusCode).toBe(200);
  const upcoming = section(page.body, 'Upcoming events');
  expect(titles(upcoming)).toEqual(['Next at the Poste']);
  expect(upcoming).toContain(`href="/events?venue=${venue}"`);
  const past = section(page.body, 'Past events');
  expect(titles(past)).toEqual(['Meetup 1', 'Meetup 2']);
  expect(past).toContain(`href="/events?venue=${venue}&amp;when=past"`);
  const nl = await new FormSession(t.app, { 'accept-language': 'nl' }).get(`/venues/${venue}`);
  expect(nl.body).toContain('Alle voorbije evenementen');
  // A venue with nothing on says so.
  const admin = await t.user('admin');
  const empty = (await makeVenue(t, admin.token, { name: 'Quiet Hall' })).slug;
  const quiet = await new FormSession(t.app, { 'accept-language': 'fr' }).get(`/venues/${empty}`);
  expect(quiet.body).toContain('Aucun événement à venir ici.');
  expect(quiet.body).not.toContain('Tous les événements passés');
});
