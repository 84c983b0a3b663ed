import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { inDays, register } from '../../test/support/factories.js';

let t: TestApp;
let admin: string;
let venue: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  venue = (
    await t.api('POST', '/api/v1/venues', {
      token: admin,
      body: { name: 'Crowd Hall', city: 'Mons', rooms: [{ name: 'Main', capacity: 50 }] },
    })
  ).json().slug;
  expect(
    (await t.api('POST', '/api/v1/chapters', { token: admin, body: { name: 'Mons', city: 'Mons', status: 'active' } }))
      .statusCode,
  ).toBe(201);
});
afterAll(() => t.close());

let eventNo = 0;
/** A fresh published event far in the future; each in its own day so the room is never double-booked. */
async function newEvent(capacity: number, inRoom = false): Promise<string> {
  const day = 200 + ++eventNo;
  const where = inRoom ? { venue, room: 'Main' } : { venue, onlineUrl: 'https://meet.example.org/crowd' };
  const res = await t.api('POST', '/api/v1/chapters/mons/events', {
    token: admin,
    body: {
      title: `Crowd ${eventNo}`,
      startsAt: inDays(day),
      endsAt: inDays(day, 19),
      capacity,
      waitlist: true,
      ...where,
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const eventView = async (eventId: string) => (await t.api('GET', `/api/v1/events/${eventId}`)).json();

interface Row {
  id: string;
  email: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  queue_no: number;
}
/** Every registration of the event, straight from the database, in arrival order. */
async function rowsOf(eventId: string): Promise<Row[]> {
  return (
    await t.database.pool.query<Row>(
      'SELECT id, email, status, queue_no FROM registrations WHERE event_id = $1 ORDER BY queue_no',
      [eventId],
    )
  ).rows;
}

/** The waitlist as organisers see it through the API, all of it in one page. */
async function waitlistOf(eventId: string): Promise<{ id: string; email: string; waitlistPosition: number }[]> {
  const res = await t.api('GET', `/api/v1/events/${eventId}/registrations?status=waitlisted&limit=500`, {
    token: admin,
  });
  expect(res.statusCode).toBe(200);
  expect(res.json().nextCursor).toBeNull();
  return res.json().items;
}

const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('flash crowd', () => {
  it('500 simultaneous registrations for 50 seats: exactly 50 confirmed, a gap-free waitlist in arrival order', async () => {
    const eventId = await newEvent(50, true);
    const crowd = 500;
    const emails = Array.from({ length: crowd }, (_, i) => `fan${i}@crowd.example.org`);
    const pool = t.database.pool;
    const responses = await Promise.all(emails.map((email) => register(t, eventId, { email })));
    // The requests really overlapped: they were written by far fewer transactions than people
    // (xmin is the id of the transaction that inserted a row).
    const transactions = (
      await pool.query('SELECT count(DISTINCT xmin::text)::int AS n FROM registrations WHERE event_id = $1', [eventId])
    ).rows[0].n as number;
    expect(transactions).toBeGreaterThanOrEqual(1);
    expect(transactions).toBeLessThan(crowd / 5);

    expect(responses.map((r) => r.statusCode)).toEqual(emails.map(() => 201));
    const bodies = responses.map((r) => r.json());
    const confirmed = bodies.filter((b) => b.status === 'confirmed');
    const waitlisted = bodies.filter((b) => b.status === 'waitlisted');
    expect(confirmed).toHaveLength(50);
    expect(waitlisted).toHaveLength(crowd - 50);
    // Counted one after the other: each waitlisted answer got its own place, none twice, none skipped.
    expect(waitlisted.map((b) => b.waitlistPosition).sort((a, b) => a - b)).toEqual(oneTo(crowd - 50));
    expect(confirmed.every((b) => b.waitlistPosition === undefined && /^[0-9A-F]{16}$/.test(b.checkInCode))).toBe(true);
    expect(new Set(bodies.map((b) => b.id)).size).toBe(crowd);

    // The database: one row per e-mail, arrival numbers 1..500, the first 50 arrivals hold the seats.
    const rows = await rowsOf(eventId);
    expect(rows).toHaveLength(crowd);
    expect(new Set(rows.map((r) => r.email))).toEqual(new Set(emails));
    expect(rows.map((r) => r.queue_no)).toEqual(oneTo(crowd));
    expect(rows.slice(0, 50).every((r) => r.status === 'confirmed')).toBe(true);
    expect(rows.slice(50).every((r) => r.status === 'waitlisted')).toBe(true);

    // The organisers' list: positions 1..N in arrival order, matching what each person was told.
    const list = await waitlistOf(eventId);
    expect(list.map((r) => r.waitlistPosition)).toEqual(oneTo(crowd - 50));
    expect(list.map((r) => r.id)).toEqual(rows.slice(50).map((r) => r.id));
    const told = new Map(waitlisted.map((b) => [b.id, b.waitlistPosition]));
    expect(list.every((r) => told.get(r.id) === r.waitlistPosition)).toBe(true);

    expect(await eventView(eventId)).toMatchObject({
      capacity: 50,
      confirmedCount: 50,
      waitlistCount: crowd - 50,
      seatsLeft: 0,
    });
  });

  it('50 simultaneous submissions of one e-mail make one registration', async () => {
    const eventId = await newEvent(10);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => register(t, eventId, { email: 'Eager@Crowd.example.org' })),
    );
    const codes = responses.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 202)).toHaveLength(49);
    const created = responses.find((r) => r.statusCode === 201)!.json();
    expect(created).toMatchObject({ status: 'confirmed', email: 'eager@crowd.example.org' });
    expect(created.manageUrl).toBeTypeOf('string');
    // The repeats learn nothing of the registration; its owner is sent the link (once while one waits).
    for (const r of responses.filter((x) => x.statusCode === 202)) expect(Object.keys(r.json())).toEqual(['message']);
    const rows = await rowsOf(eventId);
    expect(rows.map((r) => [r.id, r.status, r.queue_no])).toEqual([[created.id, 'confirmed', 1]]);
    expect(await eventView(eventId)).toMatchObject({ confirmedCount: 1, waitlistCount: 0 });
  });

  it('cancellations and capacity raises in the middle of a crowd leave no seat empty and nobody promoted twice', async () => {
    const eventId = await newEvent(5);
    const first = await Promise.all(
      Array.from({ length: 40 }, (_, i) => register(t, eventId, { email: `early${i}@crowd.example.org` })),
    );
    expect(first.every((r) => r.statusCode === 201)).toBe(true);
    const ids = first.map((r) => r.json().id as string);
    // Cancel 15 of them (confirmed and waitlisted alike), raise the capacity three times, and let 40 more arrive, all at once.
    const chaos = [
      ...ids
        .filter((_, i) => i % 2 === 0)
        .slice(0, 15)
        .map((id) => t.api('POST', `/api/v1/registrations/${id}/cancel`, { token: admin })),
      ...[8, 12, 20].map((capacity) =>
        t.api('PATCH', `/api/v1/events/${eventId}`, { token: admin, body: { capacity } }),
      ),
      ...Array.from({ length: 40 }, (_, i) => register(t, eventId, { email: `late${i}@crowd.example.org` })),
    ];
    const answers = await Promise.all(chaos);
    // A raise may be refused (409) when a later, lower one finds more people confirmed; nothing else fails.
    expect(
      answers.every(
        (r) =>
          [200, 201].includes(r.statusCode) ||
          (r.statusCode === 409 && r.json().detail.includes('capacity cannot go below')),
      ),
    ).toBe(true);

    const { capacity, confirmedCount, waitlistCount } = await eventView(eventId);
    const rows = await rowsOf(eventId);
    const live = rows.filter((r) => r.status !== 'cancelled');
    expect(rows.filter((r) => r.status === 'cancelled')).toHaveLength(15);
    expect(live).toHaveLength(65);
    expect(new Set(live.map((r) => r.email)).size).toBe(65);
    expect(confirmedCount).toBe(Math.min(capacity, live.length));
    expect(waitlistCount).toBe(live.length - confirmedCount);
    const list = await waitlistOf(eventId);
    expect(list.map((r) => r.waitlistPosition)).toEqual(oneTo(waitlistCount));
    expect(list.map((r) => r.id)).toEqual(live.filter((r) => r.status === 'waitlisted').map((r) => r.id));
  });
});

