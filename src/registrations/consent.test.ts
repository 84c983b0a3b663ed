import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, FormSession } from '../../test/support/forms.js';

/** "Share my name and e-mail with the host venue": off by default, per registration, recorded with its time, withdrawable. */

let t: TestApp;
let admin: string;
let atVenue: string;
let online: string;

const later = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const sharedAt = async (email: string, eventId: string) =>
  (
    await t.database.pool.query<{ shared_with_venue_at: Date | null }>(
      'SELECT shared_with_venue_at FROM registrations WHERE event_id = $1 AND email = $2',
      [eventId, email],
    )
  ).rows[0]?.shared_with_venue_at;
const count = async (eventId: string) =>
  (
    await t.database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM registrations WHERE event_id = $1', [
      eventId,
    ])
  ).rows[0]!.n;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  await t.api('POST', '/api/v1/chapters', {
    token: admin,
    body: { name: 'Charleroi', city: 'Charleroi', status: 'active' },
  });
  await t.api('POST', '/api/v1/venues', {
    token: admin,
    body: { name: 'Switch Coworking', city: 'Charleroi', rooms: [{ name: 'Event room', capacity: 50 }] },
  });
  const ev = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/chapters/charleroi/events', {
      token: admin,
      body: { startsAt: later(10), endsAt: later(10, 3), ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  atVenue = await ev({ title: 'IT day', venue: 'switch-coworking', room: 'Event room' });
  online = await ev({ title: 'Online talk', onlineUrl: 'https://meet.example.org/x', capacity: 100 });
});
afterAll(() => t.close());

