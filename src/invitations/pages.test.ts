import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession, signIn } from '../../test/support/forms.js';
import { saveProfile } from '../profiles/service.js';
import type { ProfileUpdate } from '../profiles/schemas.js';
import { users } from '../accounts/tables.js';
import { daysFromNow } from '../../test/support/factories.js';

let t: TestApp;
let organiser: Awaited<ReturnType<TestApp['user']>>;
let eventId: string;

async function member(name: string, profile: ProfileUpdate) {
  const { user } = await t.user('member');
  await saveProfile(t.database.db, user, { name, ...profile });
  await t.database.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id));
}

beforeAll(async () => {
  t = await startTestApp();
  const admin = (await t.user('admin')).token;
  organiser = await t.user('member');
  await t.api('POST', '/api/v1/chapters', {
    token: admin,
    body: { name: 'Charleroi', city: 'Charleroi', region: 'Henegouwen', status: 'active' },
  });
  await t.api('POST', '/api/v1/chapters', {
    token: admin,
    body: { name: 'Mons', city: 'Mons', region: 'Hainaut', status: 'active' },
  });
  await t.api('POST', '/api/v1/chapters/charleroi/organizers', { token: admin, body: { email: organiser.user.email } });
  await t.api('POST', '/api/v1/chapters/mons/organizers', { token: admin, body: { email: organiser.user.email } });
  eventId = (
    await t.api('POST', '/api/v1/chapters/charleroi/events', {
      token: admin,
      body: {
        title: 'Charleroi IT day',
        startsAt: daysFromNow(12),
        endsAt: daysFromNow(12.2),
        capacity: 40,
        onlineUrl: 'https://meet.example.org/it',
      },
    })
  ).json().id;
  await member('Ana', { city: 'Ixelles', originRegion: 'BE-WHT', skills: ['Go'] });
  await member('Ben', { city: 'Uccle', originRegion: 'BE-WHT' });
  await member('Cas', { city: 'Charleroi', originRegion: 'BE-WHT' });
});
afterAll(() => t.close());

it('builds a segment, counts it, then sends and says how many were invited', async () => {
  const b = await signIn(t.app, { email: organiser.user.email, password: organiser.password });
  expect((await b.get(`/admin/events/${eventId}`)).body).toContain(`href="/admin/events/${eventId}/invite"`);
  expect((await b.get('/admin/chapters/charleroi')).body).toContain('href="/admin/chapters/charleroi/invitations"');

  const page = await b.get(`/admin/events/${eventId}/invite`);
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('Region of origin Hainaut');
  expect(page.body).toContain('West Flanders');
  expect(page.body).not.toContain('value="send"');

  const url = `/admin/events/${eventId}/invite`;
  const counted = await b.submit(url, url, { comeHome: 'on', message: 'See you <there>', intent: 'count' });
  expect(counted.statusCode).toBe(200);
  expect(counted.body).toContain('Members matching: 2');
  expect(counted.body).toContain('Send the invitations (2)');
  // The form keeps what was chosen.
  expect(counted.body).toMatch(/id="f-comeHome" name="comeHome" checked/);
  expect(counted.body).toContain('See you &lt;there>');

  const sent = await b.submit(url, url, { comeHome: 'on', message: 'See you', intent: 'send' });
  expect(sent.statusCode).toBe(303);
  expect(sent.headers.location).toMatch(new RegExp(`^/admin/events/${eventId}/invite\\?campaign=[0-9a-f-]{36}$`));
  const result = await b.get(String(sent.headers.location));
  expect(result.body).toContain('Invitations sent: 2.');
  expect(result.body).toContain('Come home to Hainaut');

  // Counting again: the two are invited already.
  expect((await b.submit(url, url, { comeHome: 'on', intent: 'count' })).body).toContain('Members matching: 0');

  const stats = await b.get('/admin/chapters/charleroi/invitations');
  expect(stats.statusCode).toBe(200);
  expect(stats.body).toContain('Charleroi IT day');
  expect(stats.body).toMatch(/<th scope="row">Total<\/th><td>2<\/td><td>0<\/td><td>0<\/td>/);
  expect((await b.get('/admin/chapters/mons/invitations')).body).toContain(
    'No invitations have been sent for this chapter’s events yet.',
  );
});

it('shows what is wrong with a segment, in the visitor’s language', async () => {
  const b = await signIn(
    t.app,
    { email: organiser.user.email, password: organiser.password },
    { 'accept-language': 'fr' },
  );
  const url = `/admin/events/${eventId}/invite`;
  const page = await b.get(url);
  expect(page.body).toContain('Flandre-Occidentale');
  const empty = await b.submit(url, url, { intent: 'count' });
  expect(empty.statusCode).toBe(400);
  expect(empty.body).toContain('at least one criterion');
  const bad = await b.submit(url, url, { origin: ['BE-WHT', 'BE-XXX'], intent: 'send' });
  expect(bad.statusCode).toBe(400);
  expect(bad.body).toContain('href="#f-origin"');
  const ok = await b.submit(url, url, { origin: ['BE-WHT'], skills: 'go, rust', intent: 'count' });
  expect(ok.body).toContain('Membres correspondants : 0');
  expect(ok.body).toMatch(/name="origin" value="BE-WHT" checked/);
});

it('sends visitors to sign in and refuses members who do not run the chapter', async () => {
  const visitor = await new FormSession(t.app).get(`/admin/events/${eventId}/invite`);
  expect(visitor.statusCode).toBe(303);
  expect(visitor.headers.location).toContain('/login');
  const someone = await t.user('member');
  const b = await signIn(t.app, { email: someone.user.email, password: someone.password });
  expect((await b.get(`/admin/events/${eventId}/invite`)).statusCode).toBe(403);
  expect((await b.get('/admin/chapters/charleroi/invitations')).statusCode).toBe(403);
  expect((await t.app.inject({ method: 'GET', url: '/invitations/opt-out/not-a-token' })).statusCode).toBe(404);
});
