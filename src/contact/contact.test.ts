import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, signIn } from '../../test/support/forms.js';
import { startSmtp, type TestSmtp } from '../../test/support/smtp.js';
import { createToken, createUser } from '../accounts/service.js';
import { createTransport, deliverDue } from '../mail/worker.js';

let t: TestApp;
let smtp: TestSmtp;
beforeAll(async () => {
  t = await startTestApp();
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});
beforeEach(async () => {
  await t.database.pool.query(`UPDATE outbound_messages SET status = 'sent', sent_at = now() WHERE status <> 'sent'`);
  smtp.received.length = 0;
  smtp.raw.length = 0;
});

const config = () => ({ ...t.config, smtpUrl: smtp.url, mailFrom: 'Essaim <noreply@example.org>' });
const deliver = () => deliverDue(t.database.db, config(), createTransport(config()), new Date(Date.now() + 1000));

let n = 0;
/** A member, listed in the directory unless told otherwise, with a language and a way to sign in. */
async function member(name: string, opts: { listed?: boolean; locale?: string; verified?: boolean } = {}) {
  const password = 'correct horse battery';
  const user = await createUser(
    t.database.db,
    t.network.id,
    {
      email: `${name
        .normalize('NFD')
        .replace(/[^a-z]/gi, '')
        .toLowerCase()}${++n}@example.org`,
      name,
      role: 'member',
      password,
    },
    { verified: opts.verified ?? true },
  );
  const { token } = await createToken(t.database.db, user, 'test');
  await t.api('PATCH', '/api/v1/me/profile', {
    token,
    body: { directoryVisible: opts.listed ?? true, locale: opts.locale ?? 'fr' },
  });
  return { user, token, password };
}

const write = (token: string, to: string, body: Record<string, unknown>, lang = 'en') =>
  t.api('POST', `/api/v1/members/${to}/contact`, { token, body, headers: { 'accept-language': lang } });
const logged = async (sender: string) =>
  (await t.database.pool.query('SELECT * FROM contact_messages WHERE sender_id = $1', [sender])).rows;

