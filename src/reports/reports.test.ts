import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn } from '../../test/support/forms.js';
import { insertRegistration } from './fixtures.js';

/**
 * Every figure of docs/FIGURES.md on a small network whose answers are worked out by hand:
 * who registered, who came, who was new, what it cost, across a year boundary in Brussels.
 */

type Who = { token: string; id: string; email: string; password: string };
let t: TestApp;
let admin: Who;
let organiser: Who;
let manager: Who;
let member: Who;
const ev: Record<string, string> = {};

const who = async (role: 'admin' | 'member' = 'member'): Promise<Who> => {
  const u = await t.user(role);
  return { token: u.token, id: u.user.id, email: u.user.email, password: u.password };
};
const ok = async (method: 'POST' | 'GET', url: string, body?: unknown, token = admin.token) => {
  const res = await t.api(method, url, { token, body });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
};
const reg = (
  event: string,
  name: string,
  createdAt: string,
  more: Partial<Parameters<typeof insertRegistration>[1]> = {},
) =>
  insertRegistration(t.database.pool, {
    networkId: t.network.id,
    eventId: ev[event]!,
    name,
    email: name ? `${name}@example.org` : '',
    createdAt,
    ...more,
  });
const expense = async (amountCents: number, events: { eventId: string; amountCents?: number }[]) => {
  const e = await ok('POST', '/api/v1/expenses', {
    chapter: 'charleroi',
    incurredOn: '2026-01-10',
    supplierName: 'Supplier',
    amountCents,
    vatRate: 21,
    category: 'activities',
    events,
  });
  await ok('POST', `/api/v1/expenses/${e.id}/submit`);
  await ok('POST', `/api/v1/expenses/${e.id}/approve`, undefined, (await who('admin')).token);
};

beforeAll(async () => {
  t = await startTestApp();
  [admin, organiser, manager, member] = [await who('admin'), await who(), await who(), await who()];
  await ok('POST', '/api/v1/chapters', { name: 'Charleroi', slug: 'charleroi', city: 'Charleroi', status: 'active' });
  await ok('POST', '/api/v1/chapters/charleroi/organizers', { email: organiser.email });
  await ok('POST', '/api/v1/venues', {
    name: 'Switch',
    slug: 'switch',
    city: 'Charleroi',
    rooms: [{ name: 'Hall', capacity: 10 }],
  });
  await ok('POST', '/api/v1/venues/switch/managers', { email: manager.email });
  await t.database.pool.query(`UPDATE chapters SET created_at = '2025-12-01T00:00:00Z' WHERE slug = 'charleroi'`);
  const event = async (key: string, startsAt: string, atVenue: boolean) => {
    const end = new Date(new Date(startsAt).getTime() + 3_600_000).toISOString();
    ev[key] = (
      await ok('POST', '/api/v1/chapters/charleroi/events', {
        title: `Event ${key}`,
        startsAt,
        endsAt: end,
        capacity: 10,
        ...(atVenue ? { venue: 'switch', room: 'Hall' } : { onlineUrl: 'https://meet.example.org/x' }),
      })
    ).id;
  };
  // 23:30 on 31 December in Brussels: still 2025 there, already 2026 in UTC.
  await event('newYearsEve', '2025-12-31T22:30:00Z', false);
  await event('january', '2026-01-15T18:00:00Z', true);
  await event('february', '2026-02-10T18:00:00Z', true);
  await event('march', '2026-03-10T18:00:00Z', false);

  await reg('newYearsEve', 'alice', '2025-12-20T10:00:00Z', { checkedInAt: '2025-12-31T22:35:00Z' });
  await reg('newYearsEve', 'bob', '2025-12-20T10:00:00Z');
  const consent = { sharedAt: '2026-01-01T10:00:00Z' };
  await reg('january', 'alice', '2026-01-02T10:00:00Z', { checkedInAt: '2026-01-15T18:05:00Z', ...consent });
  await reg('january', 'bob', '2026-01-02T10:00:00Z', { checkedInAt: '2026-01-15T18:05:00Z', ...consent });
  await reg('january', 'carol', '2026-01-02T10:00:00Z', { status: 'cancelled', cancelledAt: '2026-01-10T10:00:00Z' });
  ev.dave = await reg('january', 'dave', '2026-01-03T10:00:00Z', { status: 'waitlisted', ...consent });
  // At the door: one without an address, two with one (created after the start, checked in).
  await reg('january', '', '2026-01-15T18:10:00Z', { checkedInAt: '2026-01-15T18:10:00Z' });
  await reg('january', 'erin', '2026-01-15T18:10:00Z', { checkedInAt: '2026-01-15T18:10:00Z', ...consent });
  await reg('january', 'frank', '2026-01-15T18:11:00Z', { checkedInAt: '2026-01-15T18:11:00Z', ...consent });

  await expense(5000, [{ eventId: ev.february! }]);
  await expense(3801, [{ eventId: ev.january! }, { eventId: ev.march! }]);
  await ok('POST', `/api/v1/events/${ev.february}/cancel`, { reason: 'Storm' });
});
afterAll(() => t.close());

