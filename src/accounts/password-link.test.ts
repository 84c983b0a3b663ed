import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession, signIn } from '../../test/support/forms.js';
import { deliverOutbox, resetLinkIn as linkIn } from '../../test/support/mail-delivery.js';
import { startSmtp, type TestSmtp } from '../../test/support/smtp.js';

// An admin sends a member the link to choose a password: from /admin/members and from the API.

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

const NEW = 'another phrase of several words';
const links = async () =>
  (await t.database.pool.query(`SELECT count(*)::int AS n FROM login_links WHERE purpose = 'reset'`)).rows[0].n;
const audited = async (email: string) =>
  (
    await t.database.pool.query(
      `SELECT actor_email FROM audit_log WHERE action = 'account.password_link' AND subject = $1`,
      [email],
    )
  ).rows.map((r) => r.actor_email);

it('an admin sends the link from the members page (in French), the member gets it in Dutch and chooses a password', async () => {
  const admin = await t.user('admin');
  const { user, password } = await t.user('member');
  // The member's language is the one they use (their mails follow it), not the admin's.
  await signIn(t.app, { email: user.email, password }, { 'accept-language': 'nl' });
  const b = await signIn(t.app, { email: admin.user.email, password: admin.password }, { 'accept-language': 'fr' });

  const list = await b.get(`/admin/members?q=${encodeURIComponent(user.email)}`);
  expect(list.body).toContain(`action="/admin/members/${user.id}/password-link"`);
  expect(list.body).toContain(`aria-label="Envoyer à ${user.name} un lien pour choisir un mot de passe"`);
  const sent = await b.submit(
    `/admin/members?q=${encodeURIComponent(user.email)}`,
    `/admin/members/${user.id}/password-link`,
    {},
  );
  expect(sent.statusCode).toBe(303);
  expect(sent.headers.location).toBe(`/admin/members?done=passwordLink&q=${encodeURIComponent(user.email)}`);
  const after = await b.get(sent.headers.location as string);
  expect(after.body).toContain('Un lien pour choisir un mot de passe est dans la boîte d’envoi.');
  // The page never shows the link to the admin.
  expect(after.body).not.toContain('/login/reset/');
  expect(await audited(user.email)).toEqual([admin.user.email]);

  const [mail] = await deliverOutbox(t, smtp, 1);
  expect(mail!.subject).toBe('Kies een wachtwoord voor Test network');
  expect(mail!.text).toContain('Een beheerder van het netwerk stuurt je deze link');
  const link = linkIn(mail!.text);
  expect(link).toBeDefined();
  const member = new FormSession(t.app, { 'accept-language': 'nl' });
  const done = await member.submit(link!, link!, { newPassword: NEW, newPasswordAgain: NEW });
  expect(done.statusCode).toBe(303);
  const token = await t.api('POST', '/api/v1/auth/tokens', { body: { email: user.email, password: NEW, name: 'x' } });
  expect(token.statusCode).toBe(201);
});

it('the API answers 202 without the link, in the asker’s language; others get 403, unknown members 404, and nothing is sent', async () => {
  const admin = await t.user('admin');
  const { user } = await t.user('member');
  const before = await links();
  const res = await t.api('POST', `/api/v1/members/${user.id}/password-link`, {
    token: admin.token,
    headers: { 'accept-language': 'nl' },
  });
  expect(res.statusCode).toBe(202);
  expect(res.json()).toEqual({ message: 'Een link om een wachtwoord te kiezen staat in postvak uit.' });
  expect(res.body).not.toContain('/login/reset/');
  expect(await links()).toBe(before + 1);

  const other = await t.user('member');
  const refused = await t.api('POST', `/api/v1/members/${user.id}/password-link`, { token: other.token });
  expect(refused.statusCode).toBe(403);
  expect(refused.headers['content-type']).toContain('application/problem+json');
  const unknown = await t.api('POST', `/api/v1/members/${crypto.randomUUID()}/password-link`, { token: admin.token });
  expect(unknown.statusCode).toBe(404);
  const malformed = await t.api('POST', '/api/v1/members/not-an-id/password-link', { token: admin.token });
  expect(malformed.statusCode).toBe(400);
  expect(await links()).toBe(before + 1);
  expect(await audited(user.email)).toEqual([admin.user.email]);
});
