import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { createToken, findUserByEmail } from '../accounts/service.js';
import { makeCall, tri } from '../calls/test-fixtures.js';
import { outboundMessages } from '../mail/tables.js';

let t: TestApp;
let admin: string;
let event: { id: string; url: string; startsAt: string; endsAt: string };
let room: string;
const at = (base: string, minutes: number) => new Date(new Date(base).getTime() + minutes * 60_000).toISOString();

beforeAll(async () => {
  t = await startTestApp();
  admin = (await t.user('admin')).token;
  await t.api('POST', '/api/v1/venues', {
    token: admin,
    body: {
      name: 'Switch',
      city: 'Charleroi',
      rooms: [
        { name: 'Event room', capacity: 50 },
        { name: 'Small', capacity: 8 },
      ],
    },
  });
  await t.api('POST', '/api/v1/chapters', {
    token: admin,
    body: { name: 'Charleroi', city: 'Charleroi', status: 'active' },
  });
  const start = new Date(Date.now() + 20 * 86_400_000);
  start.setUTCHours(16, 0, 0, 0);
  const res = await t.api('POST', '/api/v1/chapters/charleroi/events', {
    token: admin,
    body: {
      title: 'IT day',
      kind: 'it-day',
      startsAt: start.toISOString(),
      endsAt: at(start.toISOString(), 240),
      venue: 'switch',
      room: 'Event room',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  event = res.json();
  room = (await t.api('GET', '/api/v1/venues/switch'))
    .json()
    .rooms.find((r: { name: string }) => r.name === 'Small').id;
});
afterAll(() => t.close());

it('lets organisers add sessions by hand, refusing a booked room, a slot outside the event and strangers', async () => {
  const body = {
    title: 'Opening',
    language: 'fr',
    startsAt: event.startsAt,
    endsAt: at(event.startsAt, 30),
    roomId: room,
    speakers: [{ name: 'Nadia Host', bio: 'Runs the chapter' }],
  };
  const first = await t.api('POST', `/api/v1/events/${event.id}/sessions`, { token: admin, body });
  expect(first.statusCode, first.body).toBe(201);
  expect(first.json().speakers[0].slug).toBe('nadia-host');
  const clash = await t.api('POST', `/api/v1/events/${event.id}/sessions`, {
    token: admin,
    body: { ...body, title: 'Clash', startsAt: at(event.startsAt, 15), endsAt: at(event.startsAt, 45) },
  });
  expect(clash.statusCode).toBe(409);
  expect(clash.json().detail).toContain('Opening');
  const outside = await t.api('POST', `/api/v1/events/${event.id}/sessions`, {
    token: admin,
    body: { ...body, roomId: null, startsAt: at(event.startsAt, -60), endsAt: at(event.startsAt, -30) },
  });
  expect(outside.statusCode).toBe(400);
  const member = await t.user('member');
  expect(
    (
      await t.api('POST', `/api/v1/events/${event.id}/sessions`, {
        token: member.token,
        body: { ...body, roomId: null },
      })
    ).statusCode,
  ).toBe(403);
  expect(
    (await t.api('GET', `/api/v1/events/${event.id}/sessions`)).json().items.map((s: { title: string }) => s.title),
  ).toEqual(['Opening']);
});

it('puts an accepted talk, once its speaker confirms, on the event page, its JSON-LD and its iCalendar', async () => {
  const call = (
    await t.api('POST', '/api/v1/calls', {
      token: admin,
      body: makeCall({
        kind: 'talks',
        eventId: event.id,
        slug: 'talks',
        stages: [{ name: 'Programme committee', blind: false }],
        rules: {
          eligibility: [],
          fields: [{ key: 'abstract', kind: 'long_text', label: tri('Abstract'), required: true }],
          tiers: [],
          budgetCents: null,
          places: 1,
          reviewsPerSubmission: 1,
        },
      }),
    })
  ).json();
  expect(call.id).toBeDefined();
  const sub = (
    await t.api('POST', `/api/v1/calls/${call.id}/submissions`, {
      body: {
        name: 'Yasmine Speaker',
        email: 'yasmine@example.org',
        locale: 'en',
        title: 'Rust at the edge',
        answers: { abstract: 'Small binaries' },
        submit: true,
      },
    })
  ).json();
  await t.api('PATCH', `/api/v1/calls/${call.id}`, {
    token: admin,
    body: { closesAt: new Date(Date.now() - 1000).toISOString(), newVersion: { reason: 'Done' } },
  });
  await t.api('POST', `/api/v1/calls/${call.id}/jurors`, {
    token: admin,
    body: { email: 'pc@example.net', name: 'PC Member' },
  });
  const juror = (
    await createToken(t.database.db, (await findUserByEmail(t.database.db, t.network.id, 'pc@example.net'))!, 't')
  ).token;
  await t.api('POST', `/api/v1/calls/${call.id}/assignments`, { token: admin, body: {} });
  await t.api('POST', `/api/v1/calls/${call.id}/conflicts`, {
    token: juror,
    body: { submissionId: sub.id, level: 'none' },
  });
  expect(
    (
      await t.api('PUT', `/api/v1/submissions/${sub.id}/review`, {
        token: juror,
        body: { scores: { impact: 5, feasibility: 4, fit: 5 } },
      })
    ).statusCode,
  ).toBe(200);
  await t.api('POST', `/api/v1/calls/${call.id}/decisions`, { token: admin, body: {} });
  await t.api('POST', `/api/v1/calls/${call.id}/decisions/preview`, { token: admin, body: {} });
  expect((await t.api('POST', `/api/v1/calls/${call.id}/decisions/send`, { token: admin, body: {} })).statusCode).toBe(
    200,
  );
  // Not on the programme before the speaker confirms.
  expect((await t.api('GET', `/api/v1/events/${event.id}/sessions`)).json().items).toHaveLength(1);
  const [mail] = await t.database.db
    .select()
    .from(outboundMessages)
    .where(eq(outboundMessages.kind, 'call.decision.accepted'));
  const token = /\/decisions\/confirm\/([A-Za-z0-9_-]+)/.exec(mail!.textBody ?? '')![1]!;
  expect((await t.api('POST', '/api/v1/decisions/confirm', { body: { token } })).statusCode).toBe(200);
  expect((await t.api('POST', '/api/v1/decisions/confirm', { body: { token } })).statusCode).toBe(200);
  const items = (await t.api('GET', `/api/v1/events/${event.id}/sessions`)).json().items;
  expect(items.map((s: { title: string }) => s.title)).toEqual(['Opening', 'Rust at the edge']);

  const page = await t.app.inject({ url: event.url, headers: { 'accept-language': 'nl' } });
  expect(page.body).toContain('Programma');
  expect(page.body).toContain('Rust at the edge');
  expect(page.body).toContain('href="/speakers/yasmine-speaker"');
  const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page.body)![1]!);
  expect(ld.subEvent.map((s: { name: string }) => s.name)).toContain('Rust at the edge');
  const ics = await t.app.inject({ url: `/events/${event.id}.ics` });
  const vevent = new ICAL.Component(ICAL.parse(ics.body)).getFirstSubcomponent('vevent')!;
  expect(String(vevent.getFirstPropertyValue('description'))).toContain('Rust at the edge (Yasmine Speaker)');
  const speaker = await t.app.inject({ url: '/speakers/yasmine-speaker' });
  expect(speaker.statusCode).toBe(200);
  expect(speaker.body).toContain('Rust at the edge');
  expect(speaker.body).not.toContain('yasmine@example.org');
  const sessionIcs = await t.app.inject({ url: `/sessions/${items[1].id}.ics` });
  const sv = new ICAL.Component(ICAL.parse(sessionIcs.body)).getFirstSubcomponent('vevent')!;
  expect(String(sv.getFirstPropertyValue('summary'))).toBe('Rust at the edge — IT day');
});
