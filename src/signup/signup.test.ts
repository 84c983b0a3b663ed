import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { FormSession } from '../../test/support/forms.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const q = async (sql: string, params: unknown[] = []) => (await t.database.pool.query(sql, params)).rows;
const mailsTo = (email: string) =>
  q(`SELECT kind, locale, subject, text_body FROM outbound_messages WHERE to_email = $1 ORDER BY created_at`, [email]);
const tokenIn = (body: string, path: string) => new RegExp(`${path}/([A-Za-z0-9_-]{43})`).exec(body)?.[1];

describe('sign-up by the API', () => {
  it('creates an unconfirmed account with a profile, mails a 48-hour link in the chosen language, and the link signs in', async () => {
    const res = await t.api('POST', '/api/v1/auth/signup', {
      body: { name: 'Anne Peeters', email: 'Anne@Example.org', locale: 'nl' },
    });
    expect(res.statusCode, res.body).toBe(202);
    const [user] = await q(`SELECT id, email_verified_at, role FROM users WHERE email = 'anne@example.org'`);
    expect(user).toMatchObject({ email_verified_at: null, role: 'member' });
    expect(await q(`SELECT locale, directory_visible FROM member_profiles WHERE user_id = $1`, [user.id])).toEqual([
      { locale: 'nl', directory_visible: false },
    ]);
    const [link] = await q(
      `SELECT purpose, expires_at - created_at AS valid, token_hash FROM login_links WHERE user_id = $1`,
      [user.id],
    );
    expect(link.purpose).toBe('verify');
    expect(link.valid.hours ?? link.valid.days * 24).toBe(48);

    const mails = await mailsTo('anne@example.org');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: 'member.verify', locale: 'nl' });
    expect(mails[0].subject).toContain('Bevestig je e-mailadres');
    const token = tokenIn(mails[0].text_body, '/verify')!;
    expect(token).toBeDefined();
    expect(link.token_hash).not.toContain(token);

    // Unconfirmed, the account has no password at all: the page the link opens is where it is chosen.
    expect((await q(`SELECT password_hash FROM users WHERE id = $1`, [user.id]))[0].password_hash).toBeNull();

    // The link shows a form (mail scanners open links, and must not confirm anything); a too short
    // password is refused without using the link; a good one confirms and signs in.
    const b = new FormSession(t.app);
    const page = await b.get(`/verify/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Confirm anne@example.org and sign in');
    expect(page.body).toContain('Choose your password');
    expect((await q(`SELECT email_verified_at FROM users WHERE id = $1`, [user.id]))[0].email_verified_at).toBeNull();
    const short = await b.submit(`/verify/${token}`, `/verify/${token}`, { password: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('at least 10 characters');
    expect((await q(`SELECT email_verified_at FROM users WHERE id = $1`, [user.id]))[0].email_verified_at).toBeNull();
    const done = await b.submit(`/verify/${token}`, `/verify/${token}`, { password: 'a long enough password' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/me/profile?welcome=1');
    expect(b.cookies.has('essaim_session')).toBe(true);
    const profile = await b.get('/me/profile?welcome=1');
    expect(profile.statusCode).toBe(200);
    expect(profile.body).toContain('Your address is confirmed');
    expect(
      (await q(`SELECT email_verified_at FROM users WHERE id = $1`, [user.id]))[0].email_verified_at,
    ).not.toBeNull();

    // Once only; and now the password works.
    expect((await new FormSession(t.app).get(`/verify/${token}`)).statusCode).toBe(400);
    expect(
      (
        await t.api('POST', '/api/v1/auth/tokens', {
          body: { email: 'anne@example.org', password: 'a long enough password', name: 'cli' },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('answers a sign-up with a known address the same way, creates nothing, and tells the owner instead', async () => {
    const known = await t.user('member', 'known@example.org');
    const usersBefore = await q(`SELECT count(*)::int AS n FROM users`);
    const res = await t.api('POST', '/api/v1/auth/signup', { body: { name: 'Intruder', email: 'KNOWN@example.org' } });
    expect(res.statusCode).toBe(202);
    const fresh = await t.api('POST', '/api/v1/auth/signup', {
      body: { name: 'Someone New', email: 'new-person@example.org' },
    });
    expect(res.json()).toEqual(fresh.json());
    expect((await q(`SELECT count(*)::int AS n FROM users`))[0].n).toBe(usersBefore[0].n + 1);
    expect((await q(`SELECT name FROM users WHERE id = $1`, [known.user.id]))[0].name).toBe(known.user.name);
    const mails = await mailsTo('known@example.org');
    expect(mails.map((m) => m.kind)).toEqual(['member.exists']);
    expect(tokenIn(mails[0].text_body, '/login/link')).toBeDefined();
    // Its password still works: nothing was changed.
    expect(
      (
        await t.api('POST', '/api/v1/auth/tokens', {
          body: { email: 'known@example.org', password: known.password, name: 'x' },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('refuses bad input with the field named', async () => {
    const res = await t.api('POST', '/api/v1/auth/signup', {
      body: { name: '', email: 'not-an-address', password: 'short' },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['email', 'name']);
  });

  it('counts accounts made by an admin as confirmed', async () => {
    const made = await t.user('member');
    expect(
      (await q(`SELECT email_verified_at FROM users WHERE id = $1`, [made.user.id]))[0].email_verified_at,
    ).not.toBeNull();
  });
});

describe('sign-up pages', () => {
  it('signs up through the form; the password chosen from the e-mailed link then signs in', async () => {
    const b = new FormSession(t.app);
    const form = await b.get('/signup');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Create my account');
    const bad = await b.submit('/signup', '/signup', { name: 'Zoé', email: 'zoe@', locale: 'fr' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('aria-invalid="true"');
    const res = await b.submit('/signup', '/signup', { name: 'Zoé Lambert', email: 'zoe@example.org', locale: 'fr' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Check your e-mail');
    expect((await mailsTo('zoe@example.org')).map((m) => [m.kind, m.locale])).toEqual([['member.verify', 'fr']]);

    // No password exists before the link is followed: nothing signs in.
    const login = await new FormSession(t.app).submit('/login', '/login', {
      email: 'zoe@example.org',
      password: 'zoé has a password',
      next: '/me',
    });
    expect(login.statusCode).toBe(401);
    expect(login.headers['set-cookie'] ?? '').not.toContain('essaim_session');

    const [mail] = await mailsTo('zoe@example.org');
    const link = tokenIn(mail.text_body, '/verify')!;
    const c = new FormSession(t.app);
    expect((await c.submit(`/verify/${link}`, `/verify/${link}`, { password: 'zoé has a password' })).statusCode).toBe(
      303,
    );
    expect((await c.get('/me')).statusCode).toBe(200);
    // Confirmed: the password now signs in.
    expect(
      (
        await new FormSession(t.app).submit('/login', '/login', {
          email: 'zoe@example.org',
          password: 'zoé has a password',
          next: '/me',
        })
      ).statusCode,
    ).toBe(303);
  });

  it("lets nobody who signs up with somebody else's address into that account", async () => {
    // The intruder signs up first with the victim's address, and again later: each time the link goes to the victim's mailbox.
    await t.api('POST', '/api/v1/auth/signup', { body: { name: 'Intruder', email: 'victim@example.org' } });
    await t.api('POST', '/api/v1/auth/signup', { body: { name: 'Intruder', email: 'victim@example.org' } });
    const tokens = (await mailsTo('victim@example.org')).map((m) => tokenIn(m.text_body, '/verify')!);
    expect(tokens).toHaveLength(2);
    // Whichever link the victim follows, the password is the one the victim chooses there; no other works.
    const victim = new FormSession(t.app);
    expect(
      (await victim.submit(`/verify/${tokens[0]}`, `/verify/${tokens[0]}`, { password: 'the victim chose this' }))
        .statusCode,
    ).toBe(303);
    for (const password of ['the victim chose this', 'anything the intruder typed']) {
      const res = await t.api('POST', '/api/v1/auth/tokens', {
        body: { email: 'victim@example.org', password, name: 'x' },
      });
      expect(res.statusCode, password).toBe(password.startsWith('the victim') ? 201 : 401);
    }
    // Both links are spent: neither can set a password again.
    for (const token of tokens) expect((await new FormSession(t.app).get(`/verify/${token}`)).statusCode).toBe(400);
  });

  it('resends a confirmation link only to an account waiting for one, answering the same for any address', async () => {
    await t.api('POST', '/api/v1/auth/signup', { body: { name: 'Waiting', email: 'waiting@example.org' } });
    const b = new FormSession(t.app);
    const a = await b.submit('/signup', '/signup/resend', { 'resend-email': 'waiting@example.org' });
    const c = await b.submit('/signup', '/signup/resend', { 'resend-email': 'nobody-here@example.org' });
    expect([a.statusCode, c.statusCode]).toEqual([200, 200]);
    expect((await mailsTo('waiting@example.org')).length).toBe(2);
    expect((await mailsTo('nobody-here@example.org')).length).toBe(0);
  });

  it('shows an expired confirmation link as such', async () => {
    await t.api('POST', '/api/v1/auth/signup', { body: { name: 'Late', email: 'late@example.org' } });
    const token = tokenIn((await mailsTo('late@example.org'))[0].text_body, '/verify')!;
    await q(
      `UPDATE login_links SET expires_at = now() - interval '1 minute' WHERE purpose = 'verify' AND user_id = (SELECT id FROM users WHERE email = 'late@example.org')`,
    );
    const page = await new FormSession(t.app).get(`/verify/${token}`);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('expired or was already used');
  });
});
