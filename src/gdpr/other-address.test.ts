import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['user']>>;
let eventId: string;
const day = (d: number, h = 0) => new Date(Date.now() + d * 86_400_000 + h * 3_600_000).toISOString();
const q = async (sql: string, params: unknown[] = []) => (await t.database.pool.query(sql, params)).rows;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.user('admin');
  await t.api('POST', '/api/v1/chapters', {
    token: admin.token,
    body: { name: 'Namur', city: 'Namur', status: 'active' },
  });
  eventId = (
    await t.api('POST', '/api/v1/chapters/namur/events', {
      token: admin.token,
      body: {
        title: 'Namur IT day',
        startsAt: day(5),
        endsAt: day(5, 3),
        capacity: 10,
        onlineUrl: 'https://meet.example.org/n',
      },
    })
  ).json().id;
  await q(
    `INSERT INTO webhook_endpoints (network_id, url, secret, events) VALUES ($1, 'https://hooks.example.org/n', 's', '{registration.created}')`,
    [t.network.id],
  );
});
afterAll(() => t.close());

describe('deletion of a member who registered under another address', () => {
  it('leaves no mail and no webhook payload with that address or name', async () => {
    const zed = await t.user('member', 'zed@example.org');
    const res = await t.api('POST', `/api/v1/events/${eventId}/registrations`, {
      token: zed.token,
      body: { name: 'Zed Alias', email: 'zed.work@example.org' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const registrationId = res.json().id as string;
    expect((await q(`SELECT user_id FROM registrations WHERE id = $1`, [registrationId]))[0].user_id).toBe(zed.user.id);
    // The confirmation and the reminder are queued to the second address, the webhook names it.
    const mails = await q(`SELECT kind FROM outbound_messages WHERE to_email = 'zed.work@example.org' ORDER BY kind`);
    expect(mails.map((m) => m.kind)).toEqual(['registration.confirmed', 'registration.reminder']);
    expect(
      await q(`SELECT 1 FROM webhook_deliveries WHERE payload->'data'->>'email' = 'zed.work@example.org'`),
    ).toHaveLength(1);
    // Someone else's mail and webhook stay as they are.
    const other = await t.api('POST', `/api/v1/events/${eventId}/registrations`, {
      body: { name: 'Other Person', email: 'other@example.org' },
    });
    expect(other.statusCode, other.body).toBe(201);

    expect(
      (await t.api('DELETE', '/api/v1/me', { token: zed.token, body: { confirm: 'zed@example.org' } })).statusCode,
    ).toBe(204);

    const dump = JSON.stringify(
      await q(
        `SELECT (SELECT json_agg(r) FROM registrations r) AS r, (SELECT json_agg(m) FROM outbound_messages m) AS m, (SELECT json_agg(w) FROM webhook_deliveries w) AS w`,
      ),
    );
    expect(dump).not.toContain('zed.work@example.org');
    expect(dump).not.toContain('Zed Alias');
    expect(dump).toContain(`deleted-${registrationId}@invalid`);
    expect(await q(`SELECT 1 FROM outbound_messages WHERE payload->>'registrationId' = $1`, [registrationId])).toEqual(
      [],
    );
    const [delivery] = await q(`SELECT payload FROM webhook_deliveries WHERE payload->'data'->>'id' = $1`, [
      registrationId,
    ]);
    expect(delivery.payload.data).toMatchObject({
      id: registrationId,
      name: 'Deleted member',
      email: `deleted-${registrationId}@invalid`,
    });
    expect(dump).toContain('other@example.org');
    expect(await q(`SELECT 1 FROM outbound_messages WHERE to_email = 'other@example.org'`)).not.toEqual([]);
  });
});