describe('writing to a member', () => {
  it('mails the message in the recipient’s language, with neither address shown, and logs it without the text', async () => {
    const ana = await member('Ana');
    const bram = await member('Bram', { locale: 'nl' });
    const res = await write(ana.token, bram.user.id, {
      subject: 'Laravel meetup',
      body: 'Hello Bram,\n\nWould you speak at our Laravel meetup in March?',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ sharedAddress: false });
    expect(JSON.stringify(res.json())).not.toContain(bram.user.email);
    await deliver();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toMatchObject({ value: [{ address: bram.user.email, name: 'Bram' }] });
    expect(mail!.subject).toBe('Ana heeft je geschreven: Laravel meetup');
    expect(mail!.text).toContain('Would you speak at our Laravel meetup in March?');
    expect(mail!.text).toContain('Antwoord niet op deze e-mail');
    expect(mail!.text).toContain(`${t.config.baseUrl}/members/${ana.user.id}/contact`);
    expect(mail!.text).toContain(`${t.config.baseUrl}/members/${ana.user.id}/block`);
    expect(mail!.replyTo).toBeUndefined();
    expect(smtp.raw[0]).not.toContain(ana.user.email);
    const rows = await logged(ana.user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ recipient_id: bram.user.id, shared_address: false });
    expect(Object.keys(rows[0]).sort()).toEqual([
      'id',
      'network_id',
      'recipient_id',
      'sender_id',
      'sent_at',
      'shared_address',
    ]);
  });

  it('gives the sender’s address as Reply-To only when they tick "share my address"', async () => {
    const cleo = await member('Cleo');
    const dirk = await member('Dirk', { locale: 'en' });
    const res = await write(cleo.token, dirk.user.id, { body: 'Happy to help with your talk.', shareAddress: true });
    expect(res.statusCode, res.body).toBe(201);
    await deliver();
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe('Cleo wrote to you through Test network');
    expect(mail!.replyTo!.value).toEqual([{ address: cleo.user.email, name: 'Cleo' }]);
    expect(mail!.text).toContain('Cleo shared their address');
  });

  it('refuses opted-out, hidden, blocked and erased members, oneself, and senders not yet confirmed; none is logged', async () => {
    const eve = await member('Eve');
    const quiet = await member('Quiet');
    await t.api('PATCH', '/api/v1/me/profile', { token: quiet.token, body: { contactable: false } });
    const unlisted = await member('Unlisted', { listed: false });
    const blocker = await member('Blocker');
    const body = { body: 'A message long enough.' };

    const optedOut = await write(eve.token, quiet.user.id, body, 'fr');
    expect(optedOut.statusCode).toBe(403);
    expect(optedOut.json().detail).toBe('Quiet n’accepte pas de messages via le site.');
    expect((await t.api('GET', `/api/v1/members/${quiet.user.id}`, { token: eve.token })).json().contactable).toBe(
      false,
    );
    expect((await write(eve.token, unlisted.user.id, body)).statusCode).toBe(404);
    expect((await write(eve.token, eve.user.id, body)).statusCode).toBe(403);
    // A block reads exactly as an opt-out: the blocked member cannot tell.
    const browser = await signIn(t.app, { email: blocker.user.email, password: blocker.password });
    const page = await browser.get(`/members/${eve.user.id}/block`);
    expect(page.statusCode).toBe(200);
    expect(
      (await browser.request('POST', `/members/${eve.user.id}/block`, { _csrf: csrfOf(page.body), blocked: 'yes' }))
        .statusCode,
    ).toBe(303);
    expect((await browser.get(`/members/${eve.user.id}/block`)).body).toContain('Eve is blocked.');
    const blocked = await write(eve.token, blocker.user.id, body, 'fr');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().detail).toBe('Blocker n’accepte pas de messages via le site.');
    const gone = await member('Gone');
    await t.api('DELETE', '/api/v1/me', { token: gone.token, body: { confirm: gone.user.email } });
    expect((await write(eve.token, gone.user.id, body)).statusCode).toBe(404);
    const unverified = await member('Fresh', { verified: false });
    const early = await write(unverified.token, eve.user.id, body);
    expect(early.statusCode).toBe(403);
    expect(early.json().detail).toBe('Confirm your e-mail address before writing to other members.');
    expect((await t.api('POST', `/api/v1/members/${eve.user.id}/contact`, { body })).statusCode).toBe(401);
    const tooShort = await write(eve.token, blocker.user.id, { body: 'Hi' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().errors[0].field).toBe('body');
    expect(await logged(eve.user.id)).toEqual([]);
    expect(await logged(unverified.user.id)).toEqual([]);
  });

  it('lets the recipient answer through the site for 30 days, even to a sender who is not listed', async () => {
    const hidden = await member('Hidden', { listed: false });
    const ines = await member('Ines');
    const body = { body: 'Are you coming on Thursday?' };
    expect((await write(ines.token, hidden.user.id, body)).statusCode).toBe(404);
    expect((await write(hidden.token, ines.user.id, body)).statusCode).toBe(201);
    expect((await write(ines.token, hidden.user.id, { body: 'Yes, see you there!' })).statusCode).toBe(201);
    await t.database.pool.query(
      `UPDATE contact_messages SET sent_at = now() - interval '31 days' WHERE sender_id = $1`,
      [hidden.user.id],
    );
    expect((await write(ines.token, hidden.user.id, body)).statusCode).toBe(404);
  });

  it('allows 5 messages an hour and 20 a day per sender, with a clear 429', async () => {
    const jo = await member('Jo');
    const to = await member('Kim');
    for (let i = 0; i < 5; i++)
      expect((await write(jo.token, to.user.id, { body: `Message number ${i}` })).statusCode).toBe(201);
    const sixth = await write(jo.token, to.user.id, { body: 'One message too many.' }, 'nl');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().detail).toBe(
      'Je hebt in het afgelopen uur 5 berichten gestuurd, het toegestane maximum. Probeer het later opnieuw.',
    );
    expect(await logged(jo.user.id)).toHaveLength(5);
    // Fifteen more earlier today: twenty in 24 hours.
    await t.database.pool.query(
      `UPDATE contact_messages SET sent_at = now() - interval '2 hours' WHERE sender_id = $1`,
      [jo.user.id],
    );
    await t.database.pool.query(
      `INSERT INTO contact_messages (network_id, sender_id, recipient_id, sent_at)
       SELECT $1, $2, $3, now() - interval '3 hours' FROM generate_series(1, 15)`,
      [t.network.id, jo.user.id, to.user.id],
    );
    const daily = await write(jo.token, to.user.id, { body: 'Still one too many.' });
    expect(daily.statusCode).toBe(429);
    expect(daily.json().detail).toBe(
      'You have sent 20 messages in the last 24 hours, the most allowed. Try again tomorrow.',
    );
  });

  it('lists the messages sent in the GDPR export, without their text', async () => {
    const lou = await member('Lou');
    const max = await member('Max');
    await write(lou.token, max.user.id, { body: 'A secret plan for the meetup.' });
    const data = (await t.api('GET', '/api/v1/me/export', { token: lou.token })).json();
    expect(data.contactMessages.sent).toEqual([{ to: 'Max', sentAt: expect.any(String), sharedAddress: false }]);
    expect(JSON.stringify(data)).not.toContain('secret plan');
  });
});

