import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { inDays } from '../../test/support/factories.js';

let t: TestApp;
let admin: string;
const ICS_TYPE = 'text/calendar; charset=utf-8';

interface ParsedEvent {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  location: string;
  url: string;
  tzid: string | undefined;
  localStart: string;
  start: string;
  end: string;
  stamp: string;
  lastModified: string;
  organizer: string;
  description: string;
}

/** Parses with ical.js, a real iCalendar reader: times resolved through the feed's own VTIMEZONE. */
function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const events: ParsedEvent[] = cal.getAllSubcomponents('vevent').map((v) => {
    const dtstart = v.getFirstProperty('dtstart')!;
    const start = v.getFirstPropertyValue('dtstart') as ICAL.Time;
    const end = v.getFirstPropertyValue('dtend') as ICAL.Time;
    return {
      uid: String(v.getFirstPropertyValue('uid')),
      sequence: Number(v.getFirstPropertyValue('sequence')),
      status: String(v.getFirstPropertyValue('status')),
      summary: String(v.getFirstPropertyValue('summary')),
      location: String(v.getFirstPropertyValue('location') ?? ''),
      url: String(v.getFirstPropertyValue('url') ?? ''),
      description: String(v.getFirstPropertyValue('description') ?? ''),
      organizer: String(v.getFirstPropertyValue('organizer') ?? ''),
      tzid: dtstart.getParameter('tzid') as string | undefined,
      localStart: start.toString(),
      start: start.toJSDate().toISOString(),
      end: end.toJSDate().toISOString(),
      stamp: (v.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().toISOString(),
      lastModified: (v.getFirstPropertyValue('last-modified') as ICAL.Time).toJSDate().toISOString(),
    };
  });
  return {
    cal,
    events,
    timezones: cal.getAllSubcomponents('vtimezone').map((z) => String(z.getFirstPropertyValue('tzid'))),
    method: cal.getFirstPropertyValue('method'),
  };
}

async function feed(url: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'GET', url, headers });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe(ICS_TYPE);
  return { res, ...parse(res.body) };
}

const create = async (body: Record<string, unknown>, chapter = 'charleroi') => {
  const res = await t.api('POST', `/api/v1/chapters/${chapter}/events`, { token: admin, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: string;
    seriesId: string | null;
    startsAt: string;
    endsAt: string;
    updatedAt: string;
    sequence: number;
  };
};

/** The next change of Brussels' clocks at least two weeks away: last Sunday of March or of October. */
function nextClockChange(after: Date): Date {
  for (let year = after.getUTCFullYear(); ; year++) {
    for (const month of [2, 9]) {
      const lastDay = new Date(Date.UTC(year, month + 1, 0, 1));
      const sunday = new Date(lastDay.getTime() - lastDay.getUTCDay() * 86_400_000);
      if (sunday.getTime() > after.getTime() + 14 * 86_400_000) return sunday;
    }
  }
}

/** The UTC instant at which Brussels' clocks show 18:30 on that day. */
function brussels1830(day: Date): Date {
  for (const hour of [16, 17]) {
    const candidate = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, 30));
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Brussels',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(candidate);
    if (local === '18:30') return candidate;
  }
  throw new Error('no 18:30');
}

