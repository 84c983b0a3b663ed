import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { inDays } from '../../test/support/factories.js';

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  await t.api('POST', '/api/v1/venues', {
    token: admin,
    body: {
      name: 'Switch',
      city: 'Charleroi',
      rooms: [
        { name: 'Event room', capacity: 50 },
        { name: 'Small', capacity: 3 },
      ],
    },
  });
  await t.api('POST', '/api/v1/chapters', {
    token: admin,
    body: { name: 'Charleroi', city: 'Charleroi', status: 'active' },
  });
});
afterAll(() => t.close());

const create = (body: Record<string, unknown>) =>
  t.api('POST', '/api/v1/chapters/charleroi/events', { token: admin, body });

describe('events', () => {
  it('creates a one-off event whose capacity defaults to the room', async () => {
    const res = await create({
      title: 'Talk: **open source**',
      description: 'Hello <script>alert(1)</script> **world**',
      kind: 'talk',
      startsAt: inDays(10),
      endsAt: inDays(10, 19),
      venue: 'switch',
      room: 'Event room',
    });
    expect(res.statusCode).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({
      capacity: 50,
      confirmedCount: 0,
      waitlistCount: 0,
      seatsLeft: 50,
      timeZone: 'Europe/Brussels',
      status: 'published',
      occurrences: 1,
      room: { name: 'Event room', capacity: 50 },
    });
    expect(e.descriptionHtml).toContain('<strong>world</strong>');
    expect(e.descriptionHtml).not.toContain('<script');
    const got = await t.api('GET', `/api/v1/events/${e.id}`);
    expect(got.json().title).toBe('Talk: **open source**');
  });

  it('refuses a double booking of the room with 409 naming the other event', async () => {
    const res = await create({
      title: 'Clash',
      startsAt: inDays(10, 18),
      endsAt: inDays(10, 20),
      venue: 'switch',
      room: 'event room',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('Talk: **open source**');
    // Back to back is fine.
    expect(
      (
        await create({
          title: 'After',
          startsAt: inDays(10, 19),
          endsAt: inDays(10, 21),
          venue: 'switch',
          room: 'Event room',
        })
      ).statusCode,
    ).toBe(201);
  });

  it('says what is wrong with bad input and creates nothing', async () => {
    const before = (await t.api('GET', '/api/v1/events?chapter=charleroi&limit=100')).json().items.length;
    const res = await create({
      title: 'Bad',
      startsAt: inDays(5, 18),
      endsAt: inDays(5, 17),
      timeZone: 'Europe/Bruxelles',
      capacity: 0,
      venue: 'switch',
      recurrence: { rrule: 'FREQ=SOMETIMES' },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['timeZone', 'capacity', 'recurrence.rrule', 'endsAt']));
    expect(res.json().errors.find((e: { field: string }) => e.field === 'recurrence.rrule').message).toBe(
      'is not a valid RRULE: FREQ must be one of YEARLY, MONTHLY, WEEKLY, DAILY',
    );
    expect((await t.api('GET', '/api/v1/events?chapter=charleroi&limit=100')).json().items.length).toBe(before);
    const nowhere = await create({ title: 'Nowhere', startsAt: inDays(5, 18), endsAt: inDays(5, 19), capacity: 10 });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().errors[0].field).toBe('venue');
  });

  it('keeps seconds in the start of a series on every occurrence, never drops them', async () => {
    const res = await create({
      title: 'Seconds',
      startsAt: '2027-01-07T17:30:15Z',
      endsAt: '2027-01-07T21:00:00Z',
      venue: 'switch',
      capacity: 3,
      recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1TH;COUNT=2' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().startsAt).toBe('2027-01-07T17:30:15.000Z');
    const series = (await t.api('GET', `/api/v1/series/${res.json().seriesId}`)).json();
    expect(series.occurrences.map((o: { startsAt: string }) => o.startsAt)).toEqual([
      '2027-01-07T17:30:15.000Z',
      '2027-02-04T17:30:15.000Z',
    ]);
  });

  it('creates a series whose occurrences appear in the list at 18:30 Brussels time', async () => {
    const res = await create({
      title: 'IT day',
      kind: 'it-day',
      startsAt: '2027-01-07T17:30:00Z',
      endsAt: '2027-01-07T21:00:00Z',
      venue: 'switch',
      room: 'Small',
      capacity: 3,
      recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1TH;COUNT=6', exdates: ['2027-02-04'] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().occurrences).toBe(5);
    const list = await t.api(
      'GET',
      `/api/v1/events?chapter=charleroi&from=2027-01-01T00:00:00Z&to=2027-07-01T00:00:00Z&limit=100`,
    );
    const itDays = list.json().items.filter((e: { title: string }) => e.title === 'IT day');
    expect(itDays.map((e: { startsAt: string }) => e.startsAt)).toEqual([
      '2027-01-07T17:30:00.000Z',
      '2027-03-04T17:30:00.000Z',
      '2027-04-01T16:30:00.000Z',
      '2027-05-06T16:30:00.000Z',
      '2027-06-03T16:30:00.000Z',
    ]);
    expect(new Set(itDays.map((e: { seriesId: string }) => e.seriesId)).size).toBe(1);
    const series = (await t.api('GET', `/api/v1/series/${itDays[0].seriesId}`)).json();
    expect(series).toMatchObject({
      rrule: 'FREQ=MONTHLY;BYDAY=1TH;COUNT=6',
      exdates: ['2027-02-04'],
      timeZone: 'Europe/Brussels',
      firstStartLocal: '2027-01-07T18:30',
    });
    expect(series.occurrences.map((o: { id: string }) => o.id)).toEqual(itDays.map((e: { id: string }) => e.id));

    // "This and the following": from April on, 19:00 local and a new title.
    const april = itDays[2];
    const patched = await t.api('PATCH', `/api/v1/events/${april.id}?scope=following`, {
      token: admin,
      body: { title: 'IT day (spring)', startsAt: '2027-04-01T17:00:00Z', endsAt: '2027-04-01T20:30:00Z' },
    });
    expect(patched.statusCode).toBe(200);
    const after = (
      await t.api('GET', `/api/v1/events?chapter=charleroi&from=2027-01-01T00:00:00Z&to=2027-07-01T00:00:00Z&limit=100`)
    )
      .json()
      .items.filter((e: { title: string }) => e.title.startsWith('IT day'));
    expect(after.map((e: { title: string; startsAt: string }) => `${e.title} ${e.startsAt}`)).toEqual([
      'IT day 2027-01-07T17:30:00.000Z',
      'IT day 2027-03-04T17:30:00.000Z',
      'IT day (spring) 2027-04-01T17:00:00.000Z',
      'IT day (spring) 2027-05-06T17:00:00.000Z',
      'IT day (spring) 2027-06-03T17:00:00.000Z',
    ]);
    // One occurrence only.
    const one = await t.api('PATCH', `/api/v1/events/${after[4].id}?scope=occurrence`, {
      token: admin,
      body: { title: 'IT day (summer special)' },
    });
    expect(one.json().title).toBe('IT day (summer special)');
    expect((await t.api('GET', `/api/v1/events/${after[3].id}`)).json().title).toBe('IT day (spring)');
  });
});

describe('registrations, waitlist and check-in', () => {
  let eventId: string;
  beforeAll(async () => {
    eventId = (
      await create({
        title: 'Small meetup',
        startsAt: inDays(20),
        endsAt: inDays(20, 19),
        venue: 'switch',
        room: 'Small',
        questions: [{ id: 'role', label: 'Your role', type: 'choice', choices: ['dev', 'other'], required: true }],
      })
    ).json().id;
  });
  const register = (name: string, role = 'dev') =>
    t.api('POST', `/api/v1/events/${eventId}/registrations`, {
      body: { name, email: `${name.toLowerCase()}@example.org`, answers: { role } },
    });

  it('confirms while seats remain, then waitlists in order; a repeat gets the same registration', async () => {
    const statuses = [];
    for (const n of ['Ada', 'Bob', 'Cy', 'Dee', 'Eve']) {
      const r = await register(n);
      expect(r.statusCode).toBe(201);
      statuses.push([r.json().status, r.json().waitlistPosition]);
    }
    expect(statuses).toEqual([
      ['confirmed', undefined],
      ['confirmed', undefined],
      ['confirmed', undefined],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    const again = await register('Dee');
    // Anybody may type Dee's address: the answer says neither Dee's status nor place; Dee gets the link by mail.
    expect(again.statusCode).toBe(202);
    expect(Object.keys(again.json())).toEqual(['message']);
    expect((await t.api('GET', `/api/v1/events/${eventId}`)).json()).toMatchObject({
      capacity: 3,
      confirmedCount: 3,
      waitlistCount: 2,
      seatsLeft: 0,
    });
  });

  it('refuses a missing required answer or an unknown choice', async () => {
    const res = await t.api('POST', `/api/v1/events/${eventId}/registrations`, {
      body: { name: 'Zed', email: 'zed@example.org', answers: { role: 'boss', colour: 'red' } },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['answers.colour', 'answers.role']);
  });

  it('a cancellation through the secret link promotes the head of the waitlist', async () => {
    const ada = (
      await t.api('GET', `/api/v1/events/${eventId}/registrations?status=confirmed`, { token: admin })
    ).json().items[0];
    expect(ada.name).toBe('Ada');
    // Without the secret a guest's registration is not even visible.
    expect((await t.api('POST', `/api/v1/registrations/${ada.id}/cancel`)).statusCode).toBe(404);
    const secret = (await t.database.pool.query('SELECT secret FROM registrations WHERE id = $1', [ada.id])).rows[0]
      .secret;
    const res = await t.api('POST', `/api/v1/registrations/${ada.id}/cancel?secret=${secret}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('cancelled');
    const list = (await t.api('GET', `/api/v1/events/${eventId}/registrations`, { token: admin })).json().items;
    expect(
      list.map((r: { name: string; status: string; waitlistPosition?: number }) => [
        r.name,
        r.status,
        r.waitlistPosition,
      ]),
    ).toEqual([
      ['Ada', 'cancelled', undefined],
      ['Bob', 'confirmed', undefined],
      ['Cy', 'confirmed', undefined],
      ['Dee', 'confirmed', undefined],
      ['Eve', 'waitlisted', 1],
    ]);
  });

  it('lowering the capacity below the confirmed count is refused; raising it promotes', async () => {
    const low = await t.api('PATCH', `/api/v1/events/${eventId}`, { token: admin, body: { capacity: 2 } });
    expect(low.statusCode).toBe(409);
    expect(low.json().detail).toContain('3 people are confirmed');
    // The room "Small" has 3 seats: more people need another room, or none.
    const over = await t.api('PATCH', `/api/v1/events/${eventId}`, { token: admin, body: { capacity: 5 } });
    expect(over.statusCode).toBe(400);
    expect(over.json().detail).toBe('Small has 3 seats: the capacity cannot be more than that (asked: 5).');
    const up = await t.api('PATCH', `/api/v1/events/${eventId}`, {
      token: admin,
      body: { room: null, capacity: 5 },
    });
    expect(up.json()).toMatchObject({ capacity: 5, confirmedCount: 4, waitlistCount: 0, room: null });
  });

  it('checks a ticket in once, and refuses a code from another event', async () => {
    const mine = await register('Fay');
    expect(mine.statusCode).toBe(201);
    const code = mine.json().checkInCode;
    expect(code).toMatch(/^[0-9A-F]{16}$/);
    const first = await t.api('POST', `/api/v1/events/${eventId}/check-ins`, {
      token: admin,
      body: { code: code.toLowerCase() },
    });
    expect(first.json()).toMatchObject({ name: 'Fay', alreadyCheckedIn: false });
    expect(
      (await t.api('POST', `/api/v1/events/${eventId}/check-ins`, { token: admin, body: { code } })).json()
        .alreadyCheckedIn,
    ).toBe(true);
    const other = (
      await create({
        title: 'Other',
        startsAt: inDays(30),
        endsAt: inDays(30, 19),
        capacity: 10,
        onlineUrl: 'https://meet.example.org/x',
      })
    ).json().id;
    const wrong = await t.api('POST', `/api/v1/events/${other}/check-ins`, { token: admin, body: { code } });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().detail).toBe('This ticket is for another event: "Small meetup".');
  });

  it('exports the list as CSV with the answers', async () => {
    const res = await t.api('GET', `/api/v1/events/${eventId}/registrations?format=csv`, { token: admin });
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('name,email,status,waitlist_position,registered_at,checked_in_at,attendance,Your role');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(/^Ada,ada@example.org,cancelled,,/);
  });

  it('cancelling the event cancels every registration and keeps the reason; registering then gets 409', async () => {
    const res = await t.api('POST', `/api/v1/events/${eventId}/cancel`, {
      token: admin,
      body: { reason: 'Speaker ill' },
    });
    expect(res.json()).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Speaker ill',
      confirmedCount: 0,
      waitlistCount: 0,
    });
    const late = await register('Gus');
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toBe('This event is cancelled: Speaker ill.');
  });

  it('refuses guests on a members-only event and past events', async () => {
    const membersOnly = (
      await create({
        title: 'Members',
        startsAt: inDays(40),
        endsAt: inDays(40, 19),
        capacity: 10,
        onlineUrl: 'https://meet.example.org/m',
        guestRegistration: false,
      })
    ).json().id;
    const guest = await t.api('POST', `/api/v1/events/${membersOnly}/registrations`, {
      body: { name: 'G', email: 'g@example.org' },
    });
    expect(guest.statusCode).toBe(409);
    expect(guest.json().detail).toContain('members only');
    const member = await t.user('member');
    const ok = await t.api('POST', `/api/v1/events/${membersOnly}/registrations`, { token: member.token, body: {} });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().email).toBe(member.user.email);
    const past = (
      await create({
        title: 'Past',
        startsAt: inDays(2),
        endsAt: inDays(2, 19),
        capacity: 10,
        onlineUrl: 'https://meet.example.org/p',
      })
    ).json().id;
    // Created in the future (the only way), then moved into the past.
    await t.database.pool.query(
      `UPDATE events SET starts_at = starts_at - interval '4 days', ends_at = ends_at - interval '4 days' WHERE id = $1`,
      [past],
    );
    const r = await t.api('POST', `/api/v1/events/${past}/registrations`, {
      body: { name: 'G', email: 'g@example.org' },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().detail).toContain('already started');
  });

  it('refuses a not-yet-open event and a full event without waitlist with 409 and the reason', async () => {
    const later = (
      await create({
        title: 'Opens later',
        startsAt: inDays(60),
        endsAt: inDays(60, 19),
        capacity: 10,
        onlineUrl: 'https://meet.example.org/o',
        registrationOpensAt: inDays(30),
      })
    ).json().id;
    const early = await t.api('POST', `/api/v1/events/${later}/registrations`, {
      body: { name: 'Early', email: 'early@example.org' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/^Registration opens at /);
    const closed = await create({
      title: 'Window',
      startsAt: inDays(60),
      endsAt: inDays(60, 19),
      capacity: 10,
      onlineUrl: 'https://meet.example.org/w',
      registrationOpensAt: inDays(30),
      registrationClosesAt: inDays(20),
    });
    expect(closed.statusCode).toBe(400);
    expect(closed.json().errors[0].field).toBe('registrationClosesAt');
    const tiny = (
      await create({
        title: 'No waitlist',
        startsAt: inDays(61),
        endsAt: inDays(61, 19),
        capacity: 1,
        waitlist: false,
        onlineUrl: 'https://meet.example.org/t',
      })
    ).json().id;
    expect(
      (await t.api('POST', `/api/v1/events/${tiny}/registrations`, { body: { name: 'One', email: 'one@example.org' } }))
        .statusCode,
    ).toBe(201);
    const full = await t.api('POST', `/api/v1/events/${tiny}/registrations`, {
      body: { name: 'Two', email: 'two@example.org' },
    });
    expect(full.statusCode).toBe(409);
    expect(full.json().detail).toBe('This event is full and has no waitlist.');
    expect((await t.api('GET', `/api/v1/events/${tiny}`)).json()).toMatchObject({
      confirmedCount: 1,
      waitlistCount: 0,
    });
  });
});
