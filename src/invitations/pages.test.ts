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
  expect(counted.body).toContain('See you &lt;there&gt;');
  // The confirmation step: the invitation as its first member (by name) will read it, and the exact count.
  expect(counted.body).toContain('40 seats left out of 40');
  expect(counted.body).toContain('The invitation, as Ana will receive it');
  expect(counted.body).toContain('Subject: ');
  expect(counted.body).toMatch(/<pre class="mail-text">Hello Ana,[^<]*Charleroi IT day[^<]*See you &lt;there&gt;/);
  expect(counted.body).toContain('2 personal e-mails will go out now.');
  expect(counted.body).toContain('name="expected" value="2"');
  expect(counted.body).not.toContain('id="seats-warning"');
  // Counting sent nothing.
  expect(
    (await t.database.pool.query(`select count(*)::int as n from outbound_messages where kind = 'invitation'`)).rows[0]
      .n,
  ).toBe(0);

  // A member joins the segment after the preview: the confirmed count no longer holds, nothing goes out.
  await member('Dora', { city: 'Namur', originRegion: 'BE-WHT' });
  const moved = await b.submit(url, url, { comeHome: 'on', expected: '2', intent: 'send' });
  expect(moved.statusCode).toBe(409);
  expect(moved.body).toContain('The segment now reaches 3 members, not 2: nothing was sent.');
  expect(moved.body).toContain('name="expected" value="3"');
  expect(
    (await t.database.pool.query(`select count(*)::int as n from outbound_messages where kind = 'invitation'`)).rows[0]
      .n,
  ).toBe(0);

  const sent = await b.submit(url, url, { comeHome: 'on', message: 'See you', expected: '3', intent: 'send' });
  expect(sent.statusCode).toBe(303);
  expect(sent.headers.location).toMatch(new RegExp(`^/admin/events/${eventId}/invite\\?campaign=[0-9a-f-]{36}$`));
  const result = await b.get(String(sent.headers.location));
  expect(result.body).toContain('Invitations sent: 3.');
  const [audit] = (
    await t.database.pool.query(`SELECT actor_email, subject, details FROM audit_log WHERE action = 'invitations.send'`)
  ).rows;
  expect(audit).toMatchObject({
    actor_email: organiser.user.email,
    subject: 'Charleroi IT day',
    details: { eventId, invited: 3 },
  });
  expect(result.body).toContain('Come home to Hainaut');

  // Counting again: the two are invited already.
  expect((await b.submit(url, url, { comeHome: 'on', intent: 'count' })).body).toContain('Members matching: 0');

  const stats = await b.get('/admin/chapters/charleroi/invitations');
  expect(stats.statusCode).toBe(200);
  expect(stats.body).toContain('Charleroi IT day');
  expect(stats.body).toMatch(/<th scope="row">Total<\/th><td>3<\/td><td>0<\/td><td>0<\/td>/);
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
  // In French and with the form's own labels, never the API's field names.
  expect(empty.body).toContain('choisissez au moins un critère : retour au pays, région d’origine');
  expect(empty.body).not.toMatch(/at least one criterion|comeHome, origin/);
  expect(page.body).toContain('par exemple « Charleroi, Mons »');
  const bad = await b.submit(url, url, { origin: ['BE-WHT', 'BE-XXX'], intent: 'send' });
  expect(bad.statusCode).toBe(400);
  expect(bad.body).toContain('href="#f-origin"');
  const ok = await b.submit(url, url, { origin: ['BE-WHT'], skills: 'go, rust', intent: 'count' });
  expect(ok.body).toContain('Membres correspondants : 0');
  expect(ok.body).toMatch(/name="origin" value="BE-WHT" checked/);
});

it('warns before inviting more people than the event has seats', async () => {
  const small = (
    await t.api('POST', '/api/v1/chapters/charleroi/events', {
      token: (await t.user('admin')).token,
      body: {
        title: 'Small table',
        startsAt: daysFromNow(20),
        endsAt: daysFromNow(20.1),
        capacity: 1,
        waitlist: true,
        onlineUrl: 'https://meet.example.org/small',
      },
    })
  ).json().id;
  const b = await signIn(t.app, { email: organiser.user.email, password: organiser.password });
  const url = `/admin/events/${small}/invite`;
  const counted = await b.submit(url, url, { origin: ['BE-WHT'], intent: 'count' });
  expect(counted.body).toContain('1 seat left out of 1');
  expect(counted.body).toMatch(
    /id="seats-warning">\d+ members match and 1 seat is left: those who register after it is full go on the waitlist\./,
  );
  // The API says the same count with the invitation as it reads, in the language asked for.
  const api = await t.api('POST', `/api/v1/events/${small}/invitations/preview`, {
    token: organiser.token,
    headers: { 'accept-language': 'nl' },
    body: { segment: { origin: ['BE-WHT'] }, message: 'Tot dan' },
  });
  expect(api.statusCode).toBe(200);
  expect(api.json().count).toBeGreaterThan(1);
  expect(api.json().sample.text).toContain('Tot dan');
  expect(api.json().sample.subject).toContain('Small table');
  // The sample's opt-out link is not the member's: following it opts nobody out.
  const link = String(api.json().sample.text.match(/\/invitations\/opt-out\/\S+/)![0]);
  expect((await t.app.inject({ method: 'GET', url: link })).statusCode).toBe(404);
  const sent = await t.api('POST', `/api/v1/events/${small}/invitations`, {
    token: organiser.token,
    body: { segment: { origin: ['BE-WHT'] }, expectedCount: 99 },
  });
  expect(sent.statusCode).toBe(409);
  expect(sent.json().code).toBe('invitations.countChanged');
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