// ---------------------------------------------------------------------------------------------
// Property: any sequence of registrations, repeats, cancellations, capacity changes and an event
// cancellation keeps the real state equal to a simple model, checked after every step.

type Action =
  | { kind: 'register' }
  | { kind: 'again'; pick: number }
  | { kind: 'cancel'; pick: number }
  | { kind: 'capacity'; value: number }
  | { kind: 'cancelEvent' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'register' as const }), weight: 6 },
  { arbitrary: fc.nat(1000).map((pick) => ({ kind: 'again' as const, pick })), weight: 2 },
  { arbitrary: fc.nat(1000).map((pick) => ({ kind: 'cancel' as const, pick })), weight: 3 },
  { arbitrary: fc.integer({ min: 1, max: 12 }).map((value) => ({ kind: 'capacity' as const, value })), weight: 2 },
  { arbitrary: fc.constant({ kind: 'cancelEvent' as const }), weight: 1 },
);

type Status = Row['status'];
interface Entry {
  id: string;
  email: string;
  status: Status;
}
interface Model {
  capacity: number;
  cancelled: boolean;
  entries: Entry[] /* every registration, in arrival order */;
}

const live = (m: Model) => m.entries.filter((e) => e.status !== 'cancelled');
const countOf = (m: Model, s: Status) => m.entries.filter((e) => e.status === s).length;
const positionIn = (m: Model, e: Entry) =>
  e.status === 'waitlisted' ? m.entries.filter((x) => x.status === 'waitlisted').indexOf(e) + 1 : undefined;
