import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { authenticate, ensureAdmin } from './service.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let clients = 0;
/** Each call from an address of its own: these tests are about tokens, not the sign-in rate limit (10/min per address). */
const login = (body: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/tokens',
    remoteAddress: `10.1.0.${++clients}`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

describe('API tokens', () => {
  it('exchanges an e-mail and password for a token that then authenticates', async () => {
    const { user, password } = await t.user('member');
    const res = await login({ email: user.email.toUpperCase(), password, name: 'laptop' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ name: 'laptop', revokedAt: null, lastUsedAt: null });
    expect(body.token).toMatch(/^essaim_[A-Za-z0-9_-]{40,}$/);
    expect(body.token.startsWith(body.prefix)).toBe(true);

    const me = await t.api('GET', '/api/v1/me', { token: body.token });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ id: user.id, email: user.email, name: user.name, role: 'member' });
  });

  it('answers 401 with one message for a wrong password and for an unknown e-mail', async () => {
    const { user } = await t.user('member');
    const wrong = await login({ email: user.email, password: 'not the password', name: 'x' });
    const unknown = await login({ email: 'nobody@example.org', password: 'not the password', name: 'x' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().detail).toBe('Wrong e-mail or password.');
    expect(unknown.json().detail).toBe(wrong.json().detail);
    expect(unknown.json().title).toBe(wrong.json().title);
    expect(wrong.json()).not.toHaveProperty('token');
  });

  it('answers 401 without a token, with an unknown token and with a malformed header', async () => {
    expect((await t.api('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await t.api('GET', '/api/v1/me', { token: 'essaim_made-up' })).statusCode).toBe(401);
    expect((await t.api('GET', '/api/v1/me', { headers: { authorization: 'Basic YWRhOmFkYQ==' } })).statusCode).toBe(
      401,
    );
  });

  it('lists my tokens without their secret', async () => {
    const { user, password, token } = await t.user('member');
    const created = (await login({ email: user.email, password, name: 'CI script' })).json();
    const res = await t.api('GET', '/api/v1/auth/tokens', { token });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items.map((i) => i.name).sort()).toEqual(['CI script', 'test']);
    for (const item of items) {
      expect(item).not.toHaveProperty('token');
      expect(item).not.toHaveProperty('tokenHash');
      expect(item.prefix).toEqual(expect.any(String));
      expect(res.body).not.toContain(created.token);
    }
    expect(items.find((i) => i.id === created.id)?.prefix).toBe(created.prefix);
    // Using a token records when.
    expect(items.find((i) => i.name === 'test')?.lastUsedAt).toEqual(expect.any(String));
  });

  it('revokes a token: 204, then the token gets 401, and revoking again is 404', async () => {
    const { user, password, token: other } = await t.user('member');
    const created = (await login({ email: user.email, password, name: 'to revoke' })).json();
    expect((await t.api('GET', '/api/v1/me', { token: created.token })).statusCode).toBe(200);

    const res = await t.api('DELETE', `/api/v1/auth/tokens/${created.id}`, { token: other });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    const after = await t.api('GET', '/api/v1/me', { token: created.token });
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toMatch(/revoked/);
    const listed = (await t.api('GET', '/api/v1/auth/tokens', { token: other }))
      .json()
      .items.find((i: { id: string }) => i.id === created.id);
    expect(listed.revokedAt).toEqual(expect.any(String));
    expect((await t.api('DELETE', `/api/v1/auth/tokens/${created.id}`, { token: other })).statusCode).toBe(404);
    // The other token still works.
    expect((await t.api('GET', '/api/v1/me', { token: other })).statusCode).toBe(200);
  });

  it("cannot revoke another person's token (404), which keeps working", async () => {
    const alice = await t.user('member');
    const bob = await t.user('admin');
    const aliceTokenId = (await t.api('GET', '/api/v1/auth/tokens', { token: alice.token })).json().items[0].id;
    const res = await t.api('DELETE', `/api/v1/auth/tokens/${aliceTokenId}`, { token: bob.token });
    expect(res.statusCode).toBe(404);
    expect((await t.api('GET', '/api/v1/me', { token: alice.token })).statusCode).toBe(200);
    expect((await t.api('DELETE', '/api/v1/auth/tokens/not-a-uuid', { token: bob.token })).statusCode).toBe(400);
  });

  it('refuses a token request with missing fields with 400 naming them', async () => {
    const res = await login({ email: 'not-an-email' });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['email', 'name', 'password']);
  });
});

describe('secrets at rest', () => {
  it('stores passwords as argon2id hashes', async () => {
    const { user, password } = await t.user('member');
    const { rows } = await t.database.pool.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1',
      [user.id],
    );
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(rows[0]!.password_hash).not.toContain(password);
  });

  it('stores API tokens hashed, never the token', async () => {
    const { user, password } = await t.user('member');
    const created = (await login({ email: user.email, password, name: 'hashed' })).json();
    const { rows } = await t.database.pool.query<{ token_hash: string; prefix: string }>(
      'SELECT token_hash, prefix FROM api_tokens WHERE id = $1',
      [created.id],
    );
    expect(rows[0]!.token_hash).not.toBe(created.token);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const { rows: leaked } = await t.database.pool.query(
      'SELECT 1 FROM api_tokens WHERE token_hash = $1 OR prefix = $1 OR name = $1',
      [created.token],
    );
    expect(leaked).toHaveLength(0);
    expect(created.token.length).toBeGreaterThan(rows[0]!.prefix.length + 20);
  });
});

describe('ensureAdmin', () => {
  it('creates the first admin once and never overwrites it', async () => {
    const email = 'first-admin@example.org';
    expect(await ensureAdmin(t.database.db, t.network, undefined)).toBe(false);
    expect(await ensureAdmin(t.database.db, t.network, { email, password: 'the first password' })).toBe(true);
    expect(await ensureAdmin(t.database.db, t.network, { email, password: 'a second password' })).toBe(false);

    const user = await authenticate(t.database.db, t.network.id, email, 'the first password');
    expect(user.role).toBe('admin');
    // Named after the network it speaks for, not with an English word.
    expect(user.name).toBe(t.network.name);
    await expect(authenticate(t.database.db, t.network.id, email, 'a second password')).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    const { rows } = await t.database.pool.query('SELECT 1 FROM users WHERE email = $1', [email]);
    expect(rows).toHaveLength(1);

    // The same through the API.
    expect((await login({ email, password: 'the first password', name: 'x' })).statusCode).toBe(201);
    expect((await login({ email, password: 'a second password', name: 'x' })).statusCode).toBe(401);
  });
});

describe('login rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ rateLimitPerMinute: 1000 });
  });
  afterAll(() => limited.close());

  it('answers 429 problem+json to the 11th attempt within a minute, even with the right password', async () => {
    const { user, password } = await limited.user('member');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await limited.api('POST', '/api/v1/auth/tokens', {
        body: { email: user.email, password: `wrong guess ${i}`, name: 'x' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual(Array(10).fill(401));
    const eleventh = await limited.api('POST', '/api/v1/auth/tokens', {
      body: { email: user.email, password: 'wrong guess 11', name: 'x' },
    });
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.headers['content-type']).toContain('application/problem+json');
    expect(eleventh.json()).toMatchObject({ status: 429, title: 'Too many requests' });
    const right = await limited.api('POST', '/api/v1/auth/tokens', {
      body: { email: user.email, password, name: 'x' },
    });
    expect(right.statusCode).toBe(429);
    // Other endpoints are not held back by the login limit.
    expect((await limited.api('GET', '/api/v1/chapters')).statusCode).toBe(200);
  });
});
