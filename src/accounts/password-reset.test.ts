import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession, signIn } from '../../test/support/forms.js';
import { deliverOutbox, resetLinkIn as linkIn } from '../../test/support/mail-delivery.js';
import { startSmtp, type TestSmtp } from '../../test/support/smtp.js';

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

const NEW = 'a brand new phrase of words';
const SENT = 'If an account uses this address, a link to choose a new password is on its way.';
const outbox = async () => (await t.database.pool.query('SELECT count(*)::int AS n FROM outbound_messages')).rows[0].n;
const tokenFor = async (email: string, password: string) =>
  (await t.api('POST', '/api/v1/auth/tokens', { body: { email, password, name: 'check' } })).statusCode;

it('sends a single-use link by mail, and following it sets the password, signs in and signs the others out', async () => {
  const { user, token, password } = await t.user('member');
  const nl = { 'accept-language': 'nl' };
  // Signed in on another device (in Dutch: the account's language, and its mails').
  const elsewhere = await signIn(t.app, { email: user.email, password }, nl);
  const b = new FormSession(t.app, nl);

  const forgot = await b.get('/login/forgot');
  expect(forgot.statusCode).toBe(200);
  expect(forgot.body).toContain('<h1>Wachtwoord vergeten</h1>');
  const asked = await b.submit('/login/forgot', '/login/forgot', { email: user.email.toUpperCase() });
  expect(asked.statusCode).toBe(200);
  expect(asked.body).toContain('is een link om een nieuw wachtwoord te kiezen onderweg');
  // The address stays in the field (a typo shows; asking again is one click), the explanation is not said twice.
  expect(asked.body).toMatch(new RegExp(`<input[^>]*name="email"[^>]*value="${user.email.toUpperCase()}"`));
  expect(asked.body.match(/één keer, een uur lang/g)).toHaveLength(1);

  const [mail] = await deliverOutbox(t, smtp, 1);
  expect(mail!.subject).toBe('Kies een nieuw wachtwoord voor Test network');
  expect(JSON.stringify(mail!.to)).toContain(user.email);
  const link = linkIn(mail!.text);
  expect(link).toBeDefined();
  // Only the link's hash is kept.
  const stored = await t.database.pool.query(`SELECT token_hash FROM login_links WHERE purpose = 'reset'`);
  expect(stored.rows.map((r) => r.token_hash)).not.toContain(link!.split('/').at(-1));

  // Opening the link (a mail scanner does) shows the form and uses nothing up.
  for (let i = 0; i < 2; i++) {
    const page = await b.get(link!);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Voor ${user.email}.`);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  }
  const mismatch = await b.submit(link!, link!, { newPassword: NEW, newPasswordAgain: 'something else entirely' });
  expect(mismatch.statusCode).toBe(400);
  expect(mismatch.body).toContain('is niet hetzelfde als het nieuwe wachtwoord');
  const weak = await b.submit(link!, link!, { newPassword: 'azertyuiop', newPasswordAgain: 'azertyuiop' });
  expect(weak.statusCode).toBe(400);
  expect(await tokenFor(user.email, password)).toBe(201);

  const done = await b.submit(link!, link!, { newPassword: NEW, newPasswordAgain: NEW });
  expect(done.statusCode).toBe(303);
  expect(done.headers.location).toBe('/me/password?changed');
  expect(b.cookies.has('essaim_session')).toBe(true);
  expect((await b.get('/me')).statusCode).toBe(200);
  const old = await elsewhere.get('/me');
  expect(old.statusCode).toBe(303);
  expect((await t.api('GET', '/api/v1/me', { token })).statusCode).toBe(401);
  expect(await tokenFor(user.email, password)).toBe(401);
  expect(await tokenFor(user.email, NEW)).toBe(201);

  const { rows } = await t.database.pool.query(
    `SELECT actor_email, details FROM audit_log WHERE action = 'account.password_change' AND subject = $1`,
    [user.email],
  );
  expect(rows).toEqual([
    { actor_email: user.email, details: { by: 'reset link', sessionsEnded: 1, tokensRevoked: 2 } },
  ]);
  const [notice] = await deliverOutbox(t, smtp, 1);
  expect(notice!.subject).toBe('Je wachtwoord voor Test network is gewijzigd');
  expect(notice!.text).toContain('Was jij het niet');

  // Once only: the link is refused afterwards, by GET and by POST, and the password stays.
  const again = await new FormSession(t.app).get(link!);
  expect(again.statusCode).toBe(400);
  expect(again.body).toContain('This link has expired or was already used.');
  expect(again.body).toContain('<a href="/login/forgot">Ask for a new link</a>');
  const reused = await new FormSession(t.app).request('POST', link!, {
    newPassword: 'yet another phrase here',
    newPasswordAgain: 'yet another phrase here',
  });
  expect(reused.statusCode).toBe(403);
  const c = new FormSession(t.app);
  await c.get('/login/forgot');
  const reusedWithCsrf = await c.submit('/login/forgot', link!, {
    newPassword: 'yet another phrase here',
    newPasswordAgain: 'yet another phrase here',
  });
  expect(reusedWithCsrf.statusCode).toBe(400);
  expect(c.cookies.has('essaim_session')).toBe(false);
  expect(await tokenFor(user.email, NEW)).toBe(201);
});

it('answers the same for an unknown address, and sends nothing', async () => {
  const before = await outbox();
  const res = await new FormSession(t.app).submit('/login/forgot', '/login/forgot', { email: 'nobody@example.org' });
  expect(res.statusCode).toBe(200);
  expect(res.body).toContain(SENT);
  expect(await outbox()).toBe(before);
  const bad = await new FormSession(t.app).submit('/login/forgot', '/login/forgot', { email: 'not an address' });
  expect(bad.statusCode).toBe(400);
  // The mistyped address comes back in the field, to be corrected rather than retyped.
  expect(bad.body).toMatch(/<input[^>]*name="email"[^>]*value="not an address"/);
});

it('refuses an expired link, and changes nothing', async () => {
  const { user, password } = await t.user('member');
  const b = new FormSession(t.app, { 'accept-language': 'fr' });
  const asked = await b.submit('/login/forgot', '/login/forgot', { email: user.email });
  expect(asked.body).toContain('un lien pour choisir un nouveau mot de passe est en route');
  const [mail] = await deliverOutbox(t, smtp, 1);
  expect(mail!.subject).toBe('Choisissez un nouveau mot de passe pour Test network');
  const link = linkIn(mail!.text)!;
  // Valid one hour: an hour and a minute later it is refused.
  const { rows } = await t.database.pool.query(
    `SELECT round(extract(epoch FROM expires_at - created_at))::int AS s FROM login_links WHERE user_id = $1`,
    [user.id],
  );
  expect(rows).toEqual([{ s: 3600 }]);
  await t.database.pool.query(`UPDATE login_links SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [
    user.id,
  ]);
  const page = await b.get(link);
  expect(page.statusCode).toBe(400);
  expect(page.body).toContain('Ce lien a expiré ou a déjà été utilisé.');
  const res = await b.submit('/login/forgot', link, { newPassword: NEW, newPasswordAgain: NEW });
  expect(res.statusCode).toBe(400);
  expect(b.cookies.has('essaim_session')).toBe(false);
  expect(await tokenFor(user.email, password)).toBe(201);
  expect(await tokenFor(user.email, NEW)).toBe(401);
});

it('a sign-in link does not reset a password, nor a reset link sign in', async () => {
  const { user } = await t.user('member');
  const b = new FormSession(t.app);
  await b.submit('/login/forgot', '/login/forgot', { email: user.email });
  const [mail] = await deliverOutbox(t, smtp, 1);
  const token = linkIn(mail!.text)!.split('/').at(-1);
  expect((await b.get(`/login/link/${token}`)).statusCode).toBe(400);
  expect((await b.get(`/login/reset/${token}`)).statusCode).toBe(200);
  await b.submit('/login', '/login/link', { 'link-email': user.email });
  const [signInMail] = await deliverOutbox(t, smtp, 1);
  const signInToken = /\/login\/link\/([A-Za-z0-9_-]{43})/.exec(signInMail!.text ?? '')?.[1];
  expect(signInToken).toBeDefined();
  expect((await b.get(`/login/reset/${signInToken}`)).statusCode).toBe(400);
});
