import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { inDays } from '../../test/support/factories.js';
import { saveProfile } from '../profiles/service.js';
import { GOING_SHOWN } from './going.js';
import { registerForEvent, registrationBurst } from './service.js';

// A flash crowd is written one batch transaction at a time per event (that keeps the waitlist in
// arrival order), so what a batch costs in round trips to PostgreSQL is what bounds the crowd's
// speed (docs/DECISIONS.md, "Flash crowd"). Counted here, statement by statement, on the
// connections the app uses.

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp({ allowPrivateWebhooks: true });
  admin = (await t.user('admin')).token;
  await t.api('POST', '/api/v1/chapters', { token: admin, body: { name: 'Ath', city: 'Ath', status: 'active' } });
});
afterAll(() => t.close());

const original = pg.Client.prototype.query;
let log: string[] | undefined;
/** For each batch write answered: how many statements had been sent by then. */
const answers: number[] = [];
afterEach(() => {
  pg.Client.prototype.query = original;
  log = undefined;
});
/** Records every statement sent on any pg client while `run` runs. */
async function recording<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  log = statements;
  answers.length = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const q = args[0] as string | { text: string };
    const text = typeof q === 'string' ? q : q.text;
    log?.push(text);
    // When a batch's write is answered, in the order of what was sent (see "read while written").
    const answered = () => answers.push(log?.length ?? 0);
    const last = args.length - 1;
    const callback = args[last];
    if (text.includes('batch_guard') && typeof callback === 'function')
      args[last] = (...r: unknown[]) => {
        answered();
        return (callback as (...a: unknown[]) => unknown)(...r);
      };
    const sent = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (text.includes('batch_guard') && typeof callback !== 'function') void (sent as Promise<unknown>).then(answered);
    return sent;
  } as typeof original;
  try {
    return { result: await run(), statements };
  } finally {
    pg.Client.prototype.query = original;
    log = undefined;
  }
}

