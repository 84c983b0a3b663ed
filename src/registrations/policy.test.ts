import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeEvent, register } from '../../test/support/factories.js';
import { eventPolicy } from '../events/policy.js';
import { findEvent } from '../events/service.js';
import { registrationPolicy } from './policy.js';
import { findRegistration } from './service.js';

// The rules asked by the registration routes and pages alike, checked on their own.

let t: TestApp;
let admin: { token: string; user: Awaited<ReturnType<TestApp['user']>>['user'] };
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
});
afterAll(() => t.close());

async function scene() {
  const chapter = await makeChapter(t, admin.token);
  const other = await makeChapter(t, admin.token);
  const organiser = await t.user('member');
  const res = await t.api('POST', `/api/v1/chapters/${chapter.slug}/organizers`, {
    token: admin.token,
    body: { email: organiser.user.email },
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  const attendee = await t.user('member');
  const event = await makeEvent(t, admin.token, chapter.slug);
  const made = await register(t, event.id, { name: 'Attendee', email: attendee.user.email }, { token: attendee.token });
  expect(made.statusCode, made.body).toBe(201);
  const guest = await register(t, event.id, { name: 'Guest' });
  expect(guest.statusCode, guest.body).toBe(201);
  const db = t.database.db;
  return {
    chapter,
    other,
    organiser: organiser.user,
    attendee: attendee.user,
    stranger: (await t.user('member')).user,
    event: await findEvent(db, t.network, event.id),
    own: await findRegistration(db, t.network, made.json().id),
    guest: await findRegistration(db, t.network, guest.json().id),
  };
}

describe('registrationPolicy', () => {
  it('lets the attendee (by account or secret link) and the people who run the event manage a registration', async () => {
    const s = await scene();
    const db = t.database.db;
    expect(registrationPolicy.isAttendee(s.attendee, s.own, undefined)).toBe(true);
    expect(registrationPolicy.isAttendee(null, s.guest, s.guest.secret)).toBe(true);
    // Another last character (one secret in 64 ends with any given one).
    const wrong = `${s.guest.secret.slice(0, -1)}${s.guest.secret.endsWith('x') ? 'y' : 'x'}`;
    expect(registrationPolicy.isAttendee(null, s.guest, wrong)).toBe(false);
    expect(registrationPolicy.isAttendee(s.stranger, s.guest, undefined)).toBe(false);
    expect(registrationPolicy.isAttendee(s.attendee, s.guest, undefined)).toBe(false);

    expect(await registrationPolicy.manage(db, s.organiser, s.guest, s.event, undefined)).toBe(true);
    expect(await registrationPolicy.manage(db, admin.user, s.guest, s.event, undefined)).toBe(true);
    expect(await registrationPolicy.manage(db, s.stranger, s.guest, s.event, undefined)).toBe(false);
    expect(await registrationPolicy.manage(db, null, s.guest, s.event, undefined)).toBe(false);

    expect(await registrationPolicy.runEvent(db, s.organiser, s.event)).toBe(true);
    expect(await registrationPolicy.runEvent(db, s.attendee, s.event)).toBe(false);
  });

  it("scopes attendance to every chapter for admins, to one's own chapters for organisers, to none otherwise", async () => {
    const s = await scene();
    const db = t.database.db;
    expect(await registrationPolicy.attendanceScope(db, t.network, admin.user)).toBe('all');
    const scope = await registrationPolicy.attendanceScope(db, t.network, s.organiser);
    expect(scope).toEqual([s.chapter.id]);
    expect(await registrationPolicy.attendanceScope(db, t.network, s.stranger)).toEqual([]);
    expect(await registrationPolicy.attendanceScope(db, t.network, null)).toEqual([]);
  });
});

describe('eventPolicy.see', () => {
  it('shows a draft to the people who run it only, a published event to everyone', async () => {
    const s = await scene();
    const db = t.database.db;
    const draft = await findEvent(
      db,
      t.network,
      (await makeEvent(t, admin.token, s.chapter.slug, { status: 'draft' })).id,
    );
    expect(await eventPolicy.see(db, s.organiser, draft)).toBe(true);
    expect(await eventPolicy.see(db, admin.user, draft)).toBe(true);
    expect(await eventPolicy.see(db, s.stranger, draft)).toBe(false);
    expect(await eventPolicy.see(db, null, draft)).toBe(false);
    expect(await eventPolicy.see(db, null, s.event)).toBe(true);
  });
});
