import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { signIn } from '../../test/support/forms.js';
import { daysFromNow, makeChapter, makeEvent, registered } from '../../test/support/factories.js';
import { users } from '../accounts/tables.js';
import { saveProfile } from '../profiles/service.js';

let t: TestApp;
type Person = Awaited<ReturnType<TestApp['user']>>;
let ana: Person;
let cas: Person;
let eventId: string;
let eventUrl: string;

/** A verified member whose profile places them; only verified accounts are invited. */
async function member(name: string, city: string, originRegion: 'BE-WHT'): Promise<Person> {
  const person = await t.user('member');
  await saveProfile(t.database.db, person.user, { name, city, originRegion });
  await t.database.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, person.user.id));
  return person;
}

beforeAll(async () => {
  t = await startTestApp();
  const admin = (await t.user('admin')).token;
  await makeChapter(t, admin, { name: 'Charleroi', city: 'Charleroi', region: 'Hainaut', status: 'active' });
  const event = await makeEvent(t, admin, 'charleroi', {
    title: 'Retour au pays',
    translations: { nl: { title: 'Terug naar huis' } },
    startsAt: daysFromNow(20),
    endsAt: daysFromNow(20.1),
  });
  eventId = event.id;
  eventUrl = event.url;
  ana = await member('Ana', 'Ixelles', 'BE-WHT');
  cas = await member('Cas', 'Charleroi', 'BE-WHT'); // lives in her region of origin: not a come-home case
  const sent = await t.api('POST', `/api/v1/events/${eventId}/invitations`, {
    token: admin,
    body: { segment: { comeHome: true }, message: 'On vous attend !' },
  });
  expect(sent.statusCode, sent.body).toBe(201);
  expect(sent.json().invited).toBe(1);
});
afterAll(() => t.close());

describe('the invitations a member received', () => {
  it('lists them on /me/invitations in the member’s language, with what they did about each', async () => {
    const b = await signIn(t.app, { email: ana.user.email, password: ana.password });
    expect((await b.get('/me')).body).toContain('href="/me/invitations"');

    const before = await b.get('/me/invitations?lang=fr');
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('<h1>Invitations reçues</h1>');
    expect(before.body).toContain(`href="${eventUrl}"`);
    expect(before.body).toContain('Retour au pays');
    expect(before.body).toContain('On vous attend !');
    expect(before.body).toContain('Pas inscrit·e : voir l’événement');

    await registered(t, eventId, { name: 'Ana', email: ana.user.email });
    const after = await b.get('/me/invitations?lang=nl');
    expect(after.body).toContain('<h1>Ontvangen uitnodigingen</h1>');
    // The title in the reader's language when the organiser wrote it.
    expect(after.body).toContain('Terug naar huis');
    expect(after.body).toContain('<td>Ingeschreven</td>');
  });

  it('shows an empty state to a member nobody invited, and never someone else’s invitations', async () => {
    const b = await signIn(t.app, { email: cas.user.email, password: cas.password });
    const page = await b.get('/me/invitations?lang=en');
    expect(page.body).toContain('You have not received any invitation yet.');
    expect(page.body).not.toContain('Retour au pays');
    const api = await t.api('GET', '/api/v1/me/invitations', { token: cas.token });
    expect(api.json()).toEqual({ items: [], nextCursor: null });
  });

  it('answers the same through the API, paged, and asks strangers to sign in', async () => {
    const res = await t.api('GET', '/api/v1/me/invitations?limit=1', {
      token: ana.token,
      headers: { 'accept-language': 'nl' },
    });
    expect(res.statusCode).toBe(200);
    const [item] = res.json().items;
    expect(item).toMatchObject({
      event: { id: eventId, title: 'Terug naar huis', url: eventUrl, timeZone: 'Europe/Brussels' },
      chapter: { slug: 'charleroi', name: 'Charleroi' },
      message: 'On vous attend !',
      answer: 'registered',
    });
    expect(res.json().nextCursor).toBeNull();
    expect((await t.api('GET', '/api/v1/me/invitations')).statusCode).toBe(401);
    const anonymous = await t.app.inject({ url: '/me/invitations' });
    expect([302, 303, 401]).toContain(anonymous.statusCode);
  });
});
