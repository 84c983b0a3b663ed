import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../accounts/service.js';
import { startTestApp, type TestApp } from '../../test/support/app.js';

// Who may do what through the JSON API: one row per action, one column per role. Each cell
// runs in a world of its own (fresh chapters A and B, venue V, a partnership B–V, and the
// organiser / manager appointments), so no cell depends on another's side effects, and each
// cell also checks the state afterwards: a refusal changes nothing, an allowed call does.

type Role = 'anonymous' | 'member' | 'organiser of A' | 'organiser of B' | 'manager of V' | 'admin';
const roles: Role[] = ['anonymous', 'member', 'organiser of A', 'organiser of B', 'manager of V', 'admin'];
type Status = 200 | 201 | 204 | 401 | 403;

// prettier-ignore
const matrix: [action: string, ...statuses: Status[]][] = [
  //                            anonymous member  org. A  org. B  mgr. V  admin
  ['create chapter', 401, 403, 403, 403, 403, 201],
  ['patch chapter A description', 401, 403, 200, 403, 403, 200],
  ['patch chapter A status', 401, 403, 403, 403, 403, 200],
  ['patch chapter A slug', 401, 403, 403, 403, 403, 200],
  ['delete chapter A', 401, 403, 403, 403, 403, 204],
  ['list interest of A', 401, 403, 200, 403, 403, 200],
  ['list organisers of A', 401, 403, 200, 403, 403, 200],
  ['appoint organiser of A', 401, 403, 403, 403, 403, 201],
  ['create venue', 401, 403, 403, 403, 403, 201],
  ['patch venue V rooms', 401, 403, 403, 403, 200, 200],
  ['list managers of V', 401, 403, 403, 403, 200, 200],
  ['appoint manager of V', 401, 403, 403, 403, 403, 201],
  ['create partnership A–V', 401, 403, 403, 403, 403, 201],
  ['patch partnership B–V', 401, 403, 403, 403, 403, 200],
  ['list my tokens', 401, 200, 200, 200, 200, 200],
  ['GET /api/v1/me', 401, 200, 200, 200, 200, 200],
];

interface Account {
  email: string;
  token: string;
  role: 'admin' | 'member';
}
interface World {
  n: number;
  a: string;
  b: string;
  v: string;
  partnership: string;
}

let t: TestApp;
const accounts = {} as Record<Exclude<Role, 'anonymous'>, Account>;
let worlds = 0;

const as = (role: Role) => (role === 'anonymous' ? undefined : accounts[role].token);
const adminToken = () => accounts.admin.token;

type Res = Awaited<ReturnType<TestApp['api']>>;