describe('consent through the API', () => {
  it('is off by default', async () => {
    const res = await t.api('POST', `/api/v1/events/${atVenue}/registrations`, {
      body: { name: 'Ada', email: 'ada@example.org' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().sharedWithVenueAt).toBeNull();
    expect(await sharedAt('ada@example.org', atVenue)).toBeNull();
  });

  it('is recorded with its time when the person ticks it', async () => {
    const before = Date.now();
    const res = await t.api('POST', `/api/v1/events/${atVenue}/registrations`, {
      body: { name: 'Bob', email: 'bob@example.org', shareWithVenue: true },
    });
    expect(res.statusCode).toBe(201);
    const at = await sharedAt('bob@example.org', atVenue);
    expect(at).toBeInstanceOf(Date);
    expect(at!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(at!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(res.json().sharedWithVenueAt).toBe(at!.toISOString());
  });

  it('is not recorded for an event without a venue, nor when an organiser adds the person', async () => {
    expect(
      (
        await t.api('POST', `/api/v1/events/${online}/registrations`, {
          body: { name: 'Cy', email: 'cy@example.org', shareWithVenue: true },
        })
      ).statusCode,
    ).toBe(201);
    expect(await sharedAt('cy@example.org', online)).toBeNull();
    expect(
      (
        await t.api('POST', `/api/v1/events/${atVenue}/attendees`, {
          token: admin,
          body: { name: 'Dee', email: 'dee@example.org', shareWithVenue: true },
        })
      ).statusCode,
    ).toBe(201);
    expect(await sharedAt('dee@example.org', atVenue)).toBeNull();
  });

  it('a failed request changes nothing: a non-boolean answer is refused and registers nobody', async () => {
    const n = await count(atVenue);
    const res = await t.api('POST', `/api/v1/events/${atVenue}/registrations`, {
      body: { name: 'Eve', email: 'eve@example.org', shareWithVenue: 'yes' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('shareWithVenue');
    expect(await count(atVenue)).toBe(n);
  });

  it('documents the field in the OpenAPI description', async () => {
    const spec = (await t.api('GET', '/api/v1/openapi.json')).json() as {
      paths: Record<
        string,
        {
          post?: {
            requestBody?: {
              content: Record<
                string,
                { schema: { properties: Record<string, { default?: unknown; description?: string }> } }
              >;
            };
          };
        }
      >;
    };
    const prop =
      spec.paths['/api/v1/events/{id}/registrations']!.post!.requestBody!.content['application/json']!.schema.properties
        .shareWithVenue!;
    expect(prop.default).toBe(false);
    expect(prop.description).toMatch(/host venue/);
  });
});

describe('consent through the registration form and the ticket page', () => {
  it('offers an unticked checkbox naming the venue, only when the event has one', async () => {
    const page = await new FormSession(t.app).get(`/events/${atVenue}`);
    expect(page.statusCode).toBe(200);
    const box = /<input type="checkbox" id="f-shareWithVenue" name="shareWithVenue"[^>]*>/.exec(page.body);
    expect(box).not.toBeNull();
    expect(box![0]).not.toContain('checked');
    expect(page.body).toContain('Share my name and e-mail with the host venue (Switch Coworking)');
    expect((await new FormSession(t.app).get(`/events/${online}`)).body).not.toContain('shareWithVenue');
    const fr = await new FormSession(t.app, { 'accept-language': 'fr' }).get(`/events/${atVenue}`);
    expect(fr.body).toContain('Partager mon nom et mon e-mail avec le lieu d’accueil (Switch Coworking)');
  });

  it('left unticked, nothing is shared', async () => {
    const b = new FormSession(t.app);
    const res = await b.submit(`/events/${atVenue}`, `/events/${atVenue}/register`, {
      name: 'Fay',
      email: 'fay@example.org',
    });
    expect(res.statusCode, res.body).toBe(303);
    expect(await sharedAt('fay@example.org', atVenue)).toBeNull();
    const ticket = await b.get(String(res.headers.location));
    expect(ticket.body).toContain('data-shared="no"');
    expect(ticket.body).toContain('Your name and e-mail are not shared with the host venue.');
    expect(ticket.body).not.toContain('/venue-consent/withdraw');
  });

  it('ticked, it is recorded with its time, shown on the ticket page, and can be withdrawn', async () => {
    const b = new FormSession(t.app);
    const res = await b.submit(`/events/${atVenue}`, `/events/${atVenue}/register`, {
      name: 'Gus',
      email: 'gus@example.org',
      shareWithVenue: 'on',
    });
    expect(res.statusCode, res.body).toBe(303);
    const path = String(res.headers.location);
    const at = await sharedAt('gus@example.org', atVenue);
    expect(at).toBeInstanceOf(Date);
    expect(Date.now() - at!.getTime()).toBeLessThan(60_000);

    const ticket = await b.get(path);
    expect(ticket.body).toContain('data-shared="yes"');
    expect(ticket.body).toContain('You agreed to share your name and e-mail with Switch Coworking on ');
    expect(ticket.body).toContain(String(new Date(at!).getFullYear()));

    // Without the page's CSRF token the withdrawal is refused and the consent stays.
    const forged = await b.request('POST', `${path}/venue-consent/withdraw`, {});
    expect(forged.statusCode).toBe(403);
    expect((await sharedAt('gus@example.org', atVenue))?.getTime()).toBe(at!.getTime());
    // An unknown link withdraws nothing.
    const unknown = await b.request('POST', '/r/not-a-real-secret-not-a-real-secret/venue-consent/withdraw', {
      _csrf: csrfOf(ticket.body),
    });
    expect(unknown.statusCode).toBe(404);
    expect((await sharedAt('gus@example.org', atVenue))?.getTime()).toBe(at!.getTime());

    const withdrawn = await b.request('POST', `${path}/venue-consent/withdraw`, { _csrf: csrfOf(ticket.body) });
    expect(withdrawn.statusCode).toBe(303);
    expect(withdrawn.headers.location).toBe(path);
    expect(await sharedAt('gus@example.org', atVenue)).toBeNull();
    const after = await b.get(path);
    expect(after.body).toContain('data-shared="no"');
    // The registration itself is untouched.
    const status = (
      await t.database.pool.query('SELECT status FROM registrations WHERE email = $1 AND event_id = $2', [
        'gus@example.org',
        atVenue,
      ])
    ).rows[0].status;
    expect(status).toBe('confirmed');
  });

  it('an invalid form with the box ticked registers nobody and keeps the box ticked', async () => {
    const n = await count(atVenue);
    const res = await new FormSession(t.app).submit(`/events/${atVenue}`, `/events/${atVenue}/register`, {
      name: 'Hal',
      email: 'not-an-email',
      shareWithVenue: 'on',
    });
    expect(res.statusCode).toBe(400);
    expect(await count(atVenue)).toBe(n);
    expect(/<input type="checkbox" id="f-shareWithVenue" name="shareWithVenue"[^>]*checked/.test(res.body)).toBe(true);
  });
});

describe('consent follows the venue, not the event', () => {
  // Consent was given to the venue the event was at: moved elsewhere, the new venue never sees it.
  let managerA: string;
  let managerB: string;
  const create = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/chapters/charleroi/events', {
      token: admin,
      body: { capacity: 20, ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const share = async (eventId: string, name: string) => {
    const res = await t.api('POST', `/api/v1/events/${eventId}/registrations`, {
      body: { name, email: `${name.toLowerCase()}@example.org`, shareWithVenue: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const patch = async (eventId: string, body: Record<string, unknown>, scope = 'occurrence') => {
    const res = await t.api('PATCH', `/api/v1/events/${eventId}?scope=${scope}`, { token: admin, body });
    expect(res.statusCode, res.body).toBe(200);
  };
  const contactsOf = async (venue: string, eventId: string, token: string) => {
    const res = await t.api('GET', `/api/v1/venues/${venue}/events/${eventId}/shared-contacts`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: { email: string }[] }).items.map((i) => i.email);
  };
  const organiserView = async (regId: string) =>
    (await t.api('GET', `/api/v1/registrations/${regId}`, { token: admin })).json().sharedWithVenueAt as string | null;

  beforeAll(async () => {
    const a = await t.user('member');
    const b = await t.user('member');
    [managerA, managerB] = [a.token, b.token];
    for (const [name, rooms] of [
      [
        'Hall A',
        [
          { name: 'Big', capacity: 50 },
          { name: 'Small', capacity: 30 },
        ],
      ],
      ['Hall B', [{ name: 'Zaal', capacity: 45 }]],
    ] as const) {
      expect(
        (await t.api('POST', '/api/v1/venues', { token: admin, body: { name, city: 'Charleroi', rooms } })).statusCode,
      ).toBe(201);
    }
    expect(
      (await t.api('POST', '/api/v1/venues/hall-a/managers', { token: admin, body: { email: a.user.email } }))
        .statusCode,
    ).toBeLessThan(300);
    expect(
      (await t.api('POST', '/api/v1/venues/hall-b/managers', { token: admin, body: { email: b.user.email } }))
        .statusCode,
    ).toBeLessThan(300);
  });

  it('another room of the same venue keeps it; another venue clears it and shows the new venue nothing', async () => {
    const id = await create({
      title: 'Moving day',
      startsAt: later(20),
      endsAt: later(20, 3),
      venue: 'hall-a',
      room: 'Big',
    });
    const reg = await share(id, 'Ivy');
    const given = await sharedAt('ivy@example.org', id);
    expect(given).toBeInstanceOf(Date);

    await patch(id, { room: 'Small' });
    expect((await sharedAt('ivy@example.org', id))?.getTime()).toBe(given!.getTime());
    expect(await contactsOf('hall-a', id, managerA)).toEqual(['ivy@example.org']);

    await patch(id, { venue: 'hall-b', room: 'Zaal' });
    expect(await sharedAt('ivy@example.org', id)).toBeNull();
    expect(await organiserView(reg)).toBeNull();
    expect(await contactsOf('hall-b', id, managerB)).toEqual([]);
    const activity = (await t.api('GET', '/api/v1/venues/hall-b/activity?limit=100', { token: managerB })).json() as {
      items: { id: string; sharedContacts: number }[];
    };
    expect(activity.items.find((e) => e.id === id)?.sharedContacts).toBe(0);
  });

  it('a series moved "this and following" or "whole series" clears it on every occurrence moved, and only there', async () => {
    const first = await create({
      title: 'Weekly',
      startsAt: later(30),
      endsAt: later(30, 2),
      venue: 'hall-a',
      room: 'Big',
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4', exdates: [] },
    });
    const series = (await t.api('GET', `/api/v1/events/${first}`, { token: admin })).json().seriesId as string;
    const occurrences = (
      (await t.api('GET', `/api/v1/series/${series}`, { token: admin })).json().occurrences as { id: string }[]
    ).map((o) => o.id);
    expect(occurrences).toHaveLength(4);
    for (const [i, id] of occurrences.entries()) await share(id, `Weekly${i}`);
    const shared = async () =>
      Promise.all(occurrences.map(async (id, i) => (await sharedAt(`weekly${i}@example.org`, id)) !== null));

    await patch(occurrences[2]!, { venue: 'hall-b', room: 'Zaal' }, 'following');
    expect(await shared()).toEqual([true, true, false, false]);
    expect(await contactsOf('hall-b', occurrences[3]!, managerB)).toEqual([]);

    await patch(occurrences[0]!, { venue: 'hall-b', room: 'Zaal' }, 'series');
    expect(await shared()).toEqual([false, false, false, false]);
    expect(await contactsOf('hall-b', occurrences[0]!, managerB)).toEqual([]);
  });
});
