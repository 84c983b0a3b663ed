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
type Status = 200 | 201 | 204 | 401 | 403 | 404;

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
  // Events of chapter A (an online event E, published).
  ['create event in A', 401, 403, 201, 403, 403, 201],
  ['patch event E', 401, 403, 200, 403, 403, 200],
  ['cancel event E', 401, 403, 200, 403, 403, 200],
  // Registrations: R is a guest's registration for E.
  ['register for E', 201, 201, 201, 201, 201, 201],
  ['add attendee to E', 401, 403, 201, 403, 403, 201],
  ['list registrations of E', 401, 403, 200, 403, 403, 200],
  // Someone else's registration is not shown to exist, even to a visitor: 404, not 401 or 403.
  ['cancel registration R', 404, 404, 200, 404, 404, 200],
  ['attendance report', 401, 403, 200, 200, 403, 200],
  // Webhooks, members, invitations, import, audit.
  ['create webhook', 401, 403, 403, 403, 403, 201],
  ['list webhooks', 401, 403, 403, 403, 403, 200],
  ['search the member directory', 401, 200, 200, 200, 200, 200],
  // X never listed themselves: nobody may write to them, and nobody learns that they exist.
  ['write to member X', 401, 404, 404, 404, 404, 404],
  ['export member X', 401, 403, 403, 403, 403, 200],
  ['delete member X', 401, 403, 403, 403, 403, 204],
  ['preview invitations for E', 401, 403, 200, 403, 403, 200],
  ['list invitations of A', 401, 403, 200, 403, 403, 200],
  ['import members (dry run)', 401, 403, 403, 403, 403, 200],
  ['read the audit log', 401, 403, 403, 403, 403, 200],
  ['export the audit log', 401, 403, 403, 403, 403, 200],
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
  /** A published online event of chapter A, a guest's registration for it, and a member to export or delete. */
  event: string;
  registration: string;
  victim: string;
  /** Someone to appoint: a fresh account, so the member of the other cells never becomes an organiser. */
  appointee: string;
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
  const inDays = (d: number, h: number) => new Date(Date.now() + d * 86_400_000 + h * 3_600_000).toISOString();
  const event = await ok('POST', `/api/v1/chapters/${w.a}/events`, {
    title: `Event ${n}`,
    startsAt: inDays(10, 0),
    endsAt: inDays(10, 2),
    capacity: 20,
    onlineUrl: 'https://meet.example.org/e',
  });
  const registration = await ok('POST', `/api/v1/events/${event.id}/attendees`, {
    name: 'Guest',
    email: `guest-${n}@example.org`,
  });
  const victim = await t.user('member', `victim-${n}@example.org`);
  const appointee = (await t.user('member', `appointee-${n}@example.org`)).user.email;
  return { ...w, partnership: p.id, event: event.id, registration: registration.id, victim: victim.user.id, appointee };
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
    run: (w, token) => call('POST', `/api/v1/chapters/${w.a}/organizers`, { token, body: { email: w.appointee } }),
    after: async (w, allowed) => {
      const emails = (await ok('GET', `/api/v1/chapters/${w.a}/organizers`)).items.map(
        (p: { email: string }) => p.email,
      );
      expect(emails.includes(w.appointee)).toBe(allowed);
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
    run: (w, token) => call('POST', `/api/v1/venues/${w.v}/managers`, { token, body: { email: w.appointee } }),
    after: async (w, allowed) => {
      const emails = (await ok('GET', `/api/v1/venues/${w.v}/managers`)).items.map((p: { email: string }) => p.email);
      expect(emails.includes(w.appointee)).toBe(allowed);
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

  'create event in A': {
    run: (w, token) =>
      call('POST', `/api/v1/chapters/${w.a}/events`, {
        token,
        body: {
          title: `Extra ${w.n}`,
          startsAt: '2030-01-10T18:00:00Z',
          endsAt: '2030-01-10T20:00:00Z',
          onlineUrl: 'https://meet.example.org/x',
          capacity: 10,
        },
      }),
    after: async (w, allowed) => {
      const titles = (await ok('GET', `/api/v1/events?chapter=${w.a}&from=2029-12-01T00:00:00Z`)).items.map(
        (e: { title: string }) => e.title,
      );
      expect(titles.includes(`Extra ${w.n}`)).toBe(allowed);
    },
  },
  'patch event E': {
    run: (w, token) => call('PATCH', `/api/v1/events/${w.event}`, { token, body: { title: 'Renamed' } }),
    after: async (w, allowed) =>
      expect((await ok('GET', `/api/v1/events/${w.event}`)).title).toBe(allowed ? 'Renamed' : `Event ${w.n}`),
  },
  'cancel event E': {
    run: (w, token) => call('POST', `/api/v1/events/${w.event}/cancel`, { token, body: { reason: 'Speaker ill' } }),
    after: async (w, allowed) =>
      expect((await ok('GET', `/api/v1/events/${w.event}`)).status).toBe(allowed ? 'cancelled' : 'published'),
  },
  'register for E': {
    run: (w, token, role) =>
      call('POST', `/api/v1/events/${w.event}/registrations`, {
        token,
        body: role === 'anonymous' ? { name: 'Walk-in', email: `walk-in-${w.n}@example.org` } : {},
      }),
    after: async (w, allowed) =>
      expect((await ok('GET', `/api/v1/events/${w.event}/registrations`)).items).toHaveLength(allowed ? 2 : 1),
  },
  'add attendee to E': {
    run: (w, token) =>
      call('POST', `/api/v1/events/${w.event}/attendees`, {
        token,
        body: { name: 'Added', email: `added-${w.n}@example.org` },
      }),
    after: async (w, allowed) =>
      expect((await ok('GET', `/api/v1/events/${w.event}/registrations`)).items).toHaveLength(allowed ? 2 : 1),
  },
  'list registrations of E': {
    run: (w, token) => call('GET', `/api/v1/events/${w.event}/registrations`, { token }),
    after: async (w, allowed, _role, res) => {
      if (allowed) expect(res.json().items.map((r: { id: string }) => r.id)).toEqual([w.registration]);
      else expect(res.body).not.toContain(`guest-${w.n}@example.org`);
    },
  },
  'cancel registration R': {
    run: (w, token) => call('POST', `/api/v1/registrations/${w.registration}/cancel`, { token, body: {} }),
    after: async (w, allowed) =>
      expect((await ok('GET', `/api/v1/registrations/${w.registration}`)).status).toBe(
        allowed ? 'cancelled' : 'confirmed',
      ),
  },
  'attendance report': {
    run: (w, token) => call('GET', `/api/v1/attendance?email=guest-${w.n}%40example.org`, { token }),
    // Organisers see their own chapters' events only: B's organiser gets an empty report.
    after: async (_w, allowed, role, res) => {
      if (allowed) expect(res.json().items).toHaveLength(role === 'organiser of B' ? 0 : 1);
    },
  },
  'create webhook': {
    run: (w, token) =>
      call('POST', '/api/v1/webhooks', {
        token,
        body: { url: `https://93.184.215.14/hook-${w.n}`, events: ['registration.created'] },
      }),
    after: async (w, allowed) => {
      const urls = (await ok('GET', '/api/v1/webhooks')).items.map((h: { url: string }) => h.url);
      expect(urls.includes(`https://93.184.215.14/hook-${w.n}`)).toBe(allowed);
    },
  },
  'list webhooks': {
    run: (_w, token) => call('GET', '/api/v1/webhooks', { token }),
    after: async (_w, allowed, _role, res) => {
      if (!allowed) expect(res.body).not.toContain('93.184.215.14');
    },
  },
  'search the member directory': {
    run: (_w, token) => call('GET', '/api/v1/members', { token }),
    after: async () => {},
  },
  'write to member X': {
    run: (w, token) =>
      call('POST', `/api/v1/members/${w.victim}/contact`, { token, body: { body: 'Hello, are you there?' } }),
    after: async (w) => {
      const { rowCount } = await t.database.pool.query('SELECT 1 FROM contact_messages WHERE recipient_id = $1', [
        w.victim,
      ]);
      expect(rowCount).toBe(0);
    },
  },
  'export member X': {
    run: (w, token) => call('GET', `/api/v1/members/${w.victim}/export`, { token }),
    after: async (w, allowed, _role, res) => {
      if (allowed) expect(res.json().account.email).toBe(`victim-${w.n}@example.org`);
      else expect(res.body).not.toContain(`victim-${w.n}@example.org`);
      // An admin's export is written in the audit log; a refused one is not.
      const log = await ok('GET', '/api/v1/audit-log?limit=100');
      const exported = log.items.filter(
        (e: { action: string; subject: string }) => e.action === 'member.export' && e.subject.includes(w.victim),
      );
      expect(exported).toHaveLength(allowed ? 1 : 0);
    },
  },
  'delete member X': {
    run: (w, token) => call('DELETE', `/api/v1/members/${w.victim}`, { token }),
    after: async (w, allowed) =>
      expect((await call('GET', `/api/v1/members/${w.victim}/export`, { token: adminToken() })).statusCode).toBe(
        allowed ? 404 : 200,
      ),
  },
  'preview invitations for E': {
    run: (w, token) =>
      call('POST', `/api/v1/events/${w.event}/invitations/preview`, {
        token,
        body: { segment: { origin: ['BE-WHT'] } },
      }),
    // A preview sends nothing, whoever asks.
    after: async (w) => expect((await ok('GET', `/api/v1/events/${w.event}/invitations`)).campaigns).toEqual([]),
  },
  'list invitations of A': {
    run: (w, token) => call('GET', `/api/v1/chapters/${w.a}/invitations`, { token }),
    after: async () => {},
  },
  'import members (dry run)': {
    run: async (w, token) =>
      (await t.app.inject({
        method: 'POST',
        url: '/api/v1/members/import?dryRun=true',
        headers: { 'content-type': 'text/csv; charset=utf-8', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        payload: `name,email\nImported ${w.n},imported-${w.n}@example.org\n`,
      })) as Res,
    // A dry run writes nothing, allowed or not: no account for that address either way.
    after: async (w) => expect((await ok('GET', `/api/v1/members?q=imported-${w.n}`)).items ?? []).toEqual([]),
  },
  'read the audit log': {
    run: (_w, token) => call('GET', '/api/v1/audit-log', { token }),
    after: async () => {},
  },
  'export the audit log': {
    run: (w, token) => call('POST', '/api/v1/audit-log/export', { token, body: { subject: `world ${w.n}` } }),
    // An admin's copy of the log is itself an entry; a refused one leaves none.
    after: async (w, allowed) => {
      const log = await ok('GET', '/api/v1/audit-log?action=audit.export&limit=100');
      const mine = log.items.filter((e: { details: { subject?: string } }) => e.details.subject === `world ${w.n}`);
      expect(mine).toHaveLength(allowed ? 1 : 0);
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
      const problem = { 401: ['unauthenticated', 'Authentication required'], 403: ['forbidden', 'Not allowed'] }[
        status as 401 | 403
      ] ?? ['not-found', 'Not found'];
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        type: `https://essaim.dev/problems/${problem[0]}`,
        title: problem[1],
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