async function call(
  method: InjectOptions['method'],
  url: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<Res> {
  return t.api(method, url, opts);
}

/** An admin request that must succeed, for setting up and for reading state back. */
async function ok(method: InjectOptions['method'], url: string, body?: unknown) {
  const res = await call(method, url, { token: adminToken(), body });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.statusCode === 204 ? null : res.json();
}

async function makeWorld(): Promise<World> {
  const n = ++worlds;
  const w = { n, a: `alpha-${n}`, b: `beta-${n}`, v: `venue-${n}` };
  await ok('POST', '/api/v1/chapters', {
    name: `Alpha ${n}`,
    slug: w.a,
    city: 'Namur',
    description: 'original A',
    status: 'planned',
  });
  await ok('POST', '/api/v1/chapters', { name: `Beta ${n}`, slug: w.b, city: 'Liège', description: 'original B' });
  await ok('POST', '/api/v1/venues', {
    name: `Venue ${n}`,
    slug: w.v,
    city: 'Namur',
    rooms: [{ name: 'Main room', capacity: 30 }],
  });
  await ok('POST', `/api/v1/chapters/${w.a}/organizers`, { email: accounts['organiser of A'].email });
  await ok('POST', `/api/v1/chapters/${w.b}/organizers`, { email: accounts['organiser of B'].email });
  await ok('POST', `/api/v1/venues/${w.v}/managers`, { email: accounts['manager of V'].email });
  const p = await ok('POST', `/api/v1/chapters/${w.b}/partnerships`, {
    venue: w.v,
    venueProvides: 'a room',
    status: 'active',
  });
  return { ...w, partnership: p.id };
}

const exists = async (url: string) => (await call('GET', url, { token: adminToken() })).statusCode === 200;

interface Action {
  /** The request, made with the role's token (none for anonymous). */
  run(w: World, token: string | undefined, role: Role): Promise<Res>;
  /** Checks the state afterwards: `allowed` says whether the call was let through. */
  after(w: World, allowed: boolean, role: Role, res: Res): Promise<void>;
}

const actions: Record<string, Action> = {
  'create chapter': {
    run: (w, token) =>
      call('POST', '/api/v1/chapters', { token, body: { name: `New ${w.n}`, slug: `new-${w.n}`, city: 'Mons' } }),
    after: async (w, allowed) => expect(await exists(`/api/v1/chapters/new-${w.n}`)).toBe(allowed),
  },
  'patch chapter A description': {
    run: (w, token) => call('PATCH', `/api/v1/chapters/${w.a}`, { token, body: { description: 'changed' } }),
    after: async (w, allowed) =>
      expect((await ok('GET', `/api/v1/chapters/${w.a}`)).description).toBe(allowed ? 'changed' : 'original A'),
  },
  'patch chapter A status': {
    run: (w, token) =>
      call('PATCH', `/api/v1/chapters/${w.a}`, { token, body: { status: 'active', description: 'changed' } }),
    // A refused status change must not let the description through either.
    after: async (w, allowed) =>
      expect(await ok('GET', `/api/v1/chapters/${w.a}`)).toMatchObject(
        allowed ? { status: 'active', description: 'changed' } : { status: 'planned', description: 'original A' },
      ),
  },
  'patch chapter A slug': {
    run: (w, token) => call('PATCH', `/api/v1/chapters/${w.a}`, { token, body: { slug: `moved-${w.n}` } }),
    after: async (w, allowed) => {
      expect(await exists(`/api/v1/chapters/moved-${w.n}`)).toBe(allowed);
      expect(await exists(`/api/v1/chapters/${w.a}`)).toBe(!allowed);
    },
  },
  'delete chapter A': {
    run: (w, token) => call('DELETE', `/api/v1/chapters/${w.a}`, { token }),
    after: async (w, allowed) => expect(await exists(`/api/v1/chapters/${w.a}`)).toBe(!allowed),
  },
  'list interest of A': {
    run: async (w, token) => {
      // Route-level rate limit: 20 sign-ups a minute, so one per cell of this row only.
      expect(
        (
          await call('POST', `/api/v1/chapters/${w.a}/interest`, {
            body: { name: 'Ada', email: `ada${w.n}@example.org` },
          })
        ).statusCode,
      ).toBe(201);
      return call('GET', `/api/v1/chapters/${w.a}/interest`, { token });
    },
    after: async (w, allowed, role, res) => {
      if (allowed)
        expect(res.json()).toMatchObject({ count: 1, items: [{ name: 'Ada', email: `ada${w.n}@example.org` }] });
      else expect(res.body).not.toContain(`ada${w.n}@example.org`);
      // The count on the chapter itself follows the same rule.
      const chapter = (await call('GET', `/api/v1/chapters/${w.a}`, { token: as(role) })).json();
      if (allowed) expect(chapter.interestCount).toBe(1);
      else expect(chapter).not.toHaveProperty('interestCount');
    },
  },
  'list organisers of A': {
    run: (w, token) => call('GET', `/api/v1/chapters/${w.a}/organizers`, { token }),
    after: async (_w, allowed, _role, res) => {
      if (allowed)
        expect(res.json().items.map((p: { email: string }) => p.email)).toEqual([accounts['organiser of A'].email]);
      else expect(res.body).not.toContain(accounts['organiser of A'].email);
    },
  },
  'appoint organiser of A': {
    run: (w, token) =>
      call('POST', `/api/v1/chapters/${w.a}/organizers`, { token, body: { email: accounts.member.email } }),
    after: async (w, allowed) => {
      const emails = (await ok('GET', `/api/v1/chapters/${w.a}/organizers`)).items.map(
        (p: { email: string }) => p.email,
      );
      expect(emails.includes(accounts.member.email)).toBe(allowed);
      expect(emails).toContain(accounts['organiser of A'].email);
    },
  },
  'create venue': {
    run: (w, token) =>
      call('POST', '/api/v1/venues', {
        token,
        body: { name: `New venue ${w.n}`, slug: `new-venue-${w.n}`, city: 'Mons' },
      }),
    after: async (w, allowed) => expect(await exists(`/api/v1/venues/new-venue-${w.n}`)).toBe(allowed),
  },
  'patch venue V rooms': {
    run: (w, token) =>
      call('PATCH', `/api/v1/venues/${w.v}`, {
        token,
        body: {
          rooms: [
            { name: 'Main room', capacity: 45 },
            { name: 'Attic', capacity: 8 },
          ],
        },
      }),
    after: async (w, allowed) => {
      const rooms = (await ok('GET', `/api/v1/venues/${w.v}`)).rooms
        .map((r: { name: string; capacity: number }) => [r.name, r.capacity])
        .sort();
      expect(rooms).toEqual(
        allowed
          ? [
              ['Attic', 8],
              ['Main room', 45],
            ]
          : [['Main room', 30]],
      );
    },
  },
  'list managers of V': {
    run: (w, token) => call('GET', `/api/v1/venues/${w.v}/managers`, { token }),
    after: async (_w, allowed, _role, res) => {
      if (allowed)
        expect(res.json().items.map((p: { email: string }) => p.email)).toEqual([accounts['manager of V'].email]);
      else expect(res.body).not.toContain(accounts['manager of V'].email);
    },
  },
  'appoint manager of V': {
    run: (w, token) =>
      call('POST', `/api/v1/venues/${w.v}/managers`, { token, body: { email: accounts.member.email } }),
    after: async (w, allowed) => {
      const emails = (await ok('GET', `/api/v1/venues/${w.v}/managers`)).items.map((p: { email: string }) => p.email);
      expect(emails.includes(accounts.member.email)).toBe(allowed);
    },
  },
  'create partnership A–V': {
    run: (w, token) =>
      call('POST', `/api/v1/chapters/${w.a}/partnerships`, { token, body: { venue: w.v, status: 'proposed' } }),
    after: async (w, allowed) =>
      expect((await ok('GET', `/api/v1/chapters/${w.a}/partnerships`)).items).toHaveLength(allowed ? 1 : 0),
  },
  'patch partnership B–V': {
    run: (w, token) =>
      call('PATCH', `/api/v1/partnerships/${w.partnership}`, {
        token,
        body: { venueProvides: 'room and coffee', status: 'ended' },
      }),
    after: async (w, allowed) =>
      expect(await ok('GET', `/api/v1/partnerships/${w.partnership}`)).toMatchObject(
        allowed ? { venueProvides: 'room and coffee', status: 'ended' } : { venueProvides: 'a room', status: 'active' },
      ),
  },
  'list my tokens': {
    run: (_w, token) => call('GET', '/api/v1/auth/tokens', { token }),
    after: async (_w, allowed, role, res) => {
      if (!allowed) return;
      // Only the caller's own tokens, identified by their prefix, never the secret itself.
      const mine = accounts[role as Exclude<Role, 'anonymous'>].token;
      expect(res.json().items.map((i: { prefix: string }) => i.prefix)).toEqual([mine.slice(0, 14)]);
      expect(res.body).not.toContain(mine);
    },
  },
  'GET /api/v1/me': {
    run: (_w, token) => call('GET', '/api/v1/me', { token }),
    after: async (_w, allowed, role, res) => {
      if (!allowed) return;
      const me = accounts[role as Exclude<Role, 'anonymous'>];
      expect(res.json()).toMatchObject({ email: me.email, role: me.role });
    },
  },
};

beforeAll(async () => {
  t = await startTestApp();
  const make = async (role: 'admin' | 'member', label: string): Promise<Account> => {
    const { user, token } = await t.user(role, `${label}@example.org`);
    return { email: user.email, token, role };
  };
  accounts.admin = await make('admin', 'admin');
  accounts.member = await make('member', 'member');
  accounts['organiser of A'] = await make('member', 'organiser-a');
  accounts['organiser of B'] = await make('member', 'organiser-b');
  accounts['manager of V'] = await make('member', 'manager-v');
});
afterAll(() => t?.close());

const cells = matrix.flatMap(([action, ...statuses]) =>
  statuses.map((status, i) => ({ action, role: roles[i]!, status })),
);

describe('role × action matrix of the JSON API', () => {
  it('has one status per role in every row and an implementation for every action', () => {
    for (const [action, ...statuses] of matrix) {
      expect(statuses, action).toHaveLength(roles.length);
      expect(actions[action], action).toBeDefined();
    }
  });

  it.each(cells)('$action as $role → $status', async ({ action, role, status }) => {
    const w = await makeWorld();
    const res = await actions[action]!.run(w, as(role), role);
    expect(res.statusCode, res.body).toBe(status);
    const allowed = status < 300;
    if (!allowed) {
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        type: `https://essaim.dev/problems/${status === 401 ? 'unauthenticated' : 'forbidden'}`,
        title: status === 401 ? 'Authentication required' : 'Not allowed',
        status,
        detail: expect.any(String),
      });
    }
    await actions[action]!.after(w, allowed, role, res);
  });
});

