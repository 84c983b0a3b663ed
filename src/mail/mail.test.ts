import ICAL from 'ical.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { startSmtp, type TestSmtp } from '../../test/support/smtp.js';
import { createSession } from '../accounts/service.js';
import { createTransport, deliverDue, releaseHeld } from './worker.js';
import { daysFromNow, register } from '../../test/support/factories.js';

let t: TestApp;
let smtp: TestSmtp;
let admin: string;
let seq = 0;

beforeAll(async () => {
  t = await startTestApp();
  smtp = await startSmtp();
  admin = (await t.user('admin')).token;
  await t.api('POST', '/api/v1/venues', {
    token: admin,
    body: {
      name: 'Switch',
      city: 'Charleroi',
      address: 'Rue de la Montagne 20',
      rooms: [{ name: 'Event room', capacity: 50 }],
    },
  });
  await t.api('POST', '/api/v1/chapters', {
    token: admin,
    body: { name: 'Charleroi', city: 'Charleroi', status: 'active' },
  });
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});
beforeEach(async () => {
  // Each test sees only its own messages.
  await t.database.pool.query(`UPDATE outbound_messages SET status = 'sent' WHERE status <> 'sent'`);
  smtp.received.length = 0;
  smtp.refusing = false;
});

const config = () => ({ ...t.config, smtpUrl: smtp.url, mailFrom: 'Test network <noreply@example.org>' });
const event = async (capacity: number) =>
  (
    await t.api('POST', '/api/v1/chapters/charleroi/events', {
      token: admin,
      body: {
        title: `IT day ${++seq}`,
        startsAt: daysFromNow(10 + seq, 17),
        endsAt: daysFromNow(10 + seq, 20),
        venue: 'switch',
        room: 'Event room',
        capacity,
      },
    })
  ).json().id as string;

