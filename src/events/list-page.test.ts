import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession } from '../../test/support/forms.js';
import { inDays, makeChapter, makeEvent, makeVenue } from '../../test/support/factories.js';

/** The public list of upcoming events across chapters, and the home page's next events. */
let t: TestApp;
let namur: string;
let mons: string;
let venue: string;
beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.user('admin');
  namur = (await makeChapter(t, admin.token, { name: 'Namur' })).slug;
  mons = (await makeChapter(t, admin.token, { name: 'Mons' })).slug;
  venue = (await makeVenue(t, admin.token, { name: 'Le Hub' })).slug;
  await makeEvent(t, admin.token, namur, { title: 'Rust evening', startsAt: inDays(3), endsAt: inDays(3, 19) });
  await makeEvent(t, admin.token, mons, {
    title: 'Kubernetes day',
    description: 'Containers all day',
    startsAt: inDays(10),
    endsAt: inDays(10, 19),
    onlineUrl: null,
    venue,
    room: 'Main room',
  });
  await makeEvent(t, admin.token, mons, { title: 'Secret draft', status: 'draft' });
  const cancelled = await makeEvent(t, admin.token, namur, { title: 'Called off' });
  await t.api('POST', `/api/v1/events/${cancelled.id}/cancel`, { token: admin.token, body: { reason: 'Storm' } });
});
afterAll(() => t.close());

const titles = (html: string) =>
  [...html.matchAll(/<a href="\/events\/[0-9a-f-]{36}-[a-z0-9-]+">([^<]+)<\/a>/g)].map((m) => m[1]);

describe('/events', () => {
  it('lists upcoming published events across chapters, soonest first, with chapter and place', async () => {
    const res = await new FormSession(t.app).get('/events');
    expect(res.statusCode).toBe(200);
    expect(titles(res.body)).toEqual(['Rust evening', 'Kubernetes day']);
    expect(res.body).toContain('Namur');
    expect(res.body).toContain('Le Hub');
  });

  it('filters by chapter, venue, online or in person, date and words', async () => {
    const b = new FormSession(t.app);
    expect(titles((await b.get(`/events?chapter=${mons}`)).body)).toEqual(['Kubernetes day']);
    expect(titles((await b.get(`/events?venue=${venue}`)).body)).toEqual(['Kubernetes day']);
    expect(titles((await b.get('/events?mode=online')).body)).toEqual(['Rust evening']);
    expect(titles((await b.get('/events?mode=in-person')).body)).toEqual(['Kubernetes day']);
    expect(titles((await b.get(`/events?from=${inDays(6).slice(0, 10)}`)).body)).toEqual(['Kubernetes day']);
    expect(titles((await b.get('/events?q=containers')).body)).toEqual(['Kubernetes day']);
    const none = await b.get('/events?q=nothing-like-this');
    expect(titles(none.body)).toEqual([]);
    expect(none.body).toContain('No upcoming event matches.');
    // Nonsense in the filters is ignored, never a 500.
    expect((await b.get('/events?mode=teleport&from=yesterday&offset=-4')).statusCode).toBe(200);
  });

  it('is linked from the home page, which lists the next events (in French too)', async () => {
    const home = await new FormSession(t.app, { 'accept-language': 'fr' }).get('/');
    expect(home.body).toContain('Prochains événements');
    expect(home.body).toContain('<a href="/events">Tous les événements à venir</a>');
    expect(titles(home.body)).toEqual(['Rust evening', 'Kubernetes day']);
  });
});
