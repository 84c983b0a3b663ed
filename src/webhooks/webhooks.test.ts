import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, FormSession } from '../../test/support/forms.js';
import { createSession } from '../accounts/service.js';
import { buildApp } from '../app.js';
import { renderMessage } from '../mail/render.js';
import { outboundMessages } from '../mail/tables.js';
import { isPrivateAddress } from './address.js';
import { webhookEndpoints } from './tables.js';
import { deliverDueWebhooks, MAX_CONSECUTIVE_FAILURES, startWebhookWorker } from './worker.js';
import { eq } from 'drizzle-orm';
import { daysFromNow, registered } from '../../test/support/factories.js';

/** A receiving server on 127.0.0.1: records every request; a path answers the statuses planned for it, then 200. */
interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
let receiver: {
  url: string;
  received: Received[];
  plan: Map<string, number[]>;
  always: Map<string, number>;
  delayMs: number;
  close(): Promise<void>;
};

async function startReceiver(): Promise<typeof receiver> {
  const received: Received[] = [];
  const plan = new Map<string, number[]>();
  const always = new Map<string, number>();
  const state = { delayMs: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = plan.get(path)?.shift() ?? always.get(path) ?? 200;
      setTimeout(() => res.writeHead(status, { 'content-type': 'text/plain' }).end('thanks'), state.delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    plan,
    always,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(v: number) {
      state.delayMs = v;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let t: TestApp;
let admin: string;
let adminEmail: string;
let member: string;
let seq = 0;
const later = (ms: number) => new Date(Date.now() + ms);
const deliver = (now = new Date(), config = t.config) => deliverDueWebhooks(t.database.db, config, now);

beforeAll(async () => {
  t = await startTestApp({ allowPrivateWebhooks: true });
  receiver = await startReceiver();
  const a = await t.user('admin');
  admin = a.token;
  adminEmail = a.user.email;
  member = (await t.user('member')).token;
  const ok = (res: LightMyRequestResponse) => expect(res.statusCode, res.body).toBeLessThan(300);
  ok(
    await t.api('POST', '/api/v1/venues', {
      token: admin,
      body: {
        name: 'Switch',
        city: 'Charleroi',
        address: 'Rue de la Montagne 20',
        rooms: [{ name: 'Event room', capacity: 50 }],
      },
    }),
  );
  ok(
    await t.api('POST', '/api/v1/chapters', {
      token: admin,
      body: { name: 'Charleroi', city: 'Charleroi', status: 'active' },
    }),
  );
});
afterAll(async () => {
  await receiver.close();
  await t.close();
});
beforeEach(async () => {
  // Each test sees only its own endpoints and deliveries.
  await t.database.pool.query('DELETE FROM webhook_endpoints');
  receiver.received.length = 0;
  receiver.plan.clear();
  receiver.always.clear();
  receiver.delayMs = 0;
});

async function endpoint(
  path: string,
  events: string[] = [
    'registration.created',
    'registration.cancelled',
    'registration.promoted',
    'event.published',
    'event.updated',
    'event.cancelled',
  ],
) {
  const res = await t.api('POST', '/api/v1/webhooks', {
    token: admin,
    body: { url: `${receiver.url}${path}`, events },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; url: string; events: string[]; active: boolean; secret: string };
}

async function newEvent(capacity: number, extra: Record<string, unknown> = {}) {
  const res = await t.api('POST', '/api/v1/chapters/charleroi/events', {
    token: admin,
    body: {
      title: `Meetup ${++seq}`,
      startsAt: daysFromNow(10 + seq, 17),
      endsAt: daysFromNow(10 + seq, 20),
      capacity,
      onlineUrl: 'https://meet.example.org/x',
      ...extra,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; title: string; startsAt: string; endsAt: string };
}

/** The receiver's check: recompute the signature over the raw body with the secret. */
function verify(r: Received, secret: string): boolean {
  const timestamp = String(r.headers['essaim-timestamp']);
  const expected = `v1=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`;
  const given = String(r.headers['essaim-signature']);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

const deliveryRows = async (endpointId: string) =>
  (
    await t.database.pool.query(
      'SELECT event, status, attempts, response_status, response_ms, last_error, next_attempt_at, payload FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY created_at',
      [endpointId],
    )
  ).rows;

describe('the webhook API', () => {
  it('creates an endpoint with a secret shown once, lists it without, pauses, enables and deletes it', async () => {
    const created = await endpoint('/api', ['event.published', 'event.published', 'registration.created']);
    expect(created).toMatchObject({
      url: `${receiver.url}/api`,
      events: ['event.published', 'registration.created'],
      active: true,
    });
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes, base64url
    const list = await t.api('GET', '/api/v1/webhooks', { token: admin });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.secret);
    expect(list.json().items).toEqual([
      expect.objectContaining({ id: created.id, active: true, consecutiveFailures: 0, disabledAt: null }),
    ]);
    expect(list.json().items[0]).not.toHaveProperty('secret');

    const paused = await t.api('PATCH', `/api/v1/webhooks/${created.id}`, {
      token: admin,
      body: { active: false, events: ['event.cancelled'] },
    });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toMatchObject({ active: false, events: ['event.cancelled'] });
    const deliveries = await t.api('GET', `/api/v1/webhooks/${created.id}/deliveries`, { token: admin });
    expect(deliveries.json()).toEqual({ items: [] });

    expect((await t.api('DELETE', `/api/v1/webhooks/${created.id}`, { token: admin })).statusCode).toBe(204);
    const gone = await t.api('DELETE', `/api/v1/webhooks/${created.id}`, { token: admin });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect((await t.api('GET', `/api/v1/webhooks/${created.id}/deliveries`, { token: admin })).statusCode).toBe(404);
  });

  it('refuses unknown events and an empty list with a problem per field', async () => {
    const res = await t.api('POST', '/api/v1/webhooks', {
      token: admin,
      body: { url: 'https://93.184.215.14/hook', events: ['registration.created', 'nope'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'events.1' })] });
    const empty = await t.api('POST', '/api/v1/webhooks', {
      token: admin,
      body: { url: 'https://93.184.215.14/hook', events: [] },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('events');
  });

  it('is for admins only: 401 without a token, 403 for a member', async () => {
    const calls: [InjectOptions['method'], string, unknown?][] = [
      ['POST', '/api/v1/webhooks', { url: 'https://93.184.215.14/hook', events: ['event.published'] }],
      ['GET', '/api/v1/webhooks'],
      ['GET', '/api/v1/webhooks/00000000-0000-4000-8000-000000000000/deliveries'],
      ['PATCH', '/api/v1/webhooks/00000000-0000-4000-8000-000000000000', { active: true }],
      ['DELETE', '/api/v1/webhooks/00000000-0000-4000-8000-000000000000'],
    ];
    for (const [method, url, body] of calls) {
      const anonymous = await t.api(method, url, { body });
      expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
      const asMember = await t.api(method, url, { token: member, body });
      expect(asMember.statusCode, `${method} ${url}`).toBe(403);
      expect(asMember.json()).toMatchObject({ status: 403, title: 'Not allowed' });
    }
    expect((await t.database.pool.query('SELECT count(*)::int AS n FROM webhook_endpoints')).rows[0].n).toBe(0);
  });

  it('is documented in the OpenAPI description', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/webhooks', '/api/v1/webhooks/{id}', '/api/v1/webhooks/{id}/deliveries']),
    );
    expect(JSON.stringify(doc.paths['/api/v1/webhooks'].post)).toContain('Essaim-Signature');
  });
});

describe('addresses', () => {
  let strict: FastifyInstance;
  beforeAll(async () => {
    // The same database and network, without ALLOW_PRIVATE_WEBHOOKS.
    strict = await buildApp({ ...t.config, allowPrivateWebhooks: false }, t.database);
    await strict.ready();
  });
  afterAll(() => strict.close());
  const create = (url: string) =>
    strict.inject({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ url, events: ['event.published'] }),
    });

  it.each([
    'http://93.184.215.14/hook',
    'http://127.0.0.1:8080/hook',
    'https://127.0.0.1/hook',
    'https://127.1.2.3/hook',
    'https://10.20.30.40/hook',
    'https://172.16.0.1/hook',
    'https://172.31.255.254/hook',
    'https://192.168.1.10/hook',
    'https://169.254.169.254/latest/meta-data',
    'https://0.0.0.0/hook',
    'https://0x7f000001/hook',
    'https://[::1]/hook',
    'https://[::]/hook',
    'https://[fc00::1]/hook',
    'https://[fd12:3456::1]/hook',
    'https://[fe80::1]/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://[::ffff:a00:1]/hook',
    'https://[::ffff:169.254.169.254]/hook',
    'https://localhost/hook',
    'ftp://93.184.215.14/hook',
  ])('refuses %s with 400 when private addresses are not allowed', async (url) => {
    const res = await create(url);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'url' })]);
  });

  it('accepts public https addresses (IPv4 and IPv6 literals), and private ones once allowed', async () => {
    for (const url of ['https://93.184.215.14/hook', 'https://172.32.0.1/hook', 'https://[2606:4700::1111]/hook'])
      expect((await create(url)).statusCode, url).toBe(201);
    expect(
      (
        await t.api('POST', '/api/v1/webhooks', {
          token: admin,
          body: { url: 'http://127.0.0.1:9/hook', events: ['event.published'] },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('classifies addresses on the edges of each range', () => {
    for (const ip of [
      '127.0.0.1',
      '10.0.0.0',
      '172.16.0.0',
      '172.31.255.255',
      '192.168.255.255',
      '169.254.0.1',
      '0.1.2.3',
      '::1',
      '::',
      'fc00::',
      'fdff:ffff::1',
      'fe80::1',
      'febf::1',
      '::ffff:192.168.0.1',
      '::ffff:7f00:1',
      '::ffff:0a00:0001',
      '64:ff9b::a00:1',
    ]) {
      expect(isPrivateAddress(ip), ip).toBe(true);
    }
    for (const ip of [
      '8.8.8.8',
      '172.15.255.255',
      '172.32.0.0',
      '192.169.0.1',
      '169.255.0.1',
      '11.0.0.1',
      '2001:4860:4860::8888',
      'fbff::1',
      '2a00::1',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
    ]) {
      expect(isPrivateAddress(ip), ip).toBe(false);
    }
  });

  it('checks the address again at delivery: a name that now points to a private address gets nothing', async () => {
    const [row] = await t.database.db
      .insert(webhookEndpoints)
      .values({
        networkId: t.network.id,
        url: 'https://hooks.example.test/essaim',
        secret: 'x'.repeat(43),
        events: ['event.published'],
      })
      .returning();
    await newEvent(5);
    const rebinding = async () => [{ address: '127.0.0.1', family: 4 }];
    const r = await deliverDueWebhooks(t.database.db, { ...t.config, allowPrivateWebhooks: false }, new Date(), {
      resolve: rebinding,
    });
    expect(r).toMatchObject({ delivered: 0, failed: 1 });
    const [delivery] = await deliveryRows(row!.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, response_status: null });
    expect(delivery.last_error).toContain('private address 127.0.0.1');

    // The same with the real resolver: localhost is loopback; an http:// endpoint is refused once not allowed.
    await t.database.pool.query(`UPDATE webhook_endpoints SET url = 'https://localhost:9/x' WHERE id = $1`, [row!.id]);
    await t.database.pool.query(`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE endpoint_id = $1`, [
      row!.id,
    ]);
    await deliverDueWebhooks(t.database.db, { ...t.config, allowPrivateWebhooks: false });
    expect((await deliveryRows(row!.id))[0].last_error).toMatch(/private address (127\.0\.0\.1|::1)/);
    const local = await endpoint('/not-any-more', ['event.published']);
    await newEvent(5);
    await deliverDueWebhooks(t.database.db, { ...t.config, allowPrivateWebhooks: false });
    expect((await deliveryRows(local.id))[0].last_error).toContain('must start with https://');
    expect(receiver.received).toHaveLength(0);
  });
});

describe('deliveries', () => {
  it('sends each event type, signed, with its payload', async () => {
    const hook = await endpoint('/all');
    const only = await endpoint('/cancellations', ['event.cancelled']);
    const event = await newEvent(1);
    const ada = await registered(t, event.id, { name: 'Ada' });
    const bob = await registered(t, event.id, { name: 'Bob' });
    expect(bob.status).toBe('waitlisted');
    expect((await t.api('POST', `/api/v1/registrations/${ada.id}/cancel`, { token: admin })).statusCode).toBe(200);
    expect(
      (await t.api('PATCH', `/api/v1/events/${event.id}`, { token: admin, body: { title: 'Meetup, new title' } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.api('POST', `/api/v1/events/${event.id}/cancel`, { token: admin, body: { reason: 'Storm' } }))
        .statusCode,
    ).toBe(200);
    // A refused registration writes nothing.
    expect(
      (
        await t.api('POST', `/api/v1/events/${event.id}/registrations`, {
          body: { name: 'Cleo', email: 'cleo@example.org' },
        })
      ).statusCode,
    ).toBe(409);

    expect(await deliver()).toMatchObject({ delivered: 9, failed: 0, disabled: 0 });
    const all = receiver.received.filter((r) => r.path === '/all');
    const types = all.map((r) => r.headers['essaim-event']);
    expect(types.sort()).toEqual(
      [
        'event.cancelled',
        'event.published',
        'event.updated',
        'registration.cancelled',
        'registration.cancelled',
        'registration.created',
        'registration.created',
        'registration.promoted',
      ].sort(),
    );
    for (const r of all) {
      expect(verify(r, hook.secret), 'signature').toBe(true);
      expect(verify(r, only.secret)).toBe(false);
      expect(r.headers['content-type']).toBe('application/json');
      expect(Number(r.headers['essaim-timestamp'])).toBeGreaterThan(Date.now() / 1000 - 60);
      const body = JSON.parse(r.body);
      expect(body.id).toBe(r.headers['essaim-webhook-id']);
      expect(body.type).toBe(r.headers['essaim-event']);
      expect(new Date(body.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    }
    const bodies = all.map((r) => JSON.parse(r.body) as { type: string; data: Record<string, unknown> });
    const of = (type: string) => bodies.filter((b) => b.type === type).map((b) => b.data);
    const eventData = {
      id: event.id,
      title: event.title,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      status: 'published',
      chapterSlug: 'charleroi',
      // The canonical page, whose slug follows the title.
      url: `${t.config.baseUrl}/events/${event.id}-${event.title.toLowerCase().replace(' ', '-')}`,
    };
    const renamed = {
      ...eventData,
      title: 'Meetup, new title',
      url: `${t.config.baseUrl}/events/${event.id}-meetup-new-title`,
    };
    expect(of('event.published')).toEqual([eventData]);
    expect(of('event.updated')).toEqual([renamed]);
    expect(of('event.cancelled')).toEqual([{ ...renamed, status: 'cancelled' }]);
    const person = (r: { id: string }, name: string, status: string, waitlistPosition: number | null) => ({
      id: r.id,
      eventId: event.id,
      name,
      email: `${name.toLowerCase()}@example.org`,
      status,
      waitlistPosition,
    });
    expect(of('registration.created')).toEqual(
      expect.arrayContaining([person(ada, 'Ada', 'confirmed', null), person(bob, 'Bob', 'waitlisted', 1)]),
    );
    expect(of('registration.promoted')).toEqual([person(bob, 'Bob', 'confirmed', null)]);
    expect(of('registration.cancelled')).toEqual(
      expect.arrayContaining([person(ada, 'Ada', 'cancelled', null), person(bob, 'Bob', 'cancelled', null)]),
    );

    // The endpoint that asked for cancellations only got that.
    const onlyReceived = receiver.received.filter((r) => r.path === '/cancellations');
    expect(onlyReceived.map((r) => r.headers['essaim-event'])).toEqual(['event.cancelled']);
    expect(verify(onlyReceived[0]!, only.secret)).toBe(true);

    const list = await t.api('GET', `/api/v1/webhooks/${hook.id}/deliveries`, { token: admin });
    expect(list.json().items).toHaveLength(8);
    expect(list.json().items[0]).toEqual({
      id: expect.any(String),
      event: expect.any(String),
      status: 'delivered',
      attempts: 1,
      responseStatus: 200,
      responseMs: expect.any(Number),
      lastError: null,
      createdAt: expect.any(String),
      deliveredAt: expect.any(String),
    });
    // Nothing is sent twice.
    expect(await deliver(later(86_400_000))).toMatchObject({ delivered: 0, failed: 0 });
  });

  it('announces a draft when it is published, and confirmation by hand as a promotion', async () => {
    await endpoint('/drafts', ['event.published', 'event.updated', 'registration.promoted']);
    const draft = await newEvent(1, { status: 'draft' });
    expect(
      (await t.api('PATCH', `/api/v1/events/${draft.id}`, { token: admin, body: { title: 'Still a draft' } }))
        .statusCode,
    ).toBe(200);
    await deliver();
    expect(receiver.received).toHaveLength(0);
    expect(
      (await t.api('PATCH', `/api/v1/events/${draft.id}`, { token: admin, body: { status: 'published' } })).statusCode,
    ).toBe(200);
    await registered(t, draft.id, { name: 'Dirk' });
    const elif = await registered(t, draft.id, { name: 'Elif' });
    expect((await t.api('POST', `/api/v1/registrations/${elif.id}/confirm`, { token: admin })).statusCode).toBe(200);
    await deliver();
    expect(
      receiver.received.map((r) => [
        r.headers['essaim-event'],
        JSON.parse(r.body).data.title ?? JSON.parse(r.body).data.name,
      ]),
    ).toEqual([
      ['event.published', 'Still a draft'],
      ['registration.promoted', 'Elif'],
    ]);
  });

  it('retries with backoff: 500, 500, then 200 is delivered at the third attempt', async () => {
    const hook = await endpoint('/flaky', ['registration.created']);
    receiver.plan.set('/flaky', [500, 500]);
    const event = await newEvent(10);
    await registered(t, event.id, { name: 'Fons' });

    expect(await deliver()).toMatchObject({ delivered: 0, failed: 1 });
    let [row] = await deliveryRows(hook.id);
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      response_status: 500,
      last_error: 'HTTP 500 Internal Server Error',
    });
    const wait = row.next_attempt_at.getTime() - Date.now();
    expect(wait).toBeGreaterThan(25_000);
    expect(wait).toBeLessThanOrEqual(30_000);
    // Not due yet: nothing is tried before its time.
    expect(await deliver()).toMatchObject({ delivered: 0, failed: 0 });

    expect(await deliver(later(31_000))).toMatchObject({ delivered: 0, failed: 1 });
    [row] = await deliveryRows(hook.id);
    expect(row).toMatchObject({ attempts: 2, response_status: 500 });
    expect(row.next_attempt_at.getTime() - Date.now()).toBeGreaterThan(31_000 + 55_000); // 60 s after the second attempt
    expect(await deliver(later(31_000 + 50_000))).toMatchObject({ delivered: 0, failed: 0 });
    expect((await t.api('GET', '/api/v1/webhooks', { token: admin })).json().items[0].consecutiveFailures).toBe(2);

    expect(await deliver(later(31_000 + 61_000))).toMatchObject({ delivered: 1, failed: 0 });
    [row] = await deliveryRows(hook.id);
    expect(row).toMatchObject({ status: 'delivered', attempts: 3, response_status: 200, last_error: null });
    expect(row.response_ms).toBeGreaterThanOrEqual(0);
    expect(receiver.received).toHaveLength(3);
    // The same delivery each time: same id, each attempt signed anew.
    expect(new Set(receiver.received.map((r) => r.headers['essaim-webhook-id'])).size).toBe(1);
    for (const r of receiver.received) expect(verify(r, hook.secret)).toBe(true);
    expect((await t.api('GET', '/api/v1/webhooks', { token: admin })).json().items[0].consecutiveFailures).toBe(0);
  });

  it('an endpoint that is down does not see each of its deliveries fail at once', async () => {
    const hook = await endpoint('/down', ['registration.created']);
    receiver.always.set('/down', 503);
    const event = await newEvent(10);
    for (const n of ['Gina', 'Hugo', 'Ines']) await registered(t, event.id, { name: n });
    expect(await deliver()).toMatchObject({ failed: 1 });
    const rows = await deliveryRows(hook.id);
    expect(rows.map((r) => r.attempts).sort()).toEqual([0, 0, 1]);
    for (const r of rows) expect(r.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 25_000);
    receiver.always.delete('/down');
    expect(await deliver(later(31_000))).toMatchObject({ delivered: 3, failed: 0 });
  });

  it(`disables an endpoint after ${MAX_CONSECUTIVE_FAILURES} failures in a row and e-mails every admin`, async () => {
    const hook = await endpoint('/broken', ['registration.created']);
    receiver.always.set('/broken', 500);
    const event = await newEvent(10);
    await registered(t, event.id, { name: 'Jan' });
    let now = Date.now();
    for (let i = 1; i <= MAX_CONSECUTIVE_FAILURES; i++) {
      const r = await deliver(new Date(now));
      expect(r, `attempt ${i}`).toMatchObject({ failed: 1, disabled: i === MAX_CONSECUTIVE_FAILURES ? 1 : 0 });
      now += 2 * 3_600_000;
    }
    const [listed] = (await t.api('GET', '/api/v1/webhooks', { token: admin })).json().items;
    expect(listed).toMatchObject({ id: hook.id, active: false, consecutiveFailures: MAX_CONSECUTIVE_FAILURES });
    expect(listed.disabledAt).toEqual(expect.any(String));
    const [row] = await deliveryRows(hook.id);
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_CONSECUTIVE_FAILURES, response_status: 500 });
    // Nothing more is tried, and nothing new is queued, while it is disabled.
    expect(await deliver(new Date(now + 86_400_000))).toMatchObject({ delivered: 0, failed: 0 });
    await registered(t, event.id, { name: 'Kim' });
    expect(await deliveryRows(hook.id)).toHaveLength(1);
    expect(receiver.received).toHaveLength(MAX_CONSECUTIVE_FAILURES);

    const notices = await t.database.db
      .select()
      .from(outboundMessages)
      .where(eq(outboundMessages.kind, 'webhook.disabled'));
    const admins = (
      await t.database.pool.query(`SELECT email FROM users WHERE role = 'admin' AND network_id = $1`, [t.network.id])
    ).rows.map((r) => r.email);
    expect(notices.map((n) => n.toEmail).sort()).toEqual(admins.sort());
    expect(admins).toContain(adminEmail);
    const mail = await renderMessage(t.database.db, { ...notices[0]!, locale: 'en' }, t.config.baseUrl);
    expect(mail!.subject).toBe(`Webhook disabled: ${receiver.url}/broken`);
    expect(mail!.textBody).toContain(
      `After 10 failed deliveries in a row, the webhook ${receiver.url}/broken has been disabled`,
    );
    expect(mail!.textBody).toContain('HTTP 500');
    expect(mail!.textBody).toContain(`${t.config.baseUrl}/admin/webhooks`);
    expect((await renderMessage(t.database.db, notices[0]!, t.config.baseUrl))!.subject).toBe(
      `Webhook désactivé : ${receiver.url}/broken`,
    );

    // Enabled again: the count starts over, and new events are delivered.
    const enabled = await t.api('PATCH', `/api/v1/webhooks/${hook.id}`, { token: admin, body: { active: true } });
    expect(enabled.json()).toMatchObject({ active: true, consecutiveFailures: 0, disabledAt: null });
    receiver.always.delete('/broken');
    await registered(t, event.id, { name: 'Lea' });
    expect(await deliver(new Date(now))).toMatchObject({ delivered: 1, failed: 0 });
  });

  it('is sent by the background worker of essaim serve, which stops cleanly', async () => {
    const hook = await endpoint('/background', ['event.published']);
    const errors: object[] = [];
    const worker = startWebhookWorker(t.database.db, t.config, { info: () => undefined, error: (o) => errors.push(o) });
    try {
      await newEvent(5);
      for (let i = 0; i < 100 && receiver.received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await worker.stop();
    }
    expect(errors).toEqual([]);
    expect(receiver.received).toHaveLength(1);
    expect(verify(receiver.received[0]!, hook.secret)).toBe(true);
    expect((await deliveryRows(hook.id))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('two workers at once never send the same delivery twice', async () => {
    // Six endpoints: more than one worker keeps in flight (4), so the other always finds an
    // endpoint to serve. With three, a worker quick enough to take the first delivery of each left
    // the other nothing it may send (a later delivery waits behind an earlier one in flight), and
    // the check that both worked failed now and then although nothing was sent twice.
    const paths = ['/w1', '/w2', '/w3', '/w4', '/w5', '/w6'];
    const hooks = await Promise.all(paths.map((p) => endpoint(p, ['registration.created'])));
    const event = await newEvent(50);
    for (const n of ['Mia', 'Noa', 'Oto']) await registered(t, event.id, { name: n });
    receiver.delayMs = 30;
    const [a, b] = await Promise.all([deliver(), deliver()]);
    expect(a.delivered + b.delivered).toBe(18);
    expect(a.delivered).toBeGreaterThan(0);
    expect(b.delivered).toBeGreaterThan(0);
    const ids = receiver.received.map((r) => r.headers['essaim-webhook-id']);
    expect(new Set(ids).size).toBe(18);
    expect(ids).toHaveLength(18);
    for (const h of hooks)
      expect((await deliveryRows(h.id)).every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
  });
});

describe('the admin page', () => {
  const as = async (role: 'admin' | 'member') => {
    const b = new FormSession(t.app);
    const { user } = await t.user(role);
    b.cookies.set('essaim_session', (await createSession(t.database.db, user)).cookie);
    return b;
  };

  it('lists, adds (showing the secret once), disables, enables and deletes endpoints, with CSRF', async () => {
    const b = await as('admin');
    const home = await b.request('GET', '/admin');
    expect(home.body).toContain('href="/admin/webhooks"');
    const page = await b.request('GET', '/admin/webhooks');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Webhooks</h1>');
    expect(page.body).toContain('No endpoint yet.');

    // Without the CSRF token: refused.
    expect(
      (await b.request('POST', '/admin/webhooks', { url: `${receiver.url}/page`, events: ['event.published'] }))
        .statusCode,
    ).toBe(403);
    expect((await t.database.pool.query('SELECT count(*)::int AS n FROM webhook_endpoints')).rows[0].n).toBe(0);

    const invalid = await b.request('POST', '/admin/webhooks', {
      _csrf: csrfOf(page.body),
      url: 'not a url',
      events: [],
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('aria-invalid="true"');
    expect(invalid.body).toContain('choose at least one event');

    const created = await b.request('POST', '/admin/webhooks', {
      _csrf: csrfOf(invalid.body),
      url: `${receiver.url}/page`,
      events: ['event.published', 'event.cancelled'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const secret = /<code id="webhook-secret">([^<]+)<\/code>/.exec(created.body)![1]!;
    const [row] = await t.database.db.select().from(webhookEndpoints);
    expect(row).toMatchObject({
      url: `${receiver.url}/page`,
      events: ['event.published', 'event.cancelled'],
      active: true,
      secret,
    });

    // Shown once: the list never shows it again.
    const list = await b.request('GET', '/admin/webhooks');
    expect(list.body).toContain(`${receiver.url}/page`);
    expect(list.body).not.toContain(secret);

    // A delivery shows up in the recent deliveries.
    await newEvent(5);
    await deliver();
    const withDelivery = await b.request('GET', '/admin/webhooks');
    expect(withDelivery.body).toContain('<code>event.published</code>');
    expect(withDelivery.body).toContain('Delivered');

    const disabled = await b.request('POST', `/admin/webhooks/${row!.id}/disable`, {
      _csrf: csrfOf(withDelivery.body),
    });
    expect(disabled.statusCode).toBe(303);
    expect((await t.database.db.select().from(webhookEndpoints))[0]!.active).toBe(false);
    const paused = await b.request('GET', '/admin/webhooks');
    expect(paused.body).toContain('>Enable</button>');
    expect(
      (await b.request('POST', `/admin/webhooks/${row!.id}/enable`, { _csrf: csrfOf(paused.body) })).statusCode,
    ).toBe(303);
    expect((await t.database.db.select().from(webhookEndpoints))[0]!.active).toBe(true);

    const again = await b.request('GET', '/admin/webhooks');
    expect((await b.request('POST', `/admin/webhooks/${row!.id}/delete`, {})).statusCode).toBe(403);
    expect(
      (await b.request('POST', `/admin/webhooks/${row!.id}/delete`, { _csrf: csrfOf(again.body) })).statusCode,
    ).toBe(303);
    expect(await t.database.db.select().from(webhookEndpoints)).toHaveLength(0);
  });

  it('refuses a private address from the form when not allowed, in the visitor’s language', async () => {
    const strict = await buildApp({ ...t.config, allowPrivateWebhooks: false }, t.database);
    try {
      const { user } = await t.user('admin');
      const cookie = `essaim_session=${(await createSession(t.database.db, user)).cookie}`;
      const page = await strict.inject({ url: '/admin/webhooks?lang=fr', headers: { cookie } });
      expect(page.body).toContain('Ajouter une adresse');
      const cookies = [
        cookie,
        ...(page.cookies as { name: string; value: string }[]).map((c) => `${c.name}=${c.value}`),
      ].join('; ');
      const res = await strict.inject({
        method: 'POST',
        url: '/admin/webhooks',
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: csrfOf(page.body),
          url: 'https://192.168.0.10/hook',
          events: 'event.published',
        }).toString(),
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('l’adresse privée 192.168.0.10');
      expect(await t.database.db.select().from(webhookEndpoints)).toHaveLength(0);
    } finally {
      await strict.close();
    }
  });

  it('is for admins: members get 403, visitors are sent to sign in', async () => {
    const m = await as('member');
    expect((await m.request('GET', '/admin/webhooks')).statusCode).toBe(403);
    const csrf = csrfOf((await m.request('GET', '/me')).body);
    expect(
      (
        await m.request('POST', '/admin/webhooks', {
          _csrf: csrf,
          url: `${receiver.url}/x`,
          events: ['event.published'],
        })
      ).statusCode,
    ).toBe(403);
    const visitor = await t.app.inject({ url: '/admin/webhooks' });
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toBe('/login?next=%2Fadmin%2Fwebhooks');
  });
});

describe('order per endpoint', () => {
  it('a later delivery waits behind an earlier failing one; each carries its sequence number', async () => {
    const hook = await endpoint('/ordered', ['registration.created']);
    receiver.plan.set('/ordered', [500]);
    const event = await newEvent(10);
    await registered(t, event.id, { name: 'First' });
    expect(await deliver()).toMatchObject({ failed: 1 });
    // A new registration while the endpoint backs off: due now, but it must not overtake the first.
    await registered(t, event.id, { name: 'Second' });
    await t.database.pool.query(
      `UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 second' WHERE endpoint_id = $1 AND attempts = 0`,
      [hook.id],
    );
    expect(await deliver()).toMatchObject({ delivered: 0, failed: 0 });
    expect(await deliver(later(31_000))).toMatchObject({ delivered: 2, failed: 0 });
    const got = receiver.received.filter((r) => r.path === '/ordered');
    expect(
      got.map((r) => [JSON.parse(r.body).data.name, r.headers['essaim-sequence'], JSON.parse(r.body).sequence]),
    ).toEqual([
      ['First', '1', 1],
      ['First', '1', 1],
      ['Second', '2', 2],
    ]);
  });
});