describe('network year', () => {
  it('puts 23:30 on 31 December in Brussels in that year', async () => {
    const r = await ok('GET', '/api/v1/reports/network?year=2025');
    expect(r.totals).toMatchObject({
      events: 1,
      registered: 2,
      attended: 1,
      noShows: 1,
      noShowRate: 0.5,
      uniqueAttendees: 1,
      newPeople: 1,
    });
  });

  it('counts registered at the start, attended with door additions, uniques by address, new vs returning', async () => {
    const r = await ok('GET', '/api/v1/reports/network?year=2026');
    expect(r.totals).toMatchObject({
      events: 2,
      cancelledEvents: 1,
      registered: 2, // alice and bob: carol cancelled before, dave was still waiting, the door came after
      attended: 5, // alice, bob, erin, frank and one without an address
      doorAdditions: 3,
      noShows: 0,
      noShowRate: 0,
      uniqueAttendees: 4, // the one without an address is not a unique attendee
      newPeople: 3, // alice came in 2025
      returningPeople: 1,
      costCents: 8801, // the cancelled event keeps its 50 EUR; 38.01 split 19.01 + 19.00
      costPerAttendeeCents: 1760, // 8801 / 5 = 1760.2
      costPerRegistrationCents: 4401, // 8801 / 2 = 4400.5, half up
    });
    const jan = r.byMonth.find((m: { month: string }) => m.month === '2026-01');
    expect(jan).toMatchObject({
      events: 1,
      attended: 5,
      uniqueAttendees: 4,
      newPeople: 3,
      activeChapters: 1,
      costCents: 1901,
    });
    const mar = r.byMonth.find((m: { month: string }) => m.month === '2026-03');
    expect(mar).toMatchObject({
      events: 1,
      attended: 0,
      costCents: 1900,
      costPerAttendeeCents: null,
      noShowRate: null,
    });
    expect(r.byMonth.find((m: { month: string }) => m.month === '2026-02')).toMatchObject({
      events: 0,
      cancelledEvents: 1,
      costCents: 5000,
      activeChapters: 0,
    });
    expect(r.byChapter).toEqual([expect.objectContaining({ chapter: 'charleroi', activeMonths: 2, newPeople: 3 })]);
    expect(Object.keys(r.definitions)).toContain('costPerAttendee');
  });
});

