import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession } from '../../test/support/forms.js';
import { inDays, makeChapter, makeEvent, makeVenue, register } from '../../test/support/factories.js';

/** Where to go, in one's calendar, and telling others: the event page and the ticket page. */
let t: TestApp;
let eventId: string;
let ticketPath: string;
beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.user('admin');
  const chapter = (await makeChapter(t, admin.token)).slug;
  const venue = (await makeVenue(t, admin.token, { name: 'Quai10', address: 'Quai Arthur Rimbaud 10' })).slug;
  eventId = (
    await makeEvent(t, admin.token, chapter, {
      title: 'Data & co',
      startsAt: inDays(9),
      endsAt: inDays(9, 19),
      venue,
      room: 'Main room',
      onlineUrl: null,
    })
  ).id;
  const res = await register(t, eventId, { name: 'Lou' });
  ticketPath = new URL(res.json().manageUrl).pathname;
});
afterAll(() => t.close());

const map = 'https://www.openstreetmap.org/search?query=Quai%20Arthur%20Rimbaud%2010%2C%20Charleroi';

it('gives the address with a map link, share links and how many are going on the event page', async () => {
  const page = await new FormSession(t.app).get(`/events/${eventId}`);
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('<span class="address">Quai Arthur Rimbaud 10, Charleroi</span>');
  expect(page.body).toContain(`<a href="${map}" rel="noopener nofollow" class="map-link">Map (OpenStreetMap)</a>`);
  expect(page.body).toContain('<span id="going">1 person is going.</span>');
  const share = page.body.slice(page.body.indexOf('<section id="share"'));
  const url = `${t.config.baseUrl}/events/${eventId}-data-co`;
  expect(share).toContain(`<input id="share-url" type="url" value="${url}" readonly`);
  expect(share).toContain(
    `href="mailto:?subject=Data%20%26%20co&amp;body=Data%20%26%20co%0A${encodeURIComponent(url)}"`,
  );
  expect(share).toContain(`href="https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}"`);
  const fr = await new FormSession(t.app, { 'accept-language': 'fr' }).get(`/events/${eventId}`);
  expect(fr.body).toContain('1 personne y va.');
  expect(fr.body).toContain('Partager cet événement');
});

it('puts the address, the map link and the add-to-calendar links on the ticket, not on a cancelled one', async () => {
  const b = new FormSession(t.app);
  const ticket = await b.get(ticketPath);
  expect(ticket.statusCode).toBe(200);
  expect(ticket.body).toContain('<dt>Where</dt>');
  expect(ticket.body).toContain('Quai Arthur Rimbaud 10, Charleroi');
  expect(ticket.body).toContain(`href="${map}"`);
  expect(ticket.body).toContain(`href="/events/${eventId}-data-co.ics"`);
  expect(ticket.body).toContain('href="https://calendar.google.com/calendar/render?');
  expect(ticket.body).toContain('Outlook');
  // Cancelling is asked on a page of its own, which carries the form.
  const page = await b.get(`${ticketPath}/cancel`);
  const csrf = page.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
  expect((await b.request('POST', `${ticketPath}/cancel`, { _csrf: csrf })).statusCode).toBe(303);
  const cancelled = await b.get(ticketPath);
  expect(cancelled.body).not.toContain(`href="/events/${eventId}-data-co.ics"`);
  expect(cancelled.body).not.toContain(map);
});
