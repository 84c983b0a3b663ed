import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn } from '../../test/support/forms.js';
import { makeChapter, makeEvent, registered } from '../../test/support/factories.js';
import { users } from '../accounts/tables.js';
import { saveProfile } from '../profiles/service.js';
import { GOING_SHOWN } from './going.js';

let t: TestApp;
let admin: string;
type Person = Awaited<ReturnType<TestApp['user']>>;

async function member(
  name: string,
  shown: { attendanceVisible: boolean; directoryVisible?: boolean },
  verified = true,
) {
  const person = await t.user('member');
  if (!verified) await t.database.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, person.user.id));
  await saveProfile(
    t.database.db,
    { ...person.user, emailVerifiedAt: verified ? new Date() : null },
    { name, ...shown },
  );
  return person;
}
const join = (eventId: string, p: Person, name: string) =>
  registered(t, eventId, { name, email: p.user.email }, { token: p.token });
const going = async (eventId: string) => (await t.api('GET', `/api/v1/events/${eventId}/going`)).json();

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  await makeChapter(t, admin, { name: 'Gembloux', city: 'Gembloux', status: 'active' });
});
afterAll(() => t.close());

describe('who’s going', () => {
  it('lists only confirmed members who chose to be shown, with a profile link when they are in the directory', async () => {
    const event = await makeEvent(t, admin, 'gembloux', { capacity: 4 }); // Eva, the fifth, waits
    const ana = await member('Ana Shown', { attendanceVisible: true, directoryVisible: true });
    const ben = await member('Ben Private', { attendanceVisible: false, directoryVisible: true });
    const cas = await member('Cas Unlisted', { attendanceVisible: true });
    const dan = await member('Dan Unconfirmed', { attendanceVisible: true }, false);
    const eva = await member('Eva Waiting', { attendanceVisible: true });
    for (const [p, n] of [
      [ana, 'Ana Shown'],
      [ben, 'Ben Private'],
      [cas, 'Cas Unlisted'],
      [dan, 'Dan Unconfirmed'],
      [eva, 'Eva Waiting'],
    ] as const)
      await join(event.id, p, n);
    await registered(t, event.id, { name: 'Gus Guest' });

    expect(await going(event.id)).toEqual({
      people: [
        { name: 'Ana Shown', memberId: ana.user.id },
        { name: 'Cas Unlisted', memberId: null },
      ],
      more: 0,
    });
    const page = (await t.app.inject({ url: event.url, headers: { 'accept-language': 'nl' } })).body;
    expect(page).toContain('<h2 id="who-is-going">Wie gaat er</h2>');
    expect(page).toContain(`<a href="/members/${ana.user.id}">Ana Shown</a>`);
    expect(page).toContain('<li>Cas Unlisted</li>');
    for (const hidden of ['Ben Private', 'Dan Unconfirmed', 'Eva Waiting', 'Gus Guest'])
      expect(page).not.toContain(hidden);
  });

  it('follows the member’s choice on the profile form, and the cached public page follows at once', async () => {
    const event = await makeEvent(t, admin, 'gembloux');
    const fay = await member('Fay Changes', { attendanceVisible: false });
    await join(event.id, fay, 'Fay Changes');
    const anonymous = async () => (await t.app.inject({ url: event.url, headers: { 'accept-language': 'fr' } })).body;
    expect(await anonymous()).not.toContain('Fay Changes');

    const b = await signIn(t.app, { email: fay.user.email, password: fay.password });
    const form = await b.get('/me/profile?lang=fr');
    expect(form.body).toContain('Afficher mon nom sur les événements où je vais');
    const saved = await b.submit('/me/profile', '/me/profile', { name: 'Fay Changes', attendanceVisible: 'on' });
    expect(saved.statusCode).toBeLessThan(400);
    expect((await t.api('GET', '/api/v1/me/profile', { token: fay.token })).json().attendanceVisible).toBe(true);
    const page = await anonymous();
    expect(page).toContain('<h2 id="who-is-going">Qui y va</h2>');
    expect(page).toContain('Fay Changes');

    // A change made outside this process (plain SQL) reaches the page cache through the trigger.
    await t.database.pool.query('UPDATE member_profiles SET attendance_visible = false WHERE user_id = $1', [
      fay.user.id,
    ]);
    await expect.poll(anonymous, { timeout: 2000, interval: 50 }).not.toContain('Fay Changes');
  });

  it('says how many more beyond the names it shows, and hides a draft’s list', async () => {
    const event = await makeEvent(t, admin, 'gembloux', { capacity: GOING_SHOWN + 5 });
    for (let i = 0; i < GOING_SHOWN + 2; i++) {
      const p = await member(`Crowd ${String(i).padStart(2, '0')}`, { attendanceVisible: true });
      await join(event.id, p, `Crowd ${String(i).padStart(2, '0')}`);
    }
    const list = await going(event.id);
    expect(list.people).toHaveLength(GOING_SHOWN);
    expect(list.people[0].name).toBe('Crowd 00');
    expect(list.more).toBe(2);
    expect((await t.app.inject({ url: event.url, headers: { 'accept-language': 'en' } })).body).toContain(
      'and 2 more members',
    );
    const draft = await makeEvent(t, admin, 'gembloux', { status: 'draft' });
    expect((await t.api('GET', `/api/v1/events/${draft.id}/going`)).statusCode).toBe(404);
  });
});
