import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession, signIn } from '../../test/support/forms.js';
import { createToken, createUser } from './service.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ signInAttemptsPerAccount: 4 });
});
afterAll(() => t.close());

const NEW = 'a brand new phrase of words';
let n = 0;
const q = async (sql: string, params: unknown[]) => (await t.database.pool.query(sql, params)).rows;
const hashOf = async (id: string) => (await q('SELECT password_hash FROM users WHERE id = $1', [id]))[0].password_hash;
const sessions = async (id: string) =>
  (await q('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [id]))[0].n;
const mails = (email: string) =>
  q(`SELECT subject, text_body, locale FROM outbound_messages WHERE kind = 'password.changed' AND to_email = $1`, [
    email,
  ]);
const audits = (email: string) =>
  q(`SELECT actor_email, details FROM audit_log WHERE action = 'account.password_change' AND subject = $1`, [email]);
const tokenFor = async (email: string, password: string) =>
  (await t.api('POST', '/api/v1/auth/tokens', { body: { email, password, name: 'check' } })).statusCode;
/** A page asked without a session sends to the sign-in page. */
const signedOut = (res: { statusCode: number; headers: Record<string, unknown> }) =>
  res.statusCode === 303 && String(res.headers.location).startsWith('/login');
// Each test from an address of its own: the route allows ten attempts a minute per address.
let address = 0;
beforeEach(() => {
  address++;
});
const change = (token: string, body: unknown, lang = 'en') =>
  t.app.inject({
    method: 'PUT',
    url: '/api/v1/me/password',
    remoteAddress: `10.200.0.${address}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': lang },
    payload: JSON.stringify(body),
  });

/** An account that signs in by e-mailed links only: no password. */
async function linkOnly() {
  const user = await createUser(t.database.db, t.network.id, {
    email: `links${++n}@example.org`,
    name: 'Link Only',
    role: 'member',
  });
  return { user, token: (await createToken(t.database.db, user, 'script')).token };
}

describe('PUT /api/v1/me/password', () => {
  it('refuses a wrong current password with a 401 naming the field, and changes nothing', async () => {
    const { user, token, password } = await t.user('member');
    const other = (await createToken(t.database.db, user, 'second')).token;
    const browser = await signIn(t.app, { email: user.email, password });
    const before = await hashOf(user.id);
    const res = await change(token, { currentPassword: 'not my password at all', newPassword: NEW });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.errors).toEqual([
      expect.objectContaining({ field: 'currentPassword', message: 'is not your current password' }),
    ]);
    expect(body.detail).toBe('The current password is wrong: nothing was changed.');
    // Left out altogether: the same refusal, "is required".
    const missing = await change(token, { newPassword: NEW });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().errors[0]).toMatchObject({ field: 'currentPassword', message: 'is required' });
    expect(await hashOf(user.id)).toBe(before);
    expect((await t.api('GET', '/api/v1/me', { token: other })).statusCode).toBe(200);
    expect((await browser.get('/me')).statusCode).toBe(200);
    expect(await mails(user.email)).toEqual([]);
    expect(await audits(user.email)).toEqual([]);
    expect(await tokenFor(user.email, password)).toBe(201);
  });

  it('names a weak new password by its label, in the language asked, and changes nothing', async () => {
    const { user, token, password } = await t.user('member');
    const before = await hashOf(user.id);
    const en = await change(token, { currentPassword: password, newPassword: 'azertyuiop' });
    expect(en.statusCode).toBe(400);
    expect(en.json().errors[0].field).toBe('newPassword');
    expect(en.json().detail).toContain('New password: is too easy to guess');
    const fr = await change(token, { currentPassword: password, newPassword: 'court' }, 'fr');
    expect(fr.statusCode).toBe(400);
    expect(fr.json().detail).toMatch(/Nouveau mot de passe\s:\s/u);
    const nl = await change(token, { currentPassword: password, newPassword: 'court' }, 'nl');
    expect(nl.json().detail).toContain('Nieuw wachtwoord: ');
    expect(await hashOf(user.id)).toBe(before);
  });

  it('changes it: the request’s own token stays, every other session and token ends, audited and told by mail', async () => {
    const { user, token, password } = await t.user('member');
    const other = (await createToken(t.database.db, user, 'laptop')).token;
    const browser = await signIn(t.app, { email: user.email, password });
    expect(await sessions(user.id)).toBe(1);
    await new FormSession(t.app).submit('/login/forgot', '/login/forgot', { email: user.email });
    const resetLinks = () =>
      q(`SELECT used_at IS NULL AS live FROM login_links WHERE user_id = $1 AND purpose = 'reset'`, [user.id]);
    expect(await resetLinks()).toEqual([{ live: true }]);

    const res = await change(token, { currentPassword: password, newPassword: NEW });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sessionsEnded: 1, tokensRevoked: 1 });

    expect((await t.api('GET', '/api/v1/me', { token })).statusCode).toBe(200);
    expect((await t.api('GET', '/api/v1/me', { token: other })).statusCode).toBe(401);
    expect(signedOut(await browser.get('/me'))).toBe(true);
    expect(await sessions(user.id)).toBe(0);
    expect(await tokenFor(user.email, password)).toBe(401);
    expect(await tokenFor(user.email, NEW)).toBe(201);
    // A reset link asked before would undo the change: it is used up.
    expect(await resetLinks()).toEqual([{ live: false }]);

    expect(await audits(user.email)).toEqual([
      { actor_email: user.email, details: { by: 'self', sessionsEnded: 1, tokensRevoked: 1 } },
    ]);
    const [mail] = await mails(user.email);
    expect(mail.subject).toBe('Your password for Test network was changed');
    expect(mail.text_body).toContain('If it was not you');
    expect(mail.text_body).toContain('/login/forgot');
  });

  it('lets an account without a password set its first one, without a current password', async () => {
    const { user, token } = await linkOnly();
    const res = await change(token, { newPassword: NEW });
    expect(res.statusCode).toBe(200);
    expect(await tokenFor(user.email, NEW)).toBe(201);
  });

  it('counts a wrong current password as a failed sign-in of the account', async () => {
    const { user, token, password } = await t.user('member');
    for (let i = 0; i < 4; i++)
      expect((await change(token, { currentPassword: `wrong guess ${i}`, newPassword: NEW })).statusCode).toBe(401);
    // The account is locked for a while, the right password included, through the API and the form.
    const locked = await change(token, { currentPassword: password, newPassword: NEW });
    expect(locked.statusCode).toBe(429);
    expect(await tokenFor(user.email, password)).toBe(429);
    expect(await mails(user.email)).toEqual([]);
  });

  it('is for a signed-in person only', async () => {
    const res = await t.api('PUT', '/api/v1/me/password', { body: { newPassword: NEW } });
    expect(res.statusCode).toBe(401);
  });
});

describe('/me/password', () => {
  it('in French: refuses a wrong current password or a mismatch on the form, then changes it and signs the others out', async () => {
    const { user, password } = await t.user('member');
    const fr = { 'accept-language': 'fr' };
    const elsewhere = await signIn(t.app, { email: user.email, password });
    // Signed in last from the French page: French is the account's language, and its mails'.
    const browser = await signIn(t.app, { email: user.email, password }, fr);

    const me = await browser.get('/me');
    expect(me.body).toContain('<a href="/me/password">Changer mon mot de passe</a>');
    const page = await browser.get('/me/password');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Mon mot de passe</h1>');
    expect(page.body).toContain('Mot de passe actuel');
    expect(page.body).toContain('vous êtes déconnecté partout ailleurs');

    const wrong = await browser.submit('/me/password', '/me/password', {
      currentPassword: 'pas le bon mot de passe',
      newPassword: NEW,
      newPasswordAgain: NEW,
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('n’est pas votre mot de passe actuel');
    expect(wrong.body).not.toContain('pas le bon mot de passe');
    const mismatch = await browser.submit('/me/password', '/me/password', {
      currentPassword: password,
      newPassword: NEW,
      newPasswordAgain: `${NEW}!`,
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('n’est pas identique au nouveau mot de passe');
    // Nothing typed at all: every field is named at once, the current password first.
    const empty = await browser.submit('/me/password', '/me/password', {
      currentPassword: '',
      newPassword: '',
      newPasswordAgain: '',
    });
    expect(empty.statusCode).toBe(400);
    const summary = /<div class="errors"[\s\S]*?<\/div>/.exec(empty.body)![0].replace(/<[^>]+>/g, '');
    expect(summary).toMatch(
      /Mot de passe actuel\s: est obligatoire.*Nouveau mot de passe\s: doit compter au moins 10 caractères/,
    );
    expect(await tokenFor(user.email, password)).toBe(201);

    const done = await browser.submit('/me/password', '/me/password', {
      currentPassword: password,
      newPassword: NEW,
      newPasswordAgain: NEW,
    });
    expect(done.statusCode).toBe(303);
    const after = await browser.get(done.headers.location as string);
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('Votre mot de passe a été changé. Vous avez été déconnecté partout ailleurs');
    expect(signedOut(await elsewhere.get('/me'))).toBe(true);
    expect(await tokenFor(user.email, NEW)).toBe(201);
    const [mail] = await mails(user.email);
    expect(mail).toMatchObject({ locale: 'fr', subject: 'Votre mot de passe pour Test network a été changé' });
  });

  it('in Dutch: an account without a password chooses one, with no current password asked', async () => {
    const { user } = await linkOnly();
    const browser = new FormSession(t.app, { 'accept-language': 'nl' });
    const { rows } = await t.database.pool.query(
      `INSERT INTO sessions (id_hash, network_id, user_id, expires_at)
       VALUES (encode(sha256('nl-session'), 'hex'), $1, $2, now() + interval '1 day') RETURNING id_hash`,
      [t.network.id, user.id],
    );
    expect(rows).toHaveLength(1);
    browser.cookies.set('essaim_session', 'nl-session');
    const page = await browser.get('/me/password');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Je account heeft nog geen wachtwoord');
    expect(page.body).not.toContain('Huidig wachtwoord');
    const done = await browser.submit('/me/password', '/me/password', { newPassword: NEW, newPasswordAgain: NEW });
    expect(done.statusCode).toBe(303);
    expect((await browser.get('/me/password?changed')).body).toContain('Je wachtwoord is gewijzigd.');
    expect(await tokenFor(user.email, NEW)).toBe(201);
  });

  it('refuses a form without its CSRF token, and asks a visitor to sign in', async () => {
    const { user, password } = await t.user('member');
    const browser = await signIn(t.app, { email: user.email, password });
    const forged = await browser.request('POST', '/me/password', {
      currentPassword: password,
      newPassword: NEW,
      newPasswordAgain: NEW,
    });
    expect(forged.statusCode).toBe(403);
    expect(await tokenFor(user.email, password)).toBe(201);
    expect(signedOut(await new FormSession(t.app).get('/me/password'))).toBe(true);
  });

  it('the sign-in page links to the forgotten-password page', async () => {
    const page = await new FormSession(t.app, { 'accept-language': 'nl' }).get('/login');
    expect(page.body).toContain('<a href="/login/forgot">Wachtwoord vergeten?</a>');
  });
});
