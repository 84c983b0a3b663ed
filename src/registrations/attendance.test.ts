import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';

let t: TestApp;
let admin: string;
const day = (d: number, h: number) => new Date(Date.now() + d * 86_400_000 + h * 3_600_000).toISOString();

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  for (const name of ['Charleroi', 'Kortrijk'])
    await t.api('POST', '/api/v1/chapters', { token: admin, body: { name, city: name, status: 'active' } });
});
afterAll(() => t.close());

/** A new event starts in the future; a past one is created ahead and moved back (as time would). */
const event = async (chapter: string, d: number) => {
  const id = (
    await t.api('POST', `/api/v1/chapters/${chapter}/events`, {
      token: admin,
      body: {
        title: `${chapter} ${d}`,
        startsAt: day(Math.max(d, 1), 0),
        endsAt: day(Math.max(d, 1), 2),
        capacity: 10,
        onlineUrl: 'https://meet.example.org/x',
      },
    })
  ).json().id as string;
  if (d < 1)
    await t.database.pool.query(
      `UPDATE events SET starts_at = starts_at - $2 * interval '1 day', ends_at = ends_at - $2 * interval '1 day' WHERE id = $1`,
      [id, 1 - d],
    );
  return id;
};
const add = async (eventId: string, name: string) =>
  (
    await t.api('POST', `/api/v1/events/${eventId}/attendees`, {
      token: admin,
      body: { name, email: `${name.toLowerCase()}@example.org` },
    })
  ).json();

it('knows no-shows per event and per person once events have ended', async () => {
  const past1 = await event('charleroi', -10);
  const past2 = await event('kortrijk', -3);
  const future = await event('charleroi', 5);
  const ada1 = await add(past1, 'Ada');
  await add(past2, 'Ada');
  await add(future, 'Ada');
  await add(past1, 'Bob');
  const code = (await t.database.pool.query('SELECT check_in_code FROM registrations WHERE id = $1', [ada1.id])).rows[0]
    .check_in_code;
  expect((await t.api('POST', `/api/v1/events/${past1}/check-ins`, { token: admin, body: { code } })).statusCode).toBe(
    200,
  );

  const perEvent = (await t.api('GET', `/api/v1/events/${past1}/registrations`, { token: admin })).json().items;
  expect(perEvent.map((r: { name: string; attendance: string }) => [r.name, r.attendance])).toEqual([
    ['Ada', 'attended'],
    ['Bob', 'no-show'],
  ]);

  const ada = (await t.api('GET', '/api/v1/attendance?email=ADA@example.org', { token: admin })).json();
  expect(ada).toMatchObject({ email: 'ada@example.org', registered: 3, attended: 1, noShows: 1 });
  expect(
    ada.items.map((i: { event: { title: string }; attendance: string | null }) => [i.event.title, i.attendance]),
  ).toEqual([
    ['charleroi 5', null],
    ['kortrijk -3', 'no-show'],
    ['charleroi -10', 'attended'],
  ]);

  // An organiser of Charleroi sees only Charleroi's events; a plain member sees nothing.
  const organiser = await t.user('member');
  await t.api('POST', '/api/v1/chapters/charleroi/organizers', { token: admin, body: { email: organiser.user.email } });
  const scoped = (await t.api('GET', '/api/v1/attendance?email=ada@example.org', { token: organiser.token })).json();
  expect(scoped).toMatchObject({ registered: 2, attended: 1, noShows: 0 });
  const member = await t.user('member');
  expect((await t.api('GET', '/api/v1/attendance?email=ada@example.org', { token: member.token })).statusCode).toBe(
    403,
  );
});

it('limits new registrations per e-mail address', async () => {
  const ids = [];
  for (let i = 0; i < 11; i++) ids.push(await event('kortrijk', 20 + i));
  const statuses = [];
  for (const id of ids)
    statuses.push(
      (await t.api('POST', `/api/v1/events/${id}/registrations`, { body: { name: 'Spam', email: 'spam@example.org' } }))
        .statusCode,
    );
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(201));
  expect(statuses[10]).toBe(429);
  // A repeat of an existing registration is not a new one: still answered.
  expect(
    (
      await t.api('POST', `/api/v1/events/${ids[0]}/registrations`, {
        body: { name: 'Spam', email: 'spam@example.org' },
      })
    ).statusCode,
  ).toBe(202);
});
