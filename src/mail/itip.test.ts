import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { daysFromNow, register as registerFor } from '../../test/support/factories.js';
import { startSmtp, type TestSmtp } from '../../test/support/smtp.js';
import { createTransport, deliverDue } from './worker.js';

let t: TestApp;
let smtp: TestSmtp;
let admin: string;
let seq = 0;

beforeAll(async () => {
  t = await startTestApp();
  smtp = await startSmtp();
  admin = (await t.user('admin')).token;
  await t.api('POST', '/api/v1/chapters', { token: admin, body: { name: 'Namur', city: 'Namur', status: 'active' } });
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});
beforeEach(async () => {
  await t.database.pool.query(`UPDATE outbound_messages SET status = 'sent' WHERE status <> 'sent'`);
  smtp.received.length = 0;
  smtp.raw.length = 0;
});

// BASE_URL is http://127.0.0.1:3000 in tests: an IP, so the organiser must come from MAIL_FROM.
const config = () => ({ ...t.config, smtpUrl: smtp.url, mailFrom: 'Test network <events@example.org>' });
const deliver = () => deliverDue(t.database.db, config(), createTransport(config()));
const event = async (capacity = 10) =>
  (
    await t.api('POST', '/api/v1/chapters/namur/events', {
      token: admin,
      body: {
        title: `Meetup ${++seq}`,
        startsAt: daysFromNow(10 + seq),
        endsAt: daysFromNow(10 + seq, 20),
        onlineUrl: 'https://meet.example.org/m',
        capacity,
      },
    })
  ).json().id as string;
// Mails go out in the language of the registration's request.
const register = (id: string, name: string, email: string, lang = 'en') =>
  registerFor(t, id, { name, email }, { headers: { 'accept-language': lang } });
const calendarOf = (raw: string) => {
  // The text/calendar part, taken from the raw message (mailparser does not keep the MIME tree).
  const m = /Content-Type: text\/calendar[^\r\n]*(?:\r\n[ \t][^\r\n]*)*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/i.exec(
    raw,
  )!;
  const headers = m[0].slice(0, m[0].indexOf('\r\n\r\n'));
  const body = /Content-Transfer-Encoding: base64/i.test(headers)
    ? Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64').toString('utf8')
    : /quoted-printable/i.test(headers)
      ? m[1]!
          .replace(/=\r\n/g, '')
          .replace(/(=[0-9A-F]{2})+/g, (s) => Buffer.from(s.replace(/=/g, ''), 'hex').toString('utf8'))
      : m[1]!;
  return { headers, ics: new ICAL.Component(ICAL.parse(body)) };
};