async function event(capacity: number): Promise<string> {
  const res = await t.api('POST', '/api/v1/chapters/ath/events', {
    token: admin,
    body: {
      title: 'Burst',
      startsAt: inDays(40),
      endsAt: inDays(40, 19),
      capacity,
      waitlist: true,
      onlineUrl: 'https://meet.example.org/b',
    },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const register = (id: string, email: string) =>
  t.api('POST', `/api/v1/events/${id}/registrations`, { body: { name: email.split('@')[0], email } });

describe('a registration batch', () => {
  it('costs a handful of round trips, whatever its size (seats, waitlist, repeats, webhooks, organisers)', async () => {
    const id = await event(5);
    // An organiser to notify and a webhook endpoint listening: the batch queues for both.
    const organiser = await t.user('member');
    await t.api('POST', '/api/v1/chapters/ath/organizers', { token: admin, body: { email: organiser.user.email } });
    const hook = await t.api('POST', '/api/v1/webhooks', {
      token: admin,
      body: { url: 'http://127.0.0.1:9/in', events: ['registration.created'] },
    });
    expect(hook.statusCode, hook.body).toBe(201);
    // Someone already there, who comes again inside the burst.
    const early = await register(id, 'early@example.org');
    expect(early.statusCode, early.body).toBe(201);

    const emails = [...Array.from({ length: 40 }, (_, i) => `crowd${i}@example.org`), 'early@example.org'];
    const { result, statements } = await recording(() => Promise.all(emails.map((e) => register(id, e))));
    expect(result.filter((r) => r.statusCode === 201)).toHaveLength(40);
    expect(result.filter((r) => r.statusCode === 202)).toHaveLength(1);

    // Two statements per batch: the reading (the event with its version, counts, recent, repeats
    // and their places) and the write (the event locked and checked, the rows, the event's counter,
    // the webhook endpoints locked and their deliveries, the organisers' notices, the attendees'
    // mails). No BEGIN or COMMIT: the write is one statement. It was 8, and 14 to 15 before that.
    // A batch's reading is sent while the batch before it is written, so a batch waits for one
    // round trip, its write, instead of two.
    const batches = statements.filter((s) => s.includes('batch_guard')).length;
    expect(batches).toBeGreaterThan(0);
    console.info(`registration burst: ${statements.length} statements in ${batches} batches`);
    expect(statements.filter((s) => /^\s*(begin|commit)\b/i.test(s))).toEqual([]);
    expect(statements.length).toBe(2 * batches);
    // Read while written: the second batch's reading went out before the first batch's write was answered.
    const writes = statements.flatMap((s, i) => (s.includes('batch_guard') ? [i] : []));
    const readings = statements.flatMap((s, i) => (s.includes('batch_recent') ? [i] : []));
    expect(readings[1]).toBeGreaterThan(writes[0]!);
    expect(readings[1]).toBeLessThan(answers[0]!);

    // And everything a batch writes was written.
    const { rows } = await t.database.pool.query(
      `SELECT (SELECT count(*)::int FROM webhook_deliveries d JOIN registrations r ON r.id = (d.payload->'data'->>'id')::uuid
                WHERE r.event_id::text = $1) AS deliveries,
              (SELECT count(*)::int FROM outbound_messages WHERE kind = 'organizer.registrations' AND payload->>'eventId' = $1) AS notices,
              (SELECT json_object_agg(kind, n) FROM (SELECT kind, count(*)::int AS n FROM outbound_messages m
                 JOIN registrations r ON r.id = (m.payload->>'registrationId')::uuid WHERE r.event_id::text = $1 GROUP BY kind) k) AS mails`,
      [id],
    );
    expect(rows[0]).toEqual({
      deliveries: 41,
      notices: 1,
      mails: {
        'registration.confirmed': 5,
        'registration.reminder': 5,
        'registration.waitlisted': 36,
        'registration.link': 1,
      },
    });
  });

  it('reads again under the lock when the event changed between its reading and its write', async () => {
    const id = await event(2);
    const first = await register(id, 'first@example.org');
    expect((await register(id, 'second@example.org')).statusCode).toBe(201);
    // Between the batch's reading (the event full) and its write, someone with a seat cancels:
    // the write must be refused and the batch decided again, so the newcomer gets the free seat.
    const { statements } = await recording(async () => {
      const send = pg.Client.prototype.query;
      let cancelled = false;
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const q = args[0] as string | { text: string };
        const text = typeof q === 'string' ? q : q.text;
        if (!cancelled && text.includes('batch_guard')) {
          cancelled = true;
          return t.database.pool
            .query(`UPDATE registrations SET status = 'cancelled' WHERE id = $1`, [first.json().id])
            .then(() => (send as (...a: unknown[]) => unknown).apply(this, args));
        }
        return (send as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof send;
      const late = await register(id, 'late@example.org');
      expect(late.statusCode, late.body).toBe(201);
      expect(late.json().status).toBe('confirmed');
    });
    // The refused write, then BEGIN, the event locked, the reading, the write, COMMIT.
    expect(statements.filter((s) => s.includes('batch_guard'))).toHaveLength(2);
    expect(statements.some((s) => /^\s*begin\b/i.test(s))).toBe(true);
    const after = await t.api('GET', `/api/v1/events/${id}`, { token: admin });
    expect([after.json().confirmedCount, after.json().waitlistCount]).toEqual([2, 0]);
  });

  it('tells the mail worker a burst is being written, until a moment after its last batch', async () => {
    const id = await event(3);
    await new Promise((r) => setTimeout(r, 300));
    expect(registrationBurst()).toBe(false);
    const written = registerForEvent(t.database.db, t.network, id, {
      name: 'Burst',
      email: 'burst@example.org',
      answers: {},
    });
    expect(registrationBurst()).toBe(true);
    expect((await written).registration.status).toBe('confirmed');
    await new Promise((r) => setTimeout(r, 300));
    expect(registrationBurst()).toBe(false);
  });
});

describe('the public event page', () => {
  it('reads who’s going in one statement, names and how many more together', async () => {
    const id = await event(GOING_SHOWN + 5);
    for (let i = 0; i < GOING_SHOWN + 2; i++) {
      const p = await t.user('member');
      await saveProfile(t.database.db, p.user, { name: `Crowd ${i}`, attendanceVisible: true });
      const res = await t.api('POST', `/api/v1/events/${id}/registrations`, {
        token: p.token,
        body: { name: `Crowd ${i}`, email: p.user.email },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const url = (await t.api('GET', `/api/v1/events/${id}`)).json().url as string;
    // A page-cache miss: the page as its first anonymous reader gets it, every read counted.
    const { result, statements } = await recording(() => t.app.inject({ url, headers: { 'accept-language': 'en' } }));
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('and 2 more members');
    // The event, its chapter, its counts, its programme, its corrections, and who's going: the
    // names and how many more in one statement (it was two, the count asked apart: 7 statements).
    expect(statements.filter((s) => s.includes('attendance_visible'))).toHaveLength(1);
    expect(statements).toHaveLength(6);
  });
});
