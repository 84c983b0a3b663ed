import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { startSmtp, type TestSmtp } from '../../test/support/smtp.js';
import { createTransport, deliverDue } from './worker.js';
import { daysFromNow } from '../../test/support/factories.js';

let t: TestApp;
let smtp: TestSmtp;
let admin: string;
let organiser: { token: string; user: { email: string } };
let seq = 0;

beforeAll(async () => {
  t = await startTestApp();
  smtp = await startSmtp();
  admin = (await t.user('admin')).token;
  organiser = await t.user('member');
  await t.api('POST', '/api/v1/chapters', {
    token: admin,
    body: { name: 'Charleroi', city: 'Charleroi', status: 'active' },
  });
  await t.api('POST', '/api/v1/chapters/charleroi/organizers', { token: admin, body: { email: organiser.user.email } });
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});
beforeEach(async () => {
  await t.database.pool.query(`UPDATE outbound_messages SET status = 'sent', sent_at = now() WHERE status <> 'sent'`);
  smtp.received.length = 0;
});

const config = () => ({ ...t.config, smtpUrl: smtp.url, mailFrom: 'Test <noreply@example.org>' });
const event = async (chapter = 'charleroi') =>
  (
    await t.api('POST', `/api/v1/chapters/${chapter}/events`, {
      token: admin,
      body: {
        title: `Meetup ${++seq}`,
        startsAt: daysFromNow(20 + seq),
        endsAt: daysFromNow(20.1 + seq),
        capacity: 3,
        onlineUrl: 'https://meet.example.org/m',
      },
    })
  ).json().id as string;
const crowd = (id: string, n: number, prefix: string) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      t.api('POST', `/api/v1/events/${id}/registrations`, {
        body: { name: `${prefix}${i}`, email: `${prefix}${i}@example.org` },
      }),
    ),
  );
const notices = async () =>
  (
    await t.database.pool.query(
      `SELECT kind, next_attempt_at FROM outbound_messages WHERE status = 'pending' AND kind LIKE 'organizer.%'`,
    )
  ).rows as { kind: string; next_attempt_at: Date }[];

it('gathers a crowd of registrations into one notice to the organiser, which can be unsubscribed in one click', async () => {
  const id = await event();
  await crowd(id, 5, 'fan');
  expect((await notices()).map((n) => n.kind)).toEqual(['organizer.registrations']);
  // Sent a minute later, with what arrived meanwhile.
  await deliverDue(t.database.db, config(), createTransport(config()), new Date(Date.now() + 61_000));
  const mail = (await smtp.waitFor(1)).find((m) => m.subject?.includes('nouvelles inscriptions'))!;
  expect(mail.subject).toBe(`5 nouvelles inscriptions : Meetup ${seq}`);
  expect(mail.text).toContain(`Meetup ${seq} : 5 nouvelles (2 en liste d’attente)`);
  const line = (key: string) => mail.headerLines.find((h) => h.key === key)?.line ?? '';
  const url = /<(http[^>]+)>/.exec(line('list-unsubscribe'))![1]!;
  expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

  // RFC 8058: the mail client POSTs, with no page and no CSRF token.
  const done = await t.app.inject({
    method: 'POST',
    url: new URL(url).pathname,
    payload: 'List-Unsubscribe=One-Click',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
  });
  expect(done.statusCode).toBe(200);
  expect(done.body).toContain('you will no longer receive these notices for Charleroi');
  await crowd(await event(), 2, 'late');
  expect(await notices()).toEqual([]);
  // A forged token changes nothing.
  expect((await t.app.inject({ method: 'POST', url: `${new URL(url).pathname.slice(0, -3)}xyz` })).statusCode).toBe(
    404,
  );
});

it('sends a daily digest at 08:00 Brussels time to an organiser who chose it', async () => {
  // A chapter of its own, so that only this test's registrations are news.
  await t.api('POST', '/api/v1/chapters', { token: admin, body: { name: 'Mons', city: 'Mons', status: 'active' } });
  await t.api('POST', '/api/v1/chapters/mons/organizers', { token: admin, body: { email: organiser.user.email } });
  const set = await t.api('PUT', '/api/v1/chapters/mons/organizers/me/notifications', {
    token: organiser.token,
    body: { notify: 'daily' },
  });
  expect(set.statusCode).toBe(200);
  const a = await event('mons');
  const b = await event('mons');
  await crowd(a, 2, 'a');
  await crowd(b, 1, 'b');
  const pending = await notices();
  expect(pending).toHaveLength(1);
  expect(pending[0]!.kind).toBe('organizer.digest');
  const at = pending[0]!.next_attempt_at;
  expect(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Brussels', hour: '2-digit', minute: '2-digit' }).format(at),
  ).toBe('08:00');
  await deliverDue(t.database.db, config(), createTransport(config()), at);
  const digest = (await smtp.waitFor(1)).find((m) => m.subject?.startsWith('Mons'))!;
  expect(digest.subject).toBe('Mons : 3 nouvelles inscriptions aujourd’hui');
  expect(digest.text).toContain(`Meetup ${seq - 1} : 2 nouvelles`);
  expect(digest.text).toContain(`Meetup ${seq} : 1 nouvelle (`);
});

it('lets only organisers choose, and says what is allowed', async () => {
  const member = await t.user('member');
  expect(
    (
      await t.api('PUT', '/api/v1/chapters/charleroi/organizers/me/notifications', {
        token: member.token,
        body: { notify: 'off' },
      })
    ).statusCode,
  ).toBe(404);
  const bad = await t.api('PUT', '/api/v1/chapters/charleroi/organizers/me/notifications', {
    token: organiser.token,
    body: { notify: 'hourly' },
  });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().errors).toEqual([
    {
      field: 'notify',
      message: 'must be one of: immediate, daily, off',
      code: 'validation.oneOf',
      params: { values: 'immediate, daily, off' },
    },
  ]);
});

it("writes the organiser's notice in the language of their profile", async () => {
  const dutch = await t.user('member');
  await t.api('PATCH', '/api/v1/me/profile', { token: dutch.token, body: { locale: 'nl' } });
  await t.api('POST', '/api/v1/chapters', {
    token: admin,
    body: { name: 'Kortrijk', city: 'Kortrijk', status: 'active' },
  });
  await t.api('POST', '/api/v1/chapters/kortrijk/organizers', { token: admin, body: { email: dutch.user.email } });
  const id = await event('kortrijk');
  await crowd(id, 2, 'kortrijk');
  await deliverDue(t.database.db, config(), createTransport(config()), new Date(Date.now() + 61_000));
  // Two confirmations to the attendees (in the language they registered in), and the notice.
  const mails = await smtp.waitFor(3);
  const notice = mails.find((m) => m.to && 'text' in m.to && m.to.text.includes(dutch.user.email));
  expect(notice?.subject).toBe(`2 nieuwe inschrijvingen: Meetup ${seq}`);
});