let talk: { id: string; updatedAt: string };
let online: { id: string };
let draft: { id: string };
let series: { id: string; startsAt: string }[];

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  for (const body of [
    {
      name: 'Switch',
      city: 'Charleroi',
      address: 'Rue de la Station 1',
      rooms: [
        { name: 'Event room', capacity: 40 },
        { name: 'Small', capacity: 10 },
      ],
    },
    { name: 'Other Place', city: 'Mons', rooms: [{ name: 'Hall', capacity: 30 }] },
  ])
    expect((await t.api('POST', '/api/v1/venues', { token: admin, body })).statusCode).toBe(201);
  for (const body of [
    { name: 'Charleroi', city: 'Charleroi', status: 'active' },
    { name: 'Mons', city: 'Mons', status: 'active' },
  ]) {
    expect((await t.api('POST', '/api/v1/chapters', { token: admin, body })).statusCode).toBe(201);
  }
  talk = await create({
    title: 'Talk; with, special \\ chars',
    description: 'Line one\nLine two',
    startsAt: inDays(10),
    endsAt: inDays(10, 19),
    venue: 'switch',
    room: 'Event room',
  });
  online = await create({
    title: 'Online only',
    startsAt: inDays(12),
    endsAt: inDays(12, 19),
    capacity: 100,
    onlineUrl: 'https://meet.example.org/essaim',
  });
  draft = await create({
    title: 'Secret draft',
    status: 'draft',
    startsAt: inDays(14),
    endsAt: inDays(14, 19),
    venue: 'switch',
    capacity: 5,
  });
  await create(
    { title: 'Mons meetup', startsAt: inDays(11), endsAt: inDays(11, 19), venue: 'other-place', room: 'Hall' },
    'mons',
  );
  // A weekly series across the next change of the clocks: 18:30 local on both sides.
  const change = nextClockChange(new Date());
  const first = brussels1830(new Date(change.getTime() - 10 * 86_400_000));
  const s = await create({
    title: 'Weekly across the clock change',
    startsAt: first.toISOString(),
    endsAt: new Date(first.getTime() + 2 * 3_600_000).toISOString(),
    venue: 'switch',
    room: 'Small',
    recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' },
  });
  series = (await t.api('GET', `/api/v1/series/${s.seriesId}`)).json().occurrences;
});
afterAll(() => t.close());

describe('chapter calendar (iCalendar)', () => {
  it('lists published events with stable UIDs, TZID times and a VTIMEZONE for Europe/Brussels; no drafts', async () => {
    const a = await feed('/chapters/charleroi/calendar.ics');
    expect(a.method).toBe('PUBLISH');
    expect(a.timezones).toEqual(['Europe/Brussels']);
    // Calendar properties come before the first component (RFC 5545 §3.4).
    expect(a.cal.getFirstPropertyValue('refresh-interval')).toBeTruthy();
    expect(a.res.body.indexOf('REFRESH-INTERVAL')).toBeLessThan(a.res.body.indexOf('BEGIN:VTIMEZONE'));
    const uids = a.events.map((e) => e.uid);
    expect(uids).toContain(`${talk.id}@127.0.0.1`);
    expect(uids).toContain(`${online.id}@127.0.0.1`);
    expect(uids.some((u) => u.startsWith(draft.id))).toBe(false);
    expect(a.events.map((e) => e.summary)).not.toContain('Mons meetup');
    const b = await feed('/chapters/charleroi/calendar.ics');
    expect(b.events.map((e) => e.uid)).toEqual(uids);
    expect(b.res.headers.etag).toBe(a.res.headers.etag);
    expect(b.res.body).toBe(a.res.body);
  });

  it('describes the event: summary, location, URL, organiser, times in its zone, stamps from updatedAt', async () => {
    const { events } = await feed('/chapters/charleroi/calendar.ics');
    const e = events.find((x) => x.uid.startsWith(talk.id))!;
    expect(e).toMatchObject({
      summary: 'Talk; with, special \\ chars',
      location: 'Switch, Event room, Rue de la Station 1, Charleroi',
      url: `http://127.0.0.1:3000/events/${talk.id}-talk-with-special-chars`,
      status: 'CONFIRMED',
      sequence: 0,
      tzid: 'Europe/Brussels',
      start: inDays(10),
      end: inDays(10, 19),
      stamp: new Date(Math.floor(Date.parse(talk.updatedAt) / 1000) * 1000).toISOString(),
    });
    expect(e.description).toContain('Line one\nLine two');
    expect(e.organizer).toBe('mailto:noreply@localhost');
    expect(events.find((x) => x.uid.startsWith(online.id))!.location).toBe('https://meet.example.org/essaim');
  });

  it('keeps 18:30 local time on both sides of a daylight-saving change', async () => {
    const { events } = await feed('/chapters/charleroi/calendar.ics');
    const weekly = events.filter((e) => e.summary === 'Weekly across the clock change');
    expect(weekly).toHaveLength(3);
    expect(weekly.map((e) => e.tzid)).toEqual(['Europe/Brussels', 'Europe/Brussels', 'Europe/Brussels']);
    expect(weekly.map((e) => e.localStart.slice(11))).toEqual(['18:30:00', '18:30:00', '18:30:00']);
    // The same local time is two different UTC offsets: the instants follow the API's.
    expect(weekly.map((e) => e.start)).toEqual(series.map((o) => o.startsAt));
    const utcHours = new Set(weekly.map((e) => new Date(e.start).getUTCHours()));
    expect(utcHours).toEqual(new Set([16, 17]));
  });

  it('raises SEQUENCE after a change, and keeps a cancelled event with STATUS:CANCELLED', async () => {
    const before = (await feed('/chapters/charleroi/calendar.ics')).events.find((e) => e.uid.startsWith(talk.id))!;
    const patched = await t.api('PATCH', `/api/v1/events/${talk.id}`, {
      token: admin,
      body: { title: 'Talk (moved)', startsAt: inDays(10, 18), endsAt: inDays(10, 20) },
    });
    expect(patched.statusCode).toBe(200);
    const after = (await feed('/chapters/charleroi/calendar.ics')).events.find((e) => e.uid === before.uid)!;
    expect(after.sequence).toBe(before.sequence + 1);
    expect(after).toMatchObject({ summary: 'Talk (moved)', start: inDays(10, 18), status: 'CONFIRMED' });

    expect(
      (await t.api('POST', `/api/v1/events/${online.id}/cancel`, { token: admin, body: { reason: 'Speaker ill' } }))
        .statusCode,
    ).toBe(200);
    const cancelled = (await feed('/chapters/charleroi/calendar.ics')).events.find((e) => e.uid.startsWith(online.id))!;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', sequence: 1 });
    expect(cancelled.description).toContain('Speaker ill');
  });

  it('answers 404 for an unknown chapter', async () => {
    expect((await t.app.inject('/chapters/nowhere/calendar.ics')).statusCode).toBe(404);
  });
});

