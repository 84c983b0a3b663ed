import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeEvent, register } from '../../test/support/factories.js';

// POST /events/{id}/attendees (organisers add a person by hand) answers a repeat with the existing
// registration and its status — unlike the public POST /registrations (point 19 of issue 16),
// which answers 202 without it. The difference is deliberate: only the people who run the event
// reach this route, and they already see every registration and its status in the list. What
// must hold is that nobody else learns the status through it, and that a repeat changes nothing.

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
});
afterAll(() => t.close());

const mails = async (email: string) =>
  Number(
    (await t.database.pool.query('SELECT count(*) AS n FROM outbound_messages WHERE to_email = $1', [email])).rows[0].n,
  );

describe('an organiser adds someone already registered', () => {
  it('gets the existing registration back (200, as the list shows it): no second row, no e-mail', async () => {
    const chapter = await makeChapter(t, admin);
    const organiser = await t.user('member');
    await t.api('POST', `/api/v1/chapters/${chapter.slug}/organizers`, {
      token: admin,
      body: { email: organiser.user.email },
    });
    const event = await makeEvent(t, admin, chapter.slug, { capacity: 1 });
    expect((await register(t, event.id, { name: 'First', email: 'first@example.org' })).statusCode).toBe(201);
    const waiting = await register(t, event.id, { name: 'Ada', email: 'ada@example.org' });
    expect(waiting.json().status).toBe('waitlisted');
    const before = await mails('ada@example.org');

    const again = await t.api('POST', `/api/v1/events/${event.id}/attendees`, {
      token: organiser.token,
      body: { name: 'Ada Lovelace', email: 'ada@example.org' },
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: waiting.json().id, status: 'waitlisted', waitlistPosition: 1 });

    const list = await t.api('GET', `/api/v1/events/${event.id}/registrations`, { token: organiser.token });
    const rows = (list.json().items as { email: string; status: string }[]).filter(
      (r) => r.email === 'ada@example.org',
    );
    expect(rows).toEqual([expect.objectContaining({ status: 'waitlisted' })]);
    expect(await mails('ada@example.org')).toBe(before);

    const fresh = await t.api('POST', `/api/v1/events/${event.id}/attendees`, {
      token: organiser.token,
      body: { name: 'New', email: 'new@example.org' },
    });
    expect(fresh.statusCode, fresh.body).toBe(201);
  });

  it('tells nobody else the status: a member 403, a visitor 401, neither with a registration in the body', async () => {
    const chapter = await makeChapter(t, admin);
    const event = await makeEvent(t, admin, chapter.slug);
    const made = await register(t, event.id, { name: 'Bea', email: 'bea@example.org' });
    expect(made.statusCode).toBe(201);
    const member = await t.user('member');
    for (const [token, status] of [
      [member.token, 403],
      [undefined, 401],
    ] as const) {
      const res = await t.api('POST', `/api/v1/events/${event.id}/attendees`, {
        ...(token ? { token } : {}),
        body: { name: 'Bea', email: 'bea@example.org' },
      });
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body).not.toMatch(/confirmed|waitlist|"id"/);
    }
  });
});
