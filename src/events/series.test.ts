import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { createEvent, extendSeries, HORIZON_MONTHS } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const admin = (await t.user('admin')).token;
  await t.api('POST', '/api/v1/chapters', {
    token: admin,
    body: { name: 'Charleroi', city: 'Charleroi', status: 'active' },
  });
});
afterAll(() => t.close());

it('materialises an open-ended series twelve months ahead and extends it as time passes, once', async () => {
  const now = new Date('2027-01-01T00:00:00Z');
  const { event, occurrences } = await createEvent(
    t.database.db,
    t.network,
    'charleroi',
    {
      title: 'IT day',
      description: '',
      kind: 'it-day',
      startsAt: new Date('2027-01-07T17:30:00Z'),
      endsAt: new Date('2027-01-07T21:00:00Z'),
      timeZone: 'Europe/Brussels',
      onlineUrl: 'https://meet.example.org/it',
      capacity: 50,
      waitlist: true,
      guestRegistration: true,
      questions: [],
      speakers: [],
      status: 'published',
      recurrence: { rrule: 'FREQ=MONTHLY;BYDAY=1TH', exdates: [] },
    },
    now,
  );
  expect(HORIZON_MONTHS).toBe(12);
  expect(occurrences).toBe(12);
  // An edit to the latest occurrence is what the new ones copy.
  const count = async () =>
    (await t.database.pool.query('SELECT count(*)::int AS n FROM events WHERE series_id = $1', [event.seriesId]))
      .rows[0].n as number;
  expect(await extendSeries(t.database.db, now)).toBe(0);
  const later = new Date('2027-04-15T00:00:00Z');
  expect(await extendSeries(t.database.db, later)).toBe(4);
  expect(await extendSeries(t.database.db, later)).toBe(0);
  expect(await count()).toBe(16);
  const last = (
    await t.database.pool.query('SELECT starts_at FROM events WHERE series_id = $1 ORDER BY starts_at DESC LIMIT 1', [
      event.seriesId,
    ])
  ).rows[0].starts_at as Date;
  // First Thursday of April 2028, 18:30 Brussels summer time.
  expect(last.toISOString()).toBe('2028-04-06T16:30:00.000Z');
});