describe('registration e-mails over SMTP', () => {
  it('names the event in the recipient’s language when the organisers translated it, else as written', async () => {
    const res = await t.api('POST', '/api/v1/chapters/charleroi/events', {
      token: admin,
      body: {
        title: `Journée IT ${++seq}`,
        language: 'fr',
        translations: { nl: { title: `IT-dag ${seq}` } },
        startsAt: daysFromNow(40, 17),
        endsAt: daysFromNow(40, 20),
        onlineUrl: 'https://meet.example.org/it',
        capacity: 10,
      },
    });
    const id = res.json().id as string;
    await register(t, id, { name: 'Noor' }, { language: 'nl' });
    await register(t, id, { name: 'Emma' }, { language: 'en' });
    await deliverDue(t.database.db, config(), createTransport(config()));
    const mails = await smtp.waitFor(2);
    const to = (name: string) => mails.find((m) => m.to && JSON.stringify(m.to).includes(name.toLowerCase()))!;
    expect(to('Noor').subject).toBe(`Je bent ingeschreven: IT-dag ${seq}`);
    const invite = to('Noor').attachments.find((a) => a.contentType === 'text/calendar')!;
    const vevent = new ICAL.Component(ICAL.parse(invite.content.toString('utf8'))).getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('summary')).toBe(`IT-dag ${seq}`);
    // No English title written: the English reader gets the French one.
    expect(to('Emma').subject).toBe(`You are registered: Journée IT ${seq}`);
  });

  it('sends the confirmation in the language of the registration, with the ticket link', async () => {
    const id = await event(10);
    const res = await register(t, id, { name: 'Anke' }, { language: 'nl-BE,nl;q=0.9' });
    expect(res.statusCode).toBe(201);
    const result = await deliverDue(t.database.db, config(), createTransport(config()));
    expect(result).toMatchObject({ sent: 1, failed: 0 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe(`Je bent ingeschreven: IT day ${seq}`);
    expect(mail!.to).toMatchObject({ value: [{ address: 'anke@example.org', name: 'Anke' }] });
    expect(mail!.from?.value[0]?.address).toBe('noreply@example.org');
    expect(mail!.headers.get('content-language')).toBe('nl');
    expect(mail!.text).toContain('Hallo Anke,');
    expect(mail!.text).toContain(res.json().manageUrl);
    expect(mail!.text).toContain('Switch, Event room, Rue de la Montagne 20, Charleroi');
    expect(mail!.html).toContain('<html lang="nl">');
    // An .ics invitation that calendars understand.
    const invite = mail!.attachments.find((a) => a.contentType === 'text/calendar')!;
    expect(invite.contentType).toBe('text/calendar');
    const cal = new ICAL.Component(ICAL.parse(invite.content.toString('utf8')));
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = cal.getFirstSubcomponent('vevent')!;
    expect(vevent.getFirstPropertyValue('uid')).toMatch(new RegExp(`^${id}@`));
    expect(vevent.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Brussels');
    expect(String(vevent.getFirstPropertyValue('attendee')).toLowerCase()).toBe('mailto:anke@example.org');
    // The outbox keeps the record of what was sent.
    const row = (
      await t.database.pool.query(
        `SELECT status, attempts, subject FROM outbound_messages WHERE to_email = $1 AND kind = 'registration.confirmed'`,
        ['anke@example.org'],
      )
    ).rows[0];
    expect(row).toEqual({ status: 'sent', attempts: 1, subject: `Je bent ingeschreven: IT day ${seq}` });
  });

  it('tells the waitlisted their position, and the promoted that they have a seat', async () => {
    const id = await event(1);
    const first = (await register(t, id, { name: 'Ada' }, { language: 'en' })).json();
    await register(t, id, { name: 'Bruno' }, { language: 'fr-BE' });
    await deliverDue(t.database.db, config(), createTransport(config()));
    const [, waitlisted] = await smtp.waitFor(2);
    expect(waitlisted!.subject).toBe(`Liste d’attente, position 1 : IT day ${seq}`);
    expect(waitlisted!.text).toContain('en position 1');
    const secret = new URL(first.manageUrl).pathname.split('/').pop();
    expect((await t.api('POST', `/api/v1/registrations/${first.id}/cancel?secret=${secret}`)).statusCode).toBe(200);
    await deliverDue(t.database.db, config(), createTransport(config()));
    const received = await smtp.waitFor(4);
    const promoted = received.slice(2).find((m) => m.subject === `Une place pour vous : IT day ${seq}`);
    expect(promoted!.to).toMatchObject({ value: [{ address: 'bruno@example.org' }] });
    // Ada, who cancelled, is told so, with the cancellation of her invitation.
    expect(received.slice(2).map((m) => m.subject)).toContain(`Registration cancelled: IT day ${seq}`);
  });
});

describe('an SMTP outage', () => {
  it('loses nothing: registrations go on, every message arrives once when the server is back', async () => {
    const id = await event(3);
    smtp.refusing = true;
    const names = ['Cleo', 'Dirk', 'Elif', 'Fons', 'Gina'];
    for (const n of names) expect((await register(t, id, { name: n }, { language: 'en' })).statusCode).toBe(201);
    // A round stops at the first failure; five rounds try each message once.
    for (let round = 0; round < 5; round++)
      expect(await deliverDue(t.database.db, config(), createTransport(config()))).toMatchObject({
        sent: 0,
        failed: 1,
      });
    const waiting = (
      await t.database.pool.query(
        `SELECT attempts, last_error, next_attempt_at > now() AS later FROM outbound_messages WHERE status = 'pending' AND kind <> 'registration.reminder'`,
      )
    ).rows;
    expect(waiting).toHaveLength(5);
    for (const w of waiting) {
      expect(w).toMatchObject({ attempts: 1, later: true });
      expect(w.last_error).toContain('451');
    }
    // Not yet due: nothing is tried again before its time.
    expect(await deliverDue(t.database.db, config(), createTransport(config()))).toMatchObject({ sent: 0, failed: 0 });

    smtp.refusing = false;
    // An hour later: past the backoff, long before the reminders (24 h before the event).
    const later = new Date(Date.now() + 60 * 60_000);
    expect(await deliverDue(t.database.db, config(), createTransport(config()), later)).toMatchObject({
      sent: 5,
      failed: 0,
    });
    expect(await deliverDue(t.database.db, config(), createTransport(config()), later)).toMatchObject({ sent: 0 });
    const received = await smtp.waitFor(5);
    const to = received.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)!.value[0]!.address).sort();
    expect(to).toEqual(names.map((n) => `${n.toLowerCase()}@example.org`).sort());
    expect(received.filter((m) => m.subject?.startsWith('Waitlist')).length).toBe(2);
  });
});

