import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession } from '../../test/support/forms.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const q = async (sql: string, params: unknown[] = []) => (await t.database.pool.query(sql, params)).rows;
const mailsTo = (email: string) => q(`SELECT kind, locale, subject, text_body FROM outbound_messages WHERE to_email = $1 ORDER BY created_at`, [email]);
const tokenIn = (body: string, path: string) => new RegExp(`${path}/([A-Za-z0-9_-]{43})`).exec(body)?.[1];

describe('sign-up by the API', () => {
  it('creates an unconfirmed account with a profile, mails a 48-hour link in the chosen language, and the link signs in', async () => {
    const res = await t.api('POST', '/api/v1/auth/signup', { body: { name: 'Anne Peeters', email: 'Anne@Example.org', password: 'a long enough password', locale: 'nl' } });
    expect(res.statusCode, res.body).toBe(202);
    const [user] = await q(`SELECT id, email_verified_at, role FROM users WHERE email = 'anne@example.org'`);
    expect(user).toMatchObject({ email_verified_at: null, role: 'member' });
    expect(await q(`SELECT locale, directory_visible FROM member_profiles WHERE user_id = $1`, [user.id])).toEqual([{ locale: 'nl', directory_visible: false }]);
    const [link] = await q(`SELECT purpose, expires_at - created_at AS valid, token_hash FROM login_links WHERE user_id = $1`, [user.id]);
    expect(link.purpose).toBe('verify');
    expect(link.valid.hours ?? link.valid.days * 24).toBe(48);

    const mails = await mailsTo('anne@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: 'member.verify', locale: 'nl' });
    expect(mails[0].subject).toContain('Bevestig je e-mailadres');
    const token = tokenIn(mails[0].text_body, '/verify')!;
    expect(token).toBeDefined();
    expect(link.token_hash).not.toContain(token);

    // Unconfirmed: the password does not give a token yet, and says why.
    const refused = await t.api('POST', '/api/v1/auth/tokens', { body: { email: 'anne@example.org', password: 'a long enough password', name: 'cli' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('not confirmed');

    // The link shows a button (mail scanners open links), the button confirms and signs in.
    const b = new FormSession(t.app);
    const page = await b.get(`/verify/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Confirm anne@example.org and sign in');
    expect((await q(`SELECT email_verified_at FROM users WHERE id = $1`, [user.id]))[0].email_verified_at).toBeNull();
    const done = await b.submit(`/verify/${token}`, `/verify/${token}`, {});
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/me/profile?welcome=1');
    expect(b.cookies.has('essaim_session')).toBe(true);
    const profile = await b.get('/me/profile?welcome=1');
    expect(profile.statusCode).toBe(200);
    expect(profile.body).toContain('Your address is confirmed');
    expect((await q(`SELECT email_verified_at FROM users WHERE id = $1`, [user.id]))[0].email_verified_at).not.toBeNull();

    // Once only; and now the password works.
    expect((await new FormSession(t.app).get(`/verify/${token}`)).statusCode).toBe(400);
    expect((await t.api('POST', '/api/v1/auth/tokens', { body: { email: 'anne@example.org', password: 'a long enough password', name: 'cli' } })).statusCode).toBe(201);
  });

  it('answers a sign-up with a known address the same way, creates nothing, and tells the owner instead', async () => {
    const known = await t.user('member', 'known@example.org');
    const usersBefore = await q(`SELECT count(*)::int AS n FROM users`);
    const res = await t.api('POST', '/api/v1/auth/signup', { body: { name: 'Intruder', email: 'KNOWN@example.org', password: 'another long password' } });
    expect(res.statusCode).toBe(202);
    const fresh = await t.api('POST', '/api/v1/auth/signup', { body: { name: 'Someone New', email: 'new-person@example.org', password: 'another long password' } });
    expect(res.json()).toEqual(fresh.json());
    expect((await q(`SELECT count(*)::int AS n FROM users`))[0].n).toBe(usersBefore[0].n + 1);
    expect((await q(`SELECT name FROM users WHERE id = $1`, [known.user.id]))[0].name).toBe(known.user.name);
    const mails = await mailsTo('known@example.org');
    expect(mails.map((m) => m.kind)).toEqual(['member.exists']);
    expect(tokenIn(mails[0].text_body, '/login/link')).toBeDefined();
    // Its password still works: nothing was changed.
    expect((await t.api('POST', '/api/v1/auth/tokens', { body: { email: 'known@example.org', password: known.password, name: 'x' } })).statusCode).toBe(201);
  });

  it('refuses bad input with the field named', async () => {
    const res = await t.api('POST', '/api/v1/auth/signup', { body: { name: '', email: 'not-an-address', password: 'short' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name', 'password']);
  });

  it('counts accounts made by an admin as confirmed', async () => {
    const made = await t.user('member');
    expect((await q(`SELECT email_verified_at FROM users WHERE id = $1`, [made.user.id]))[0].email_verified_at).not.toBeNull();
  });
});

describe('sign-up pages', () => {
  it('signs up through the form, refuses the password sign-in until confirmed, and mails a new link on the way', async () => {
    const b = new FormSession(t.app);
    const form = await b.get('/signup');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Create my account');
    const bad = await b.submit('/signup', '/signup', { name: 'Zoé', email: 'zoe@', password: 'short', locale: 'fr' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('aria-invalid="true"');
    const res = await b.submit('/signup', '/signup', { name: 'Zoé Lambert', email: 'zoe@example.org', password: 'zoé has a password', locale: 'fr' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Check your e-mail');
    expect((await mailsTo('zoe@example.org')).map((m) => [m.kind, m.locale])).toEqual([['member.verify', 'fr']]);

    const login = await new FormSession(t.app).submit('/login', '/login', { email: 'zoe@example.org', password: 'zoé has a password', next: '/me' });
    expect(login.statusCode).toBe(403);
    expect(login.body).toContain('not confirmed yet');
    expect(login.headers['set-cookie'] ?? '').not.toContain('essaim_session');
    // A wrong password says nothing about confirmation.
    const wrong = await new FormSession(t.app).submit('/login', '/login', { email: 'zoe@example.org', password: 'not the password', next: '/me' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).not.toContain('not confirmed');

    const mails = await mailsTo('zoe@example.org');
    expect(mails.map((m) => m.kind)).toEqual(['member.verify', 'member.verify']);
    const latest = tokenIn(mails[1].text_body, '/verify')!;
    const c = new FormSession(t.app);
    expect((await c.submit(`/verify/${latest}`, `/verify/${latest}`, {})).statusCode).toBe(303);
    expect((await c.get('/me')).statusCode).toBe(200);
    // Confirmed: the password now signs in.
    expect((await new FormSession(t.app).submit('/login', '/login', { email: 'zoe@example.org', password: 'zoé has a password', next: '/me' })).statusCode).toBe(303);
  });

  it('resends a confirmation link only to an account waiting for one, answering the same for any address', async () => {
    await t.api('POST', '/api/v1/auth/signup', { body: { name: 'Waiting', email: 'waiting@example.org', password: 'a long enough password' } });
    const b = new FormSession(t.app);
    const a = await b.submit('/signup', '/signup/resend', { 'resend-email': 'waiting@example.org' });
    const c = await b.submit('/signup', '/signup/resend', { 'resend-email': 'nobody-here@example.org' });
    expect([a.statusCode, c.statusCode]).toEqual([200, 200]);
    expect((await mailsTo('waiting@example.org')).length).toBe(2);
    expect((await mailsTo('nobody-here@example.org')).length).toBe(0);
  });

  it('shows an expired confirmation link as such', async () => {
    await t.api('POST', '/api/v1/auth/signup', { body: { name: 'Late', email: 'late@example.org', password: 'a long enough password' } });
    const token = tokenIn((await mailsTo('late@example.org'))[0].text_body, '/verify')!;
    await q(`UPDATE login_links SET expires_at = now() - interval '1 minute' WHERE purpose = 'verify' AND user_id = (SELECT id FROM users WHERE email = 'late@example.org')`);
    const page = await new FormSession(t.app).get(`/verify/${token}`);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('expired or was already used');
  });
});