describe('chapter, event and venue', () => {
  it('counts the days to the first event held, past drafts and cancelled ones', async () => {
    await ok('POST', '/api/v1/chapters', { name: 'Arlon', slug: 'arlon', city: 'Arlon', status: 'active' });
    const event = (days: number, status: 'draft' | 'published') =>
      ok('POST', '/api/v1/chapters/arlon/events', {
        title: `Arlon ${days}`,
        startsAt: new Date(Date.now() + days * 86_400_000 + 3_600_000).toISOString(),
        endsAt: new Date(Date.now() + days * 86_400_000 + 7_200_000).toISOString(),
        capacity: 20,
        onlineUrl: 'https://meet.example.org/arlon',
        status,
      });
    const year = new Date().getUTCFullYear();
    expect((await ok('GET', `/api/v1/reports/chapters/arlon?year=${year}`)).daysToFirstEvent).toBeNull();
    await event(5, 'draft');
    const cancelled = await event(10, 'published');
    await ok('POST', `/api/v1/events/${cancelled.id}/cancel`, { reason: 'Snow' });
    expect((await ok('GET', `/api/v1/reports/chapters/arlon?year=${year}`)).daysToFirstEvent).toBeNull();
    await event(20, 'published');
    expect((await ok('GET', `/api/v1/reports/chapters/arlon?year=${year}`)).daysToFirstEvent).toBe(20);
  });

  it("tells a chapter's health: active months, days to the first event, followers", async () => {
    const r = await ok('GET', '/api/v1/reports/chapters/charleroi?year=2026', undefined, organiser.token);
    expect(r).toMatchObject({ activeMonths: 2, daysToFirstEvent: 30, followers: { gained: 0, total: 0 } });
    expect(r.events).toHaveLength(3);
  });

  it('counts followers gained, lost and the net growth of a year, lost ones without keeping who', async () => {
    const [a, b, c] = [await who(), await who(), await who()];
    for (const x of [a, b, c])
      expect((await t.api('PUT', '/api/v1/chapters/charleroi/follow', { token: x.token })).statusCode).toBeLessThan(
        300,
      );
    // C has followed since June 2025.
    await t.database.pool.query(`update chapter_followers set created_at = '2025-06-01T10:00:00Z' where user_id = $1`, [
      c.id,
    ]);
    for (const x of [b, c])
      expect((await t.api('DELETE', '/api/v1/chapters/charleroi/follow', { token: x.token })).statusCode).toBe(204);
    const y2026 = await ok('GET', '/api/v1/reports/chapters/charleroi?year=2026', undefined, organiser.token);
    expect(y2026.followers).toEqual({ gained: 2, lost: 2, net: 0, total: 1 });
    const y2025 = await ok('GET', '/api/v1/reports/chapters/charleroi?year=2025', undefined, organiser.token);
    expect(y2025.followers).toEqual({ gained: 1, lost: 0, net: 1, total: 1 });
    const rows = await t.database.pool.query('select * from chapter_unfollows');
    expect(rows.rowCount).toBe(2);
    expect(Object.keys(rows.rows[0])).not.toContain('user_id');
    const page = (await (await signIn(t.app, organiser)).get('/admin/reports/chapters/charleroi?year=2025')).body;
    expect(page).toContain('Followers lost');
    expect(page).toContain('<dd>+1</dd>');
    expect(page).toContain('net growth, new minus lost');
  });

  it('gives an event its cost per attendee, "—" (null) when nobody came, and new people per scope', async () => {
    const jan = await ok('GET', `/api/v1/reports/events/${ev.january}`);
    expect(jan).toMatchObject({
      attended: 5,
      uniqueAttendees: 4,
      newToNetwork: 3,
      newToChapter: 3,
      newToVenue: 4,
      costPerAttendeeCents: 380,
    });
    const mar = await ok('GET', `/api/v1/reports/events/${ev.march}`);
    expect(mar).toMatchObject({ attended: 0, costCents: 1900, costPerAttendeeCents: null, newToVenue: null });
  });

  it('withholds counts under 5 on the venue dashboard, logs each view, and drops a withdrawn consent at once', async () => {
    const url = '/api/v1/reports/venues/switch?from=2026-01-01&to=2026-12-31';
    const r = await ok('GET', url, undefined, manager.token);
    expect(r).toMatchObject({
      eventsHosted: 1,
      peopleBrought: 5,
      uniqueAttendees: null,
      firstTimeVisitors: null,
      returningVisitors: 0,
      consentedContacts: 5,
      seats: 10,
      seatOccupancy: 0.5,
    });
    expect(r.suppressed).toEqual(['uniqueAttendees', 'firstTimeVisitors']);
    await t.database.pool.query('UPDATE registrations SET shared_with_venue_at = NULL WHERE id = $1', [ev.dave]);
    const after = await ok('GET', url, undefined, manager.token);
    expect(after.consentedContacts).toBeNull();
    const logged = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'venue.dashboard.view'`,
    );
    expect(logged.rows[0].n).toBe(2);
  });
});

describe('who may read which report', () => {
  it.each([
    [
      'network',
      '/api/v1/reports/network?year=2026',
      { admin: 200, organiser: 403, manager: 403, member: 403, anonymous: 401 },
    ],
    [
      'chapter',
      '/api/v1/reports/chapters/charleroi?year=2026',
      { admin: 200, organiser: 200, manager: 403, member: 403, anonymous: 401 },
    ],
    [
      'venue',
      '/api/v1/reports/venues/switch',
      { admin: 200, organiser: 403, manager: 200, member: 403, anonymous: 401 },
    ],
  ])('%s report', async (_name, url, expected) => {
    const tokens = {
      admin: admin.token,
      organiser: organiser.token,
      manager: manager.token,
      member: member.token,
      anonymous: undefined,
    };
    for (const [role, status] of Object.entries(expected)) {
      const res = await t.api('GET', url, { token: tokens[role as keyof typeof tokens] });
      expect(res.statusCode, `${role} ${url}`).toBe(status);
    }
  });
});

describe('pages', () => {
  it('shows the network year with accessible SVG charts, their data tables, warnings and definitions', async () => {
    const b = await signIn(t.app, admin);
    const res = await b.get('/admin/reports?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toMatch(/<svg role="img" aria-labelledby="attendance-title attendance-desc"/);
    expect(res.body).toContain('<title id="attendance-title">Attendance by month</title>');
    expect(res.body).toContain('<th scope="row">Jan</th>');
    // The March event cost 19.00 EUR and nobody came.
    expect(res.body).toMatch(/Event march \(2026-03-10\) has €19\.00 of expenses and nobody attended/);
    expect(res.body).toContain('Co-financing coverage');
  });

  it('sends an organiser to their chapter, and refuses a member', async () => {
    const o = await signIn(t.app, organiser, { 'accept-language': 'nl' });
    const res = await o.get('/admin/reports?year=2026');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/reports/chapters/charleroi?year=2026');
    const page = await o.get(res.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Charleroi in 2026');
    expect(page.body).toContain('Actieve maanden');
    const m = await signIn(t.app, member);
    expect((await m.get('/admin/reports')).statusCode).toBe(403);
  });

  it("shows the venue's dashboard to its manager, contacts only when there are enough, exports them audited", async () => {
    await t.database.pool.query(`UPDATE registrations SET shared_with_venue_at = now() WHERE id = $1`, [ev.dave]);
    const b = await signIn(t.app, manager, { 'accept-language': 'fr' });
    const res = await b.get('/venues/switch/dashboard?from=2026-01-01&to=2026-12-31');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('moins de 5');
    expect(res.body).toContain('erin@example.org');
    const csv = await b.get('/venues/switch/dashboard.csv?from=2026-01-01&to=2026-12-31');
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body.trim().split('\r\n')).toHaveLength(6);
    const logged = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'venue.contacts.export'`,
    );
    expect(logged.rows[0].n).toBe(1);
    const m = await signIn(t.app, member);
    expect((await m.get('/venues/switch/dashboard')).statusCode).toBe(403);
  });
});
