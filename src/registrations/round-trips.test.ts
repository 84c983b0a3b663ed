import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { inDays } from '../../test/support/factories.js';

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
afterEach(() => {
  pg.Client.prototype.query = original;
  log = undefined;
});
/** Records every statement sent on any pg client while `run` runs. */
async function recording<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  log = statements;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const q = args[0] as string | { text: string };
    log?.push(typeof q === 'string' ? q : q.text);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
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
    expect((await register(id, 'early@example.org')).statusCode).toBe(201);

    const emails = [...Array.from({ length: 40 }, (_, i) => `crowd${i}@example.org`), 'early@example.org'];
    const { result, statements } = await recording(() => Promise.all(emails.map((e) => register(id, e))));
    expect(result.filter((r) => r.statusCode === 201)).toHaveLength(40);
    expect(result.filter((r) => r.statusCode === 202)).toHaveLength(1);

    const batches = statements.filter((s) => /^\s*begin\b/i.test(s)).length;
    expect(batches).toBeGreaterThan(0);
    // BEGIN, the event locked, the batch's state (counts, recent, repeats and their places), the
    // rows with the event's counter, the webhook endpoints locked, their deliveries, the
    // organisers' notices, the attendees' mails, COMMIT. It was 14 to 15 (three state queries, a
    // ranking for repeats, the counter apart, endpoints read then locked, organisers read then
    // written, repeats' links apart).
    const perBatch = statements.length / batches;
    console.info(`registration burst: ${statements.length} statements in ${batches} batches`);
    expect(perBatch).toBeLessThanOrEqual(9);
  });
});