describe('without SMTP_URL', () => {
  it('keeps messages in the outbox, shows them to admins, and sends them once a server is set', async () => {
    const id = await event(5);
    await register(t, id, { name: 'Hugo' }, { language: 'en' });
    expect(await deliverDue(t.database.db, t.config, undefined)).toMatchObject({ held: 1 });
    expect(smtp.received).toHaveLength(0);
    const row = (
      await t.database.pool.query(
        `SELECT status, subject FROM outbound_messages WHERE to_email = 'hugo@example.org' AND kind = 'registration.confirmed'`,
      )
    ).rows[0];
    expect(row).toEqual({ status: 'held', subject: `You are registered: IT day ${seq}` });

    const { user } = await t.user('admin');
    const session = await createSession(t.database.db, user);
    const page = await t.app.inject({ url: '/admin/outbox?lang=en', cookies: { essaim_session: session.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('hugo@example.org');
    expect(page.body).toContain('Held (no mail server)');
    expect(page.body).toContain('No mail server is configured (SMTP_URL)');
    // A message not sent yet shows the subject it will carry, not its kind.
    expect(page.body).toContain(`>You are registered: IT day ${seq}</a></td>`);
    expect(page.body).not.toContain('>registration.confirmed</a>');
    // Day first, 24-hour, in English too.
    expect(page.body).toMatch(/<td>\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}<\/td>/);
    const member = await t.user('member');
    const memberSession = await createSession(t.database.db, member.user);
    expect(
      (await t.app.inject({ url: '/admin/outbox', cookies: { essaim_session: memberSession.cookie } })).statusCode,
    ).toBe(403);

    expect(await releaseHeld(t.database.db)).toBeGreaterThanOrEqual(1);
    await deliverDue(t.database.db, config(), createTransport(config()));
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe(`You are registered: IT day ${seq}`);
  });
});

describe('reminders, changes and cancellation', () => {
  const due = async (email: string) =>
    (
      await t.database.pool.query(
        `SELECT kind, next_attempt_at FROM outbound_messages WHERE to_email = $1 AND status = 'pending' ORDER BY kind`,
        [email],
      )
    ).rows as { kind: string; next_attempt_at: Date }[];

  it('reminds the confirmed 24 h before, follows the event when it moves, tells of the change, and skips those who cancelled', async () => {
    const id = await event(1);
    const start = new Date((await t.api('GET', `/api/v1/events/${id}`)).json().startsAt);
    const ines = (await register(t, id, { name: 'Ines' }, { language: 'fr-BE' })).json();
    await register(t, id, { name: 'Jan' }, { language: 'nl-BE' });
    await deliverDue(t.database.db, config(), createTransport(config()));
    expect((await smtp.waitFor(2)).map((m) => m.subject)).toEqual([
      `Inscription confirmée : IT day ${seq}`,
      `Wachtlijst, plaats 1: IT day ${seq}`,
    ]);
    // The reminder waits for its time; the waitlisted get none.
    expect(await due('ines@example.org')).toEqual([
      { kind: 'registration.reminder', next_attempt_at: new Date(start.getTime() - 86_400_000) },
    ]);
    expect(await due('jan@example.org')).toEqual([]);

    // The event moves two hours later: the reminder moves too, and everyone is told.
    const moved = new Date(start.getTime() + 2 * 3_600_000);
    const patch = await t.api('PATCH', `/api/v1/events/${id}`, {
      token: admin,
      body: { startsAt: moved.toISOString(), endsAt: new Date(moved.getTime() + 3 * 3_600_000).toISOString() },
    });
    expect(patch.statusCode).toBe(200);
    expect((await due('ines@example.org')).find((r) => r.kind === 'registration.reminder')!.next_attempt_at).toEqual(
      new Date(moved.getTime() - 86_400_000),
    );
    await deliverDue(t.database.db, config(), createTransport(config()));
    const changed = (await smtp.waitFor(4)).slice(2);
    expect(changed.map((m) => m.subject).sort()).toEqual([`Gewijzigd: IT day ${seq}`, `Modifié : IT day ${seq}`]);

    // At reminder time, Ines gets it.
    await deliverDue(t.database.db, config(), createTransport(config()), new Date(moved.getTime() - 23 * 3_600_000));
    const reminder = (await smtp.waitFor(5))[4]!;
    expect(reminder.subject).toBe(`Demain : IT day ${seq}`);
    expect(reminder.text).toContain(ines.manageUrl);

    // Jan, promoted after a cancellation, gets a reminder; whoever cancels loses theirs.
    const secret = new URL(ines.manageUrl).pathname.split('/').pop();
    await t.api('POST', `/api/v1/registrations/${ines.id}/cancel?secret=${secret}`);
    expect((await due('jan@example.org')).map((r) => r.kind)).toEqual([
      'registration.promoted',
      'registration.reminder',
    ]);
    const jan = (await t.api('GET', `/api/v1/events/${id}/registrations?status=confirmed`, { token: admin })).json()
      .items[0];
    await t.api('POST', `/api/v1/registrations/${jan.id}/cancel`, { token: admin });
    expect((await due('jan@example.org')).map((r) => r.kind)).toEqual([
      'registration.cancelled',
      'registration.promoted',
    ]);
  });

  it('tells everyone registered when the event is cancelled, with the reason, and drops the reminders', async () => {
    const id = await event(5);
    await register(t, id, { name: 'Kim' }, { language: 'en' });
    await deliverDue(t.database.db, config(), createTransport(config()));
    await smtp.waitFor(1);
    expect(
      (await t.api('POST', `/api/v1/events/${id}/cancel`, { token: admin, body: { reason: 'The room flooded' } }))
        .statusCode,
    ).toBe(200);
    expect((await due('kim@example.org')).map((r) => r.kind)).toEqual(['event.cancelled']);
    await deliverDue(t.database.db, config(), createTransport(config()));
    const [, cancelled] = await smtp.waitFor(2);
    expect(cancelled!.subject).toBe(`Cancelled: IT day ${seq}`);
    expect(cancelled!.text).toContain('Reason: The room flooded');
    const sequenceOf = (m: typeof cancelled) => {
      const cal = new ICAL.Component(ICAL.parse(m!.attachments[0]!.content.toString('utf8')));
      const vevent = cal.getFirstSubcomponent('vevent')!;
      return {
        method: cal.getFirstPropertyValue('method'),
        status: vevent.getFirstPropertyValue('status'),
        sequence: Number(vevent.getFirstPropertyValue('sequence')),
        uid: vevent.getFirstPropertyValue('uid'),
      };
    };
    const [confirmed] = smtp.received;
    const before = sequenceOf(confirmed);
    const after = sequenceOf(cancelled);
    expect(before.method).toBe('REQUEST');
    expect(after).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: before.uid });
    expect(after.sequence).toBeGreaterThan(before.sequence);
  });
});