describe('iTIP in e-mails', () => {
  it('puts the invitation inside multipart/alternative, with method, a fresh DTSTAMP and a real organiser', async () => {
    const id = await event();
    // The event last changed an hour ago: DTSTAMP must be the message's time, not that.
    await t.database.pool.query(`UPDATE events SET updated_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    const before = Date.now();
    expect((await register(id, `Jürgen "JJ" O'Brien, Jr.`, 'jj@example.org')).statusCode).toBe(201);
    await deliver();
    const [raw] = await (async () => {
      await smtp.waitFor(1);
      return smtp.raw;
    })();
    const alternative = /Content-Type: multipart\/alternative;\s*boundary="?([^"\r\n]+)"?/i.exec(raw!)!;
    expect(alternative).not.toBeNull();
    const boundary = alternative[1]!;
    const inside = raw!.slice(raw!.indexOf(`--${boundary}\r\n`), raw!.indexOf(`--${boundary}--`));
    expect(inside).toMatch(/Content-Type: text\/plain/i);
    expect(inside).toMatch(/Content-Type: text\/html/i);
    expect(inside).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    const { ics } = calendarOf(raw!);
    expect(ics.getFirstPropertyValue('method')).toBe('REQUEST');
    const v = ics.getFirstSubcomponent('vevent')!;
    expect(v.getFirstProperty('attendee')!.getParameter('cn')).toBe(`Jürgen "JJ" O'Brien, Jr.`);
    expect(String(v.getFirstPropertyValue('organizer'))).toBe('mailto:events@example.org');
    const stamp = (v.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().getTime();
    expect(stamp).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    const updated = new Date((await t.api('GET', `/api/v1/events/${id}`)).json().updatedAt).getTime();
    expect(stamp).toBeGreaterThan(updated);
  });

  it.each([
    ['the person', 'fr', 'Inscription annulée'],
    ['an organiser', 'nl', 'Inschrijving geannuleerd'],
  ])('cancelling one registration (by %s) sends METHOD:CANCEL in their language', async (who, lang, subject) => {
    const id = await event();
    const reg = (await register(id, 'Ana', `ana${seq}@example.org`, lang)).json();
    await deliver();
    await smtp.waitFor(1);
    const secret = new URL(reg.manageUrl).pathname.split('/').pop();
    const res =
      who === 'the person'
        ? await t.api('POST', `/api/v1/registrations/${reg.id}/cancel?secret=${secret}`)
        : await t.api('POST', `/api/v1/registrations/${reg.id}/cancel`, { token: admin });
    expect(res.statusCode).toBe(200);
    await deliver();
    const all = await smtp.waitFor(2);
    expect(all[1]!.subject).toBe(`${subject}${lang === 'fr' ? ' : ' : ': '}Meetup ${seq}`);
    const { headers, ics } = calendarOf(smtp.raw[1]!);
    expect(headers).toMatch(/method=CANCEL/i);
    expect(ics.getFirstPropertyValue('method')).toBe('CANCEL');
    const v = ics.getFirstSubcomponent('vevent')!;
    expect(String(v.getFirstPropertyValue('uid'))).toMatch(new RegExp(`^${id}@`));
    expect(String(v.getFirstPropertyValue('attendee')).toLowerCase()).toBe(`mailto:ana${seq}@example.org`);
  });
});

describe('an address that is already registered', () => {
  it('answers 202 without its status and mails the owner their link; a new registrant gets 201 with status', async () => {
    const id = await event(1);
    const first = await register(id, 'Owner', 'owner@example.org');
    expect(first.statusCode).toBe(201);
    expect(first.json().status).toBe('confirmed');
    const second = await register(id, 'Waiting', 'waiting@example.org');
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    await deliver();
    await smtp.waitFor(2);
    smtp.received.length = 0;
    for (const email of ['owner@example.org', 'waiting@example.org']) {
      const again = await register(id, 'Someone else', email);
      expect(again.statusCode).toBe(202);
      expect(again.json()).toEqual({
        message: 'This address is already registered: the ticket link has been sent to it.',
      });
      expect(again.body).not.toMatch(/confirmed|waitlist|position/i);
    }
    await deliver();
    const mails = await smtp.waitFor(2);
    expect(mails.map((m) => m.to && 'value' in m.to && m.to.value[0]!.address).sort()).toEqual([
      'owner@example.org',
      'waiting@example.org',
    ]);
    expect(mails.every((m) => m.subject === `Your registration link: Meetup ${seq}`)).toBe(true);
    expect(mails.find((m) => m.text?.includes('/r/'))).toBeDefined();
  });

  it('a guest POST to a draft answers 404, as its GET does', async () => {
    const draft = (
      await t.api('POST', '/api/v1/chapters/namur/events', {
        token: admin,
        body: {
          title: 'Draft',
          startsAt: daysFromNow(40),
          endsAt: daysFromNow(40, 20),
          onlineUrl: 'https://meet.example.org/d',
          capacity: 5,
          status: 'draft',
        },
      })
    ).json().id;
    expect((await t.api('GET', `/api/v1/events/${draft}`)).statusCode).toBe(404);
    const res = await register(draft, 'Guest', 'guest@example.org');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