describe('network, venue and single-event calendars', () => {
  it('the network calendar has every chapter; a venue calendar only its own events', async () => {
    const network = await feed('/calendar.ics');
    expect(network.events.map((e) => e.summary)).toEqual(
      expect.arrayContaining(['Mons meetup', 'Talk (moved)', 'Online only']),
    );
    expect(network.events.map((e) => e.summary)).not.toContain('Secret draft');
    const venue = await feed('/venues/other-place/calendar.ics');
    expect(venue.events.map((e) => e.summary)).toEqual(['Mons meetup']);
    const switchFeed = await feed('/venues/switch/calendar.ics');
    expect(switchFeed.events.map((e) => e.summary)).not.toContain('Online only');
    expect(switchFeed.events.map((e) => e.summary)).toContain('Talk (moved)');
  });

  it('/events/{id}.ics is one VEVENT with METHOD:PUBLISH; a draft only for its organisers', async () => {
    const one = await feed(`/events/${talk.id}.ics`);
    expect(one.method).toBe('PUBLISH');
    expect(one.events).toHaveLength(1);
    expect(one.events[0]!.uid).toBe(`${talk.id}@127.0.0.1`);
    expect(one.res.headers['content-disposition']).toBe(`attachment; filename="event-${talk.id}.ics"`);
    expect((await t.app.inject(`/events/${draft.id}.ics`)).statusCode).toBe(404);
    expect((await feed(`/events/${draft.id}.ics`, { authorization: `Bearer ${admin}` })).events[0]!.summary).toBe(
      'Secret draft',
    );
    expect((await t.app.inject('/events/00000000-0000-0000-0000-000000000000.ics')).statusCode).toBe(404);
  });
});

