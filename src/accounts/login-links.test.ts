import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession } from '../../test/support/forms.js';

let t: TestApp;
let member: { user: { email: string } };
beforeAll(async () => {
  t = await startTestApp();
  member = await t.user('member');
});
afterAll(() => t.close());

const browser = () => new FormSession(t.app);

const linkFor = async (email: string) => {
  const row = (
    await t.database.pool.query(
      `SELECT text_body FROM outbound_messages WHERE kind = 'login.link' AND to_email = $1 ORDER BY created_at DESC LIMIT 1`,
      [email],
    )
  ).rows[0];
  return row ? (/\/login\/link\/([A-Za-z0-9_-]{43})/.exec(row.text_body)?.[1] as string) : undefined;
};

it('signs a member in with a single-use e-mail link', async () => {
  const b = browser();
  const asked = await b.submit('/login', '/login/link', { 'link-email': member.user.email.toUpperCase() });
  expect(asked.statusCode).toBe(200);
  expect(asked.body).toContain('a sign-in link is on its way');
  const token = await linkFor(member.user.email);
  expect(token).toBeDefined();
  // The link itself does not sign in (mail scanners open links): it shows a button.
  const page = await b.get(`/login/link/${token}`);
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain(`Sign in as ${member.user.email}`);
  expect(b.cookies.has('essaim_session')).toBe(false);
  const signedIn = await b.submit(`/login/link/${token}`, `/login/link/${token}`, {});
  expect(signedIn.statusCode).toBe(303);
  expect((await b.get('/me')).statusCode).toBe(200);
  // Once only.
  const again = await browser().request('GET', `/login/link/${token}`);
  expect(again.statusCode).toBe(400);
  expect(again.body).toContain('expired or was already used');
});

it('answers the same for an unknown address, and sends nothing', async () => {
  const before = (await t.database.pool.query(`SELECT count(*)::int AS n FROM outbound_messages`)).rows[0].n;
  const res = await browser().submit('/login', '/login/link', { 'link-email': 'nobody@example.org' });
  expect(res.statusCode).toBe(200);
  expect(res.body).toContain('a sign-in link is on its way');
  expect((await t.database.pool.query(`SELECT count(*)::int AS n FROM outbound_messages`)).rows[0].n).toBe(before);
});

it('refuses an expired link', async () => {
  const b = browser();
  await b.submit('/login', '/login/link', { 'link-email': member.user.email });
  const token = (await linkFor(member.user.email))!;
  await t.database.pool.query(`UPDATE login_links SET expires_at = now() - interval '1 minute'`);
  expect((await b.get(`/login/link/${token}`)).statusCode).toBe(400);
  const res = await b.submit('/login', `/login/link/${token}`, {});
  expect(res.statusCode).toBe(400);
  expect(b.cookies.has('essaim_session')).toBe(false);
});
