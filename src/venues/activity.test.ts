import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, FormSession, signIn } from '../../test/support/forms.js';
import { registered } from '../../test/support/factories.js';
import { translator } from '../web/i18n.js';

/**
 * The venue managers' view: events held at their venue with attendance figures, and only the
 * contacts people agreed to share with the venue.
 */

type Who = { token: string; email: string; password: string };
let t: TestApp;
let admin: Who;
let manager: Who;
let otherManager: Who;
let member: Who;
const ids: Record<string, string> = {};

const later = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();
const who = async (role: 'admin' | 'member') => {
  const u = await t.user(role);
  return { token: u.token, email: u.user.email, password: u.password };
};
const ok = async (method: 'POST' | 'GET', url: string, body?: unknown, token = admin.token) => {
  const res = await t.api(method, url, { token, body });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
};
const codeOf = async (eventId: string, name: string) =>
  (
    await t.database.pool.query<{ check_in_code: string }>(
      'SELECT check_in_code FROM registrations WHERE event_id = $1 AND name = $2',
      [eventId, name],
    )
  ).rows[0]!.check_in_code;
const contacts = async (eventId: string, token = manager.token) => {
  const res = await t.api('GET', `/api/v1/venues/switch/events/${eventId}/shared-contacts`, { token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { event: Record<string, unknown>; items: { name: string; email: string; sharedAt: string }[] };
};

beforeAll(async () => {
  t = await startTestApp();
  [admin, manager, otherManager, member] = [
    await who('admin'),
    await who('member'),
    await who('member'),
    await who('member'),
  ];
  await ok('POST', '/api/v1/chapters', { name: 'Charleroi', city: 'Charleroi', status: 'active' });
  await ok('POST', '/api/v1/venues', {
    name: 'Switch',
    city: 'Charleroi',
    rooms: [
      { name: 'Event room', capacity: 50 },
      { name: 'Meeting room', capacity: 10 },
    ],
  });
  await ok('POST', '/api/v1/venues', {
    name: 'Kortrijk Hub',
    city: 'Kortrijk',
    rooms: [{ name: 'Zaal', capacity: 45 }],
  });
  await ok('POST', '/api/v1/venues/switch/managers', { email: manager.email });
  await ok('POST', '/api/v1/venues/kortrijk-hub/managers', { email: otherManager.email });
  const ev = async (key: string, body: Record<string, unknown>) => {
    ids[key] = (await ok('POST', '/api/v1/chapters/charleroi/events', { title: key, ...body })).id;
  };
  await ev('past-long-ago', {
    startsAt: later(-20),
    endsAt: later(-20, 3),
    venue: 'switch',
    room: 'Event room',
    capacity: 10,
  });
  await ev('past-recent', { startsAt: later(-5), endsAt: later(-5, 3), venue: 'switch', room: 'Meeting room' });
  await ev('next', { startsAt: later(3), endsAt: later(3, 3), venue: 'switch', room: 'Event room', capacity: 2 });
  await ev('later-no-room', { startsAt: later(10), endsAt: later(10, 3), venue: 'switch', capacity: 30 });
  await ev('draft-here', {
    startsAt: later(7),
    endsAt: later(7, 3),
    venue: 'switch',
    room: 'Meeting room',
    status: 'draft',
  });
  await ev('elsewhere', { startsAt: later(4), endsAt: later(4, 3), venue: 'kortrijk-hub', room: 'Zaal' });
  await ev('online', {
    startsAt: later(5),
    endsAt: later(5, 3),
    onlineUrl: 'https://meet.example.org/x',
    capacity: 100,
  });
});
afterAll(() => t.close());

describe("who may see a venue's activity", () => {
  const urls = () => [`/api/v1/venues/switch/activity`, `/api/v1/venues/switch/events/${ids.next}/shared-contacts`];

  it('visitors 401, members and managers of another venue 403, its managers and admins 200', async () => {
    for (const url of urls()) {
      expect((await t.api('GET', url)).statusCode, url).toBe(401);
      expect((await t.api('GET', url, { token: member.token })).statusCode, url).toBe(403);
      expect((await t.api('GET', url, { token: otherManager.token })).statusCode, url).toBe(403);
      expect((await t.api('GET', url, { token: manager.token })).statusCode, url).toBe(200);
      expect((await t.api('GET', url, { token: admin.token })).statusCode, url).toBe(200);
    }
    // The manager of the other venue sees their own.
    expect((await t.api('GET', '/api/v1/venues/kortrijk-hub/activity', { token: otherManager.token })).statusCode).toBe(
      200,
    );
  });

  it('an event not held at the venue is 404 — another venue, online, a draft, unknown — and so is an unknown venue', async () => {
    // Malformed ids of the right length (which PostgreSQL's ::uuid cast refuses) are unknown ids too, not a 500.
    const malformed = [
      '-'.repeat(36),
      `${'0'.repeat(32)}----`,
      'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaa-',
      `-${'a'.repeat(35)}`,
    ];
    for (const id of [
      ids.elsewhere,
      ids.online,
      ids['draft-here'],
      '00000000-0000-4000-8000-000000000000',
      'not-an-id',
      ...malformed,
    ]) {
      const res = await t.api('GET', `/api/v1/venues/switch/events/${id}/shared-contacts`, { token: manager.token });
      expect(res.statusCode, String(id)).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    // The other venue's manager asking about their own event through this venue learns nothing more than 403.
    expect(
      (
        await t.api('GET', `/api/v1/venues/switch/events/${ids.elsewhere}/shared-contacts`, {
          token: otherManager.token,
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.api('GET', '/api/v1/venues/atlantis/activity', { token: admin.token })).statusCode).toBe(404);
  });
});

describe('events held at the venue', () => {
  it('lists upcoming events soonest first, then past ones latest first, a page at a time; other venues, online events and drafts never', async () => {
    const all = await ok('GET', '/api/v1/venues/switch/activity?limit=100', undefined, manager.token);
    expect(all.items.map((e: { title: string; phase: string }) => [e.title, e.phase])).toEqual([
      ['next', 'upcoming'],
      ['later-no-room', 'upcoming'],
      ['past-recent', 'past'],
      ['past-long-ago', 'past'],
    ]);
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((e: { room: string | null }) => e.room)).toEqual([
      'Event room',
      null,
      'Meeting room',
      'Event room',
    ]);

    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await ok(
          'GET',
          `/api/v1/venues/switch/activity?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
          undefined,
          manager.token,
        );
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((e: { title: string }) => e.title));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen, `limit ${limit}`).toEqual(['next', 'later-no-room', 'past-recent', 'past-long-ago']);
      expect(pages).toBe(Math.ceil(4 / limit));
    }

    const bad = await t.api('GET', '/api/v1/venues/switch/activity?cursor=garbage', { token: manager.token });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('cursor');
    // A cursor whose id only looks like one is refused the same way, before the database sees it.
    for (const i of ['-'.repeat(36), `${'0'.repeat(32)}----`]) {
      const forged = Buffer.from(JSON.stringify({ p: 'upcoming', s: new Date().toISOString(), i })).toString(
        'base64url',
      );
      const res = await t.api('GET', `/api/v1/venues/switch/activity?cursor=${forged}`, { token: manager.token });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors[0].field).toBe('cursor');
    }
  });

  it('gives confirmed, waitlisted, checked-in and capacity figures, right after check-ins', async () => {
    const past = ids['past-long-ago']!;
    for (const name of ['Ann', 'Ben', 'Cas', 'Dan'])
      await ok('POST', `/api/v1/events/${past}/attendees`, { name, email: `${name.toLowerCase()}@example.org` });
    const figures = async () =>
      (await ok('GET', '/api/v1/venues/switch/activity?limit=100', undefined, manager.token)).items.find(
        (e: { id: string }) => e.id === past,
      );
    expect(await figures()).toMatchObject({
      confirmed: 4,
      waitlisted: 0,
      checkedIn: 0,
      capacity: 10,
      sharedContacts: 0,
      status: 'published',
      chapter: { slug: 'charleroi' },
    });
    for (const name of ['Ann', 'Ben', 'Cas'])
      await ok('POST', `/api/v1/events/${past}/check-ins`, { code: await codeOf(past, name) });
    // A second scan counts once.
    await ok('POST', `/api/v1/events/${past}/check-ins`, { code: await codeOf(past, 'Ann') });
    expect(await figures()).toMatchObject({ confirmed: 4, waitlisted: 0, checkedIn: 3, capacity: 10 });

    const next = ids.next!;
    for (const name of ['Eva', 'Fred', 'Gil']) await registered(t, next, { name });
    const upcoming = (await ok('GET', '/api/v1/venues/switch/activity?limit=100', undefined, manager.token)).items.find(
      (e: { id: string }) => e.id === next,
    );
    expect(upcoming).toMatchObject({ confirmed: 2, waitlisted: 1, checkedIn: 0, capacity: 2 });
  });
});

describe('contacts shared with the venue', () => {
  it('lists only consenting registrations that are not cancelled, with their consent time', async () => {
    const id = ids['later-no-room']!;
    expect((await contacts(id)).items).toEqual([]);
    await registered(t, id, { name: 'Ada', shareWithVenue: true });
    await registered(t, id, { name: 'Bob', shareWithVenue: false });
    await registered(t, id, { name: 'Cy', shareWithVenue: true });
    await registered(t, id, { name: 'Dee' });
    const listed = await contacts(id);
    expect(listed.items.map((c) => [c.name, c.email])).toEqual([
      ['Ada', 'ada@example.org'],
      ['Cy', 'cy@example.org'],
    ]);
    const stored = (
      await t.database.pool.query('SELECT shared_with_venue_at FROM registrations WHERE event_id = $1 AND name = $2', [
        id,
        'Ada',
      ])
    ).rows[0].shared_with_venue_at as Date;
    expect(listed.items[0]!.sharedAt).toBe(stored.toISOString());
    expect(listed.event).toMatchObject({ id, title: 'later-no-room', confirmed: 4, sharedContacts: 2 });
    expect(await contacts(id, admin.token)).toEqual(listed);

    // Ada cancels: she leaves the list; the people who never agreed still never appear.
    const ada = (
      await t.database.pool.query('SELECT id FROM registrations WHERE event_id = $1 AND name = $2', [id, 'Ada'])
    ).rows[0].id;
    await ok('POST', `/api/v1/registrations/${ada}/cancel`);
    const afterCancel = await contacts(id);
    expect(afterCancel.items.map((c) => c.name)).toEqual(['Cy']);
    expect(afterCancel.event).toMatchObject({ sharedContacts: 1, confirmed: 3 });
  });

  it('a waitlisted person who agreed is listed; a withdrawal removes them', async () => {
    const id = ids.next!;
    // Full since the figures test: Hal is waitlisted.
    await registered(t, id, { name: 'Hal', shareWithVenue: true });
    expect((await contacts(id)).items.map((c) => c.name)).toEqual(['Hal']);
    const secret = (
      await t.database.pool.query('SELECT secret FROM registrations WHERE event_id = $1 AND name = $2', [id, 'Hal'])
    ).rows[0].secret;
    const b = new FormSession(t.app);
    const ticket = await b.get(`/r/${secret}`);
    expect(
      (await b.request('POST', `/r/${secret}/venue-consent/withdraw`, { _csrf: csrfOf(ticket.body) })).statusCode,
    ).toBe(303);
    expect((await contacts(id)).items).toEqual([]);
  });
});

describe("the managers' pages", () => {
  it('shows the manage link on the venue page to its managers and admins only', async () => {
    const link = 'href="/venues/switch/manage"';
    expect((await new FormSession(t.app).get('/venues/switch')).body).not.toContain(link);
    expect((await (await signIn(t.app, member)).get('/venues/switch')).body).not.toContain(link);
    expect((await (await signIn(t.app, otherManager)).get('/venues/switch')).body).not.toContain(link);
    expect((await (await signIn(t.app, manager)).get('/venues/switch')).body).toContain(link);
    expect((await (await signIn(t.app, admin)).get('/venues/switch')).body).toContain(link);
  });

  it('lists the events with their figures, and per event only the shared contacts', async () => {
    const visitor = new FormSession(t.app);
    // A visitor's 401 sends them to sign in, and back here afterwards.
    for (const url of ['/venues/switch/manage', `/venues/switch/manage/events/${ids['later-no-room']}`]) {
      const res = await visitor.get(url);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
    const plain = await signIn(t.app, member);
    expect((await plain.get('/venues/switch/manage')).statusCode).toBe(403);
    expect((await plain.get(`/venues/switch/manage/events/${ids['later-no-room']}`)).statusCode).toBe(403);

    const b = await signIn(t.app, manager);
    const page = await b.get('/venues/switch/manage');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Events at Switch');
    const rowsOf = (html: string) => [...html.matchAll(/<tr data-event="([0-9a-f-]{36})">/g)].map((m) => m[1]);
    // The landing shows the past events, which carry the figures; the upcoming ones are one link away.
    expect(rowsOf(page.body)).toEqual([ids['past-recent'], ids['past-long-ago']]);
    expect(page.body).toContain('href="/venues/switch/manage?phase=upcoming"');
    const upcoming = await b.get('/venues/switch/manage?phase=upcoming');
    expect(rowsOf(upcoming.body)).toEqual([ids.next, ids['later-no-room']]);
    for (const html of [page.body, upcoming.body]) {
      expect(html).not.toContain(ids.elsewhere!);
      expect(html).not.toContain(ids['draft-here']!);
    }
    expect(upcoming.body).toContain(`href="/venues/switch/manage/events/${ids['later-no-room']}"`);

    const detail = await b.get(`/venues/switch/manage/events/${ids['later-no-room']}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('Contacts shared with the venue');
    expect(detail.body).toContain('cy@example.org');
    for (const hidden of ['ada@example.org', 'bob@example.org', 'dee@example.org'])
      expect(detail.body).not.toContain(hidden);
    expect((await b.get(`/venues/switch/manage/events/${ids.elsewhere}`)).statusCode).toBe(404);
    expect((await b.get(`/venues/switch/manage/events/${'-'.repeat(36)}`)).statusCode).toBe(404);

    const fr = await signIn(t.app, manager, { 'accept-language': 'fr' });
    expect((await fr.get('/venues/switch/manage')).body).toContain('Événements à Switch');
  });

  it('lands a manager of one venue on its figures, with the totals of what it hosted', async () => {
    const before = await ok('GET', '/api/v1/venues/switch/activity/totals', undefined, manager.token);
    // People added by hand to the past events, some checked in at the door.
    for (const [event, name] of [
      ['past-recent', 'Pia'],
      ['past-recent', 'Quinn'],
      ['past-long-ago', 'Rosa'],
      ['past-long-ago', 'Sven'],
    ] as const) {
      await ok('POST', `/api/v1/events/${ids[event]}/attendees`, { name, email: `${name.toLowerCase()}@example.org` });
    }
    for (const [event, name] of [
      ['past-recent', 'Pia'],
      ['past-long-ago', 'Rosa'],
      ['past-long-ago', 'Sven'],
    ] as const)
      await ok('POST', `/api/v1/events/${ids[event]}/check-ins`, { code: await codeOf(ids[event]!, name) });

    const totals = await ok('GET', '/api/v1/venues/switch/activity/totals', undefined, manager.token);
    expect(totals).toMatchObject({
      pastEvents: 2,
      confirmed: before.confirmed + 4,
      checkedIn: before.checkedIn + 3,
      sharedContacts: before.sharedContacts,
    });
    expect(totals.attendanceRate).toBeCloseTo(totals.checkedIn / totals.confirmed, 3);
    expect((await t.api('GET', '/api/v1/venues/switch/activity/totals', { token: member.token })).statusCode).toBe(403);
    // The totals are the sums of the past events' own figures (upcoming ones left out).
    const past = await ok('GET', '/api/v1/venues/switch/activity?phase=past', undefined, manager.token);
    expect(past.items.map((e: { id: string }) => e.id)).toEqual([ids['past-recent'], ids['past-long-ago']]);
    const sum = (k: 'confirmed' | 'checkedIn') =>
      past.items.reduce((n: number, e: Record<string, number>) => n + e[k]!, 0);
    expect([sum('confirmed'), sum('checkedIn')]).toEqual([totals.confirmed, totals.checkedIn]);

    // Signing in, the manager of this one venue (who runs no chapter) lands on its figures.
    const fr = { consent_manage_confirmed: translator('fr')('consent.manage.confirmed') };
    const b = await signIn(t.app, manager, { 'accept-language': 'fr' });
    const landing = await b.get('/admin');
    expect(landing.statusCode).toBe(303);
    expect(landing.headers.location).toBe('/venues/switch/manage');
    const page = await b.get('/venues/switch/manage');
    expect(page.body).toContain('Ce que Switch a accueilli');
    const pct = new Intl.NumberFormat('fr-BE', { style: 'percent' }).format(totals.attendanceRate);
    expect(page.body).toContain(
      `<dt>Événements tenus</dt><dd>2</dd><dt>${fr.consent_manage_confirmed}</dt><dd>${totals.confirmed}</dd>`,
    );
    expect(page.body).toContain(`<dd>${totals.checkedIn} (${pct})</dd>`);
    // An admin's administration page links each venue to its figures.
    expect((await (await signIn(t.app, admin)).get('/admin')).body).toContain('href="/venues/switch/manage"');
  });
});