describe('revalidation', () => {
  it('sends ETag and Last-Modified, and 304 to If-None-Match or If-Modified-Since until something changes', async () => {
    const first = await t.app.inject('/chapters/charleroi/calendar.ics');
    const etag = first.headers.etag as string;
    const lastModified = first.headers['last-modified'] as string;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(etag).toBe(`"${createHash('sha256').update(first.body).digest('base64url').slice(0, 32)}"`);
    expect(new Date(lastModified).toUTCString()).toBe(lastModified);

    const byTag = await t.app.inject({ url: '/chapters/charleroi/calendar.ics', headers: { 'if-none-match': etag } });
    expect(byTag.statusCode).toBe(304);
    expect(byTag.body).toBe('');
    expect(byTag.headers.etag).toBe(etag);
    const weakInList = await t.app.inject({
      url: '/chapters/charleroi/calendar.ics',
      headers: { 'if-none-match': `"other", W/${etag}` },
    });
    expect(weakInList.statusCode).toBe(304);
    expect(
      (await t.app.inject({ url: '/chapters/charleroi/calendar.ics', headers: { 'if-modified-since': lastModified } }))
        .statusCode,
    ).toBe(304);
    const older = new Date(Date.parse(lastModified) - 1000).toUTCString();
    expect(
      (await t.app.inject({ url: '/chapters/charleroi/calendar.ics', headers: { 'if-modified-since': older } }))
        .statusCode,
    ).toBe(200);
    // If-None-Match decides when both are sent (RFC 9110).
    expect(
      (
        await t.app.inject({
          url: '/chapters/charleroi/calendar.ics',
          headers: { 'if-none-match': '"stale"', 'if-modified-since': lastModified },
        })
      ).statusCode,
    ).toBe(200);

    await new Promise((r) => setTimeout(r, 1100)); // Last-Modified counts whole seconds
    expect(
      (await t.api('PATCH', `/api/v1/events/${talk.id}`, { token: admin, body: { description: 'Now with slides' } }))
        .statusCode,
    ).toBe(200);
    const changed = await t.app.inject({ url: '/chapters/charleroi/calendar.ics', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(Date.parse(changed.headers['last-modified'] as string)).toBeGreaterThan(Date.parse(lastModified));
    expect(
      (await t.app.inject({ url: '/chapters/charleroi/calendar.ics', headers: { 'if-modified-since': lastModified } }))
        .statusCode,
    ).toBe(200);
  });
});

describe('personal calendar', () => {
  let member: { token: string; email: string; id: string };
  let mine: { id: string };
  let waitlisted: { id: string };

  beforeAll(async () => {
    const m = await t.user('member');
    member = { token: m.token, email: m.user.email, id: m.user.id };
    mine = await create({
      title: 'Mine as a guest',
      startsAt: inDays(20),
      endsAt: inDays(20, 19),
      venue: 'switch',
      room: 'Event room',
    });
    waitlisted = await create({
      title: 'Tiny',
      startsAt: inDays(21),
      endsAt: inDays(21, 19),
      capacity: 1,
      onlineUrl: 'https://meet.example.org/tiny',
    });
    await create({
      title: 'Not mine',
      startsAt: inDays(22),
      endsAt: inDays(22, 19),
      capacity: 10,
      onlineUrl: 'https://meet.example.org/x',
    });
    // As a guest with the account's e-mail (matched by address) and, signed in, by account.
    expect(
      (
        await t.api('POST', `/api/v1/events/${mine.id}/registrations`, {
          body: { name: 'Me', email: member.email.toUpperCase() },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await t.api('POST', `/api/v1/events/${waitlisted.id}/registrations`, {
          body: { name: 'First', email: 'first@example.org' },
        })
      ).json().status,
    ).toBe('confirmed');
    const w = await t.api('POST', `/api/v1/events/${waitlisted.id}/registrations`, {
      token: member.token,
      body: { name: 'Me', email: 'another-address@example.org' },
    });
    expect(w.json().status).toBe('waitlisted');
  });

  it('needs a signed-in member', async () => {
    expect((await t.api('POST', '/api/v1/me/calendar-token')).statusCode).toBe(401);
    expect((await t.api('DELETE', '/api/v1/me/calendar-token')).statusCode).toBe(401);
  });

  it('creates a secret address, stores only its SHA-256, and serves my live registrations', async () => {
    const res = await t.api('POST', '/api/v1/me/calendar-token', { token: member.token });
    expect(res.statusCode).toBe(201);
    const url = res.json().url as string;
    const m = /^http:\/\/127\.0\.0\.1:3000\/calendar\/personal\/([\w-]{43})\.ics$/.exec(url);
    expect(m).not.toBeNull();
    const token = m![1]!;
    const rows = (
      await t.database.pool.query('SELECT token_hash, user_id, revoked_at FROM calendar_tokens WHERE user_id = $1', [
        member.id,
      ])
    ).rows;
    expect(rows).toEqual([
      { token_hash: createHash('sha256').update(token).digest('hex'), user_id: member.id, revoked_at: null },
    ]);

    const path = new URL(url).pathname;
    const got = await feed(path);
    expect(got.res.headers['cache-control']).toBe('private, max-age=300');
    expect(got.res.headers['referrer-policy']).toBe('no-referrer');
    expect(got.events.map((e) => [e.summary, e.status])).toEqual([
      ['Mine as a guest', 'CONFIRMED'],
      ['Tiny', 'TENTATIVE'],
    ]);
    expect(got.events[0]!.uid).toBe(`${mine.id}@127.0.0.1`);
    const again = await t.app.inject({ url: path, headers: { 'if-none-match': got.res.headers.etag as string } });
    expect(again.statusCode).toBe(304);

    // The event's cancellation shows as CANCELLED; my own cancellation takes it out.
    expect(
      (await t.api('POST', `/api/v1/events/${mine.id}/cancel`, { token: admin, body: { reason: 'Venue closed' } }))
        .statusCode,
    ).toBe(200);
    const reg = (await t.api('GET', `/api/v1/events/${waitlisted.id}/registrations`, { token: admin }))
      .json()
      .items.find((r: { email: string }) => r.email === 'another-address@example.org');
    expect((await t.api('POST', `/api/v1/registrations/${reg.id}/cancel`, { token: member.token })).statusCode).toBe(
      200,
    );
    const later = await feed(path);
    expect(later.events.map((e) => [e.summary, e.status])).toEqual([['Mine as a guest', 'CANCELLED']]);
    expect(later.res.headers.etag).not.toBe(got.res.headers.etag);
  });

  it('revokes every address: 404 afterwards, like an unknown one', async () => {
    const a = new URL((await t.api('POST', '/api/v1/me/calendar-token', { token: member.token })).json().url).pathname;
    const b = new URL((await t.api('POST', '/api/v1/me/calendar-token', { token: member.token })).json().url).pathname;
    expect((await t.app.inject(a)).statusCode).toBe(200);
    expect((await t.api('DELETE', '/api/v1/me/calendar-token', { token: member.token })).statusCode).toBe(204);
    expect((await t.app.inject(a)).statusCode).toBe(404);
    expect((await t.app.inject(b)).statusCode).toBe(404);
    expect((await t.app.inject(`/calendar/personal/${'A'.repeat(43)}.ics`)).statusCode).toBe(404);
    expect((await t.app.inject('/calendar/personal/short.ics')).statusCode).toBe(404);
    const fresh = new URL((await t.api('POST', '/api/v1/me/calendar-token', { token: member.token })).json().url)
      .pathname;
    expect((await t.app.inject(fresh)).statusCode).toBe(200);
  });

  it('has a page for signed-in members that shows a new address once and revokes them', async () => {
    const auth = { authorization: `Bearer ${member.token}`, 'accept-language': 'en' };
    expect((await t.app.inject('/me/calendar')).statusCode).toBe(303);
    expect((await t.app.inject({ url: '/me', headers: auth })).body).toContain(
      '<a href="/me/calendar">My calendar</a>',
    );
    const page = await t.app.inject({ url: '/me/calendar', headers: auth });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Private addresses in use: 1');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const cookie = (page.cookies as { name: string; value: string }[]).map((c) => `${c.name}=${c.value}`).join('; ');
    const post = (url: string) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { ...auth, cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: `_csrf=${encodeURIComponent(csrf)}`,
      });
    const created = await post('/me/calendar');
    expect(created.statusCode).toBe(200);
    const shown = /value="(http:\/\/127\.0\.0\.1:3000\/calendar\/personal\/[\w-]{43}\.ics)"/.exec(created.body)![1]!;
    expect(created.body).toContain(`href="${shown.replace('http:', 'webcal:')}"`);
    expect((await t.app.inject(new URL(shown).pathname)).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/me/calendar', headers: auth })).body).not.toContain(shown);
    const revoked = await post('/me/calendar/revoke');
    expect(revoked.statusCode).toBe(303);
    expect((await t.app.inject(new URL(shown).pathname)).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/me/calendar?revoked=1', headers: auth })).body).toContain(
      'Private addresses in use: 0',
    );
  });
});