/** The rule the model enforces: a free seat goes to the earliest arrival still waiting. */
function fill(m: Model) {
  if (m.cancelled) return;
  for (const e of m.entries)
    if (e.status === 'waitlisted' && countOf(m, 'confirmed') < m.capacity) e.status = 'confirmed';
}

let personNo = 0;

async function step(eventId: string, m: Model, a: Action, log: string[]) {
  switch (a.kind) {
    case 'register':
    case 'again': {
      const used = [...new Set(m.entries.map((e) => e.email))];
      const email = a.kind === 'again' && used.length ? used[a.pick % used.length]! : `p${++personNo}@prop.example.org`;
      const res = await register(t, eventId, { email });
      const current = m.entries.find((e) => e.email === email && e.status !== 'cancelled');
      // The per-e-mail limit (10 a minute, cancelled ones included) — the whole run lasts far less than a minute.
      const tooMany = m.entries.filter((e) => e.email === email).length >= 10;
      log.push(`${a.kind} ${email} -> ${res.statusCode}`);
      if (m.cancelled) {
        expect(res.statusCode).toBe(409);
        expect(res.json().detail).toContain('This event is cancelled');
      } else if (current) {
        expect(res.statusCode).toBe(202);
        expect(res.json()).not.toHaveProperty('status');
      } else if (tooMany) {
        expect(res.statusCode).toBe(429);
      } else {
        expect(res.statusCode).toBe(201);
        const entry: Entry = {
          id: res.json().id,
          email,
          status: countOf(m, 'confirmed') < m.capacity ? 'confirmed' : 'waitlisted',
        };
        m.entries.push(entry);
        expect(res.json().status).toBe(entry.status);
        expect(res.json().waitlistPosition).toBe(positionIn(m, entry));
      }
      return;
    }
    case 'cancel': {
      const pool = live(m).length ? live(m) : m.entries;
      if (!pool.length) return void log.push('cancel (nobody)');
      const entry = pool[a.pick % pool.length]!;
      const res = await t.api('POST', `/api/v1/registrations/${entry.id}/cancel`, { token: admin });
      log.push(`cancel ${entry.email} (${entry.status}) -> ${res.statusCode}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('cancelled');
      entry.status = 'cancelled';
      fill(m);
      return;
    }
    case 'capacity': {
      const res = await t.api('PATCH', `/api/v1/events/${eventId}`, { token: admin, body: { capacity: a.value } });
      log.push(`capacity ${m.capacity} -> ${a.value} (confirmed ${countOf(m, 'confirmed')}) -> ${res.statusCode}`);
      if (m.cancelled) {
        expect(res.statusCode).toBe(409);
      } else if (a.value < countOf(m, 'confirmed')) {
        expect(res.statusCode).toBe(409);
        expect(res.json().detail).toContain(`the capacity cannot go below ${countOf(m, 'confirmed')}`);
      } else {
        expect(res.statusCode).toBe(200);
        m.capacity = a.value;
        fill(m);
        expect(res.json()).toMatchObject({
          capacity: m.capacity,
          confirmedCount: countOf(m, 'confirmed'),
          waitlistCount: countOf(m, 'waitlisted'),
        });
      }
      return;
    }
    case 'cancelEvent': {
      const res = await t.api('POST', `/api/v1/events/${eventId}/cancel`, {
        token: admin,
        body: { reason: 'Property test' },
      });
      log.push(`cancel event -> ${res.statusCode}`);
      expect(res.statusCode).toBe(m.cancelled ? 409 : 200);
      m.cancelled = true;
      for (const e of m.entries) e.status = 'cancelled';
      return;
    }
  }
}

/** The real state (database and API) against the model. */
async function check(eventId: string, m: Model) {
  const rows = await rowsOf(eventId);
  // Nobody lost, nobody twice: the same registrations, in the same arrival order, with the model's statuses.
  expect(rows.map((r) => [r.id, r.email, r.status])).toEqual(m.entries.map((e) => [e.id, e.email, e.status]));
  const liveRows = rows.filter((r) => r.status !== 'cancelled');
  expect(new Set(liveRows.map((r) => r.email)).size).toBe(liveRows.length);
  expect(new Set(rows.map((r) => r.queue_no)).size).toBe(rows.length);

  const view = await eventView(eventId);
  const confirmed = rows.filter((r) => r.status === 'confirmed').length;
  const waiting = rows.filter((r) => r.status === 'waitlisted');
  expect(view).toMatchObject({
    capacity: m.capacity,
    confirmedCount: confirmed,
    waitlistCount: waiting.length,
    status: m.cancelled ? 'cancelled' : 'published',
  });
  expect(confirmed).toBeLessThanOrEqual(view.capacity);
  if (m.cancelled) {
    expect(liveRows).toEqual([]);
  } else {
    // No seat left empty while someone waits.
    expect(confirmed).toBe(Math.min(view.capacity, liveRows.length));
  }
  const list = await waitlistOf(eventId);
  expect(list.map((r) => r.waitlistPosition)).toEqual(oneTo(waiting.length));
  expect(list.map((r) => r.id)).toEqual(m.entries.filter((e) => e.status === 'waitlisted').map((e) => e.id));
}

describe('registrations against a model', () => {
  it('random registrations, repeats, cancellations, capacity changes and event cancellation keep seats, waitlist and counts right', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(action, { minLength: 1, maxLength: 30 }),
        async (capacity, actions) => {
          const eventId = await newEvent(capacity);
          const m: Model = { capacity, cancelled: false, entries: [] };
          const log: string[] = [`capacity ${capacity}`];
          try {
            for (const a of actions) {
              await step(eventId, m, a, log);
              await check(eventId, m);
            }
          } catch (err) {
            (err as Error).message += `\nSteps:\n  ${log.join('\n  ')}`;
            throw err;
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);
});