describe('bearer tokens that do not open anything', () => {
  const expect401 = (res: Res) => {
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      type: 'https://essaim.dev/problems/unauthenticated',
      title: 'Authentication required',
      status: 401,
      detail: expect.any(String),
    });
  };

  it('refuses an unknown token with 401 problem+json, on reads and writes alike', async () => {
    expect401(await call('GET', '/api/v1/me', { token: 'essaim_not-a-real-token' }));
    expect401(
      await call('POST', '/api/v1/chapters', {
        token: 'essaim_not-a-real-token',
        body: { name: 'Ghost', slug: 'ghost', city: 'Nowhere' },
      }),
    );
    expect(await exists('/api/v1/chapters/ghost')).toBe(false);
  });

  it('refuses an Authorization header that is not "Bearer <token>"', async () => {
    for (const authorization of [
      'Basic YWRhOnNlY3JldA==',
      'Bearer',
      `Token ${accounts.admin.token}`,
      `Bearer ${accounts.admin.token} extra`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization } });
      expect401(res as Res);
    }
  });

  it('refuses a token once it is revoked, and the revocation holds for writes', async () => {
    const { user, token } = await t.user('admin', 'revoked-admin@example.org');
    const [listed] = (await call('GET', '/api/v1/auth/tokens', { token })).json().items;
    expect(listed.revokedAt).toBeNull();
    expect((await call('DELETE', `/api/v1/auth/tokens/${listed.id}`, { token })).statusCode).toBe(204);

    expect401(await call('GET', '/api/v1/me', { token }));
    expect401(await call('GET', '/api/v1/auth/tokens', { token }));
    expect401(
      await call('POST', '/api/v1/chapters', { token, body: { name: 'Revoked', slug: 'revoked', city: 'Nowhere' } }),
    );
    expect(await exists('/api/v1/chapters/revoked')).toBe(false);
    // Only that token is dead: a new token of the same account still works.
    const fresh = (await createToken(t.database.db, user, 'second')).token;
    expect((await call('GET', '/api/v1/me', { token: fresh })).json()).toMatchObject({
      email: 'revoked-admin@example.org',
      role: 'admin',
    });
  });

  it('does not let a 403 through half-way: a refused PATCH leaves every field as it was', async () => {
    const w = await makeWorld();
    const before = await ok('GET', `/api/v1/chapters/${w.a}`);
    const res = await call('PATCH', `/api/v1/chapters/${w.a}`, {
      token: accounts['organiser of A'].token,
      body: { name: 'Renamed', description: 'changed', slug: `hijack-${w.n}` },
    });
    expect(res.statusCode).toBe(403);
    expect(await ok('GET', `/api/v1/chapters/${w.a}`)).toEqual(before);
    expect(await exists(`/api/v1/chapters/hijack-${w.n}`)).toBe(false);
  });

  it('keeps an organiser of one chapter out of another chapter', async () => {
    const w = await makeWorld();
    const res = await call('PATCH', `/api/v1/chapters/${w.a}`, {
      token: accounts['organiser of B'].token,
      body: { description: 'from B' },
    });
    expect(res.statusCode).toBe(403);
    expect((await ok('GET', `/api/v1/chapters/${w.a}`)).description).toBe('original A');
  });
});