describe('the contact form', () => {
  it('is reached from the profile, keeps what was typed when refused, and sends in French', async () => {
    const noe = await member('Noé');
    const odile = await member('Odile', { locale: 'en' });
    const browser = await signIn(t.app, { email: noe.user.email, password: noe.password }, { 'accept-language': 'fr' });
    const profile = await browser.get(`/members/${odile.user.id}`);
    expect(profile.body).toContain(`href="/members/${odile.user.id}/contact"`);
    expect(profile.body).toContain('Contacter Odile');
    const form = await browser.get(`/members/${odile.user.id}/contact`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Partager mon adresse e-mail pour qu’Odile puisse me répondre directement');
    const short = await browser.request('POST', `/members/${odile.user.id}/contact`, {
      _csrf: csrfOf(form.body),
      subject: 'Bonjour',
      body: 'Salut',
    });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('id="f-body-error"');
    expect(short.body).toContain('value="Bonjour"');
    const sent = await browser.request('POST', `/members/${odile.user.id}/contact`, {
      _csrf: csrfOf(form.body),
      subject: 'Bonjour',
      body: 'Je cherche une oratrice pour jeudi.',
      shareAddress: 'on',
    });
    expect(sent.statusCode, sent.body).toBe(303);
    expect((await browser.get(sent.headers.location as string)).body).toContain('Votre message à Odile est en route.');
    expect(await logged(noe.user.id)).toEqual([expect.objectContaining({ shared_address: true })]);
    // An opted-out member's profile has no button.
    await t.api('PATCH', '/api/v1/me/profile', { token: odile.token, body: { contactable: false } });
    expect((await browser.get(`/members/${odile.user.id}`)).body).not.toContain('/contact"');
    expect((await browser.get(`/members/${odile.user.id}/contact`)).statusCode).toBe(403);
  });
});

describe('the outbox after a message between members', () => {
  const outboxRow = async (to: string) =>
    (
      await t.database.pool.query(
        `SELECT id, status, subject, text_body, html_body, headers, sent_at FROM outbound_messages
         WHERE kind = 'member.contact' AND to_email = $1`,
        [to],
      )
    ).rows[0];

  it('keeps the text only until the mail is sent, then the row says who, when and the status, and a note', async () => {
    const cleo = await member('Cléo');
    const dirk = await member('Dirk', { locale: 'nl' });
    const res = await write(cleo.token, dirk.user.id, {
      subject: 'Private plans',
      body: 'My private plans for the spring.',
      shareAddress: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    // Waiting to go, the text is there: the worker needs it.
    expect((await outboxRow(dirk.user.email)).text_body).toContain('My private plans for the spring.');
    await deliver();
    await smtp.waitFor(1);
    const row = await outboxRow(dirk.user.email);
    expect(row).toMatchObject({ status: 'sent', subject: null, text_body: null, html_body: null, headers: {} });
    expect(row.sent_at).toBeInstanceOf(Date);
    expect(JSON.stringify(row)).not.toContain(cleo.user.email);

    const admin = await t.user('admin');
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
    const list = (await b.get('/admin/outbox?lang=fr')).body;
    expect(list).toContain('Message d’un membre à un autre');
    const page = (await b.get(`/admin/outbox/${row.id}?lang=fr`)).body;
    expect(page).toContain(
      'Un message d’un membre à un autre : son texte, son objet et l’adresse de réponse ont été effacés une fois le message envoyé ou annulé.',
    );
    expect(page).not.toContain('private plans');
    expect(page).not.toContain(`/admin/outbox/${row.id}/resend`);
    // Nothing left to send: a forced resend changes nothing.
    await b.request('POST', `/admin/outbox/${row.id}/resend`, { _csrf: csrfOf(page) });
    expect((await outboxRow(dirk.user.email)).status).toBe('sent');
  });

  it('forgets the text of a message an admin cancels before it went', async () => {
    const elio = await member('Elio');
    const fien = await member('Fien');
    expect((await write(elio.token, fien.user.id, { body: 'Not for the record.' })).statusCode).toBe(201);
    const { id } = await outboxRow(fien.user.email);
    const admin = await t.user('admin');
    const b = await signIn(t.app, { email: admin.user.email, password: admin.password });
    const done = await b.submit(`/admin/outbox/${id}`, `/admin/outbox/${id}/cancel`, {});
    expect(done.statusCode).toBe(303);
    expect(await outboxRow(fien.user.email)).toMatchObject({ status: 'cancelled', subject: null, text_body: null });
    expect((await b.get(`/admin/outbox/${id}?lang=en`)).body).toContain(
      'Only the recipient, the dates and the status are kept.',
    );
  });
});
