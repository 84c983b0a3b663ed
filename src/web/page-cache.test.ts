import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { csrfOf, FormSession, signIn } from '../../test/support/forms.js';
import { pageCacheSize } from './page-cache.js';

/**
 * The cache of anonymous public answers (web/page-cache.ts) must never trade correctness: seats
 * left are never stale by more than a second, drafts never leak, a signed-in visitor never gets
 * someone else's page, and each visitor's form carries their own CSRF token.
 */

let t: TestApp;
let admin: { token: string; email: string; password: string };
let organiser: { token: string; email: string; password: string; name: string };
let member: { token: string; email: string; password: string; name: string };

const api = async (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, token = admin.token) => {
  const res = await t.api(method, url, { token, body });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
};
const anonymous = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en', ...headers } });
const seatsOf = (html: string) => /<strong>(\d+) seats left out of (\d+)<\/strong>/.exec(html)?.[1];
const later = (days: number) => {
  const x = new Date(Date.now() + days * 86_400_000);
  x.setUTCHours(17, 0, 0, 0);
  return { startsAt: x.toISOString(), endsAt: new Date(x.getTime() + 2 * 3_600_000).toISOString() };
};
const createEvent = async (title: string, extra: Record<string, unknown> = {}) =>
  (await api('POST', '/api/v1/chapters/cache-town/events', {
    title,
    capacity: 10,
    onlineUrl: 'https://example.org/live',
    ...later(20),
    ...extra,
  })) as {
    id: string;
    url: string;
  };

beforeAll(async () => {
  t = await startTestApp();
  const a = await t.user('admin');
  admin = { token: a.token, email: a.user.email, password: a.password };
  const o = await t.user('member');
  organiser = { token: o.token, email: o.user.email, password: o.password, name: o.user.name };
  const m = await t.user('member');
  member = { token: m.token, email: m.user.email, password: m.password, name: m.user.name };
  await api('POST', '/api/v1/chapters', { name: 'Cache Town', city: 'Namur', status: 'active' });
  await api('POST', '/api/v1/chapters/cache-town/organizers', { email: organiser.email });
});
afterAll(() => t?.close());

describe('seats left', () => {
  it('are current on the next anonymous answer after a registration through the API or the form', async () => {
    const { id, url } = await createEvent('Seats night');
    expect(seatsOf((await anonymous(url)).body)).toBe('10');
    expect((await anonymous(`/api/v1/events/${id}`)).json().seatsLeft).toBe(10);

    await t.api('POST', `/api/v1/events/${id}/registrations`, { body: { name: 'Ann', email: 'ann@example.org' } });
    expect(seatsOf((await anonymous(url)).body)).toBe('9');
    expect((await anonymous(`/api/v1/events/${id}`)).json().seatsLeft).toBe(9);
    const list = (await anonymous('/api/v1/events?chapter=cache-town&limit=50')).json().items as {
      id: string;
      seatsLeft: number;
    }[];
    expect(list.find((e) => e.id === id)?.seatsLeft).toBe(9);

    const visitor = new FormSession(t.app);
    const res = await visitor.submit(url, `${url}/register`, {
      name: 'Bob',
      email: 'bob@example.org',
    });
    expect(res.statusCode, res.body).toBe(303);
    expect(seatsOf((await anonymous(url)).body)).toBe('8');
  });

  it('are at most a second old after a write the process did not see (another server on the same database)', async () => {
    const { id, url } = await createEvent('Other process night');
    expect(seatsOf((await anonymous(url)).body)).toBe('10');
    expect((await anonymous(`/api/v1/events/${id}`)).json().seatsLeft).toBe(10);
    await t.database.pool.query('UPDATE events SET capacity = 7 WHERE id = $1', [id]);
    const written = Date.now();
    let seats: string | undefined;
    while (Date.now() - written < 1000) {
      seats = seatsOf((await anonymous(url)).body);
      if (seats === '7') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seats).toBe('7');
    expect((await anonymous(`/api/v1/events/${id}`)).json().seatsLeft).toBe(7);
  });
});

describe('when the notifications of other writers cannot be heard', () => {
  it('keeps answers one second at most, and hears them again once reconnected', async () => {
    const { id, url } = await createEvent('Lost connection night');
    expect(seatsOf((await anonymous(url)).body)).toBe('10');
    const killed = await t.database.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN essaim_public_changed'`,
    );
    expect(killed.rowCount).toBe(1);
    // An answer kept after the connection was lost, before the write it cannot hear.
    await new Promise((r) => setTimeout(r, 100));
    expect(seatsOf((await anonymous(url)).body)).toBe('10');
    await t.database.pool.query('UPDATE events SET capacity = 6 WHERE id = $1', [id]);
    const written = Date.now();
    let seats: string | undefined;
    while (Date.now() - written < 1200 && seats !== '6') {
      seats = seatsOf((await anonymous(url)).body);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seats).toBe('6');
    // Reconnected (retried after a second): a write through SQL shows at once again.
    const deadline = Date.now() + 5000;
    let listening = 0;
    while (Date.now() < deadline && listening === 0) {
      await new Promise((r) => setTimeout(r, 100));
      listening = (
        await t.database.pool.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN essaim_public_changed'`,
        )
      ).rowCount!;
    }
    expect(listening).toBe(1);
  });
});

describe('drafts', () => {
  it('never reach anonymous visitors, even right after an organiser looked at them', async () => {
    const { id, url } = await createEvent('Secret plans', { status: 'draft' });
    const organiserBrowser = await signIn(t.app, organiser);
    const own = await organiserBrowser.get(url);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Secret plans');
    const drafts = await t.api('GET', '/api/v1/events?chapter=cache-town&includeDrafts=true&limit=50', {
      token: organiser.token,
    });
    expect(drafts.body).toContain('Secret plans');

    expect((await anonymous(url)).statusCode).toBe(404);
    expect((await anonymous(`/api/v1/events/${id}`)).statusCode).toBe(404);
    expect((await anonymous('/api/v1/events?chapter=cache-town&includeDrafts=true&limit=50')).body).not.toContain(
      'Secret plans',
    );
    expect((await anonymous('/chapters/cache-town')).body).not.toContain('Secret plans');
    expect((await anonymous('/chapters/cache-town/calendar.ics')).body).not.toContain('Secret plans');
  });

  it('disappear from cached pages, feeds and lists as soon as a published event goes back to draft', async () => {
    const { id, url } = await createEvent('Second thoughts');
    const urls = [
      url,
      '/chapters/cache-town',
      '/chapters/cache-town/calendar.ics',
      '/api/v1/events?chapter=cache-town&limit=50',
    ];
    for (const u of urls) expect((await anonymous(u)).body, u).toContain('Second thoughts');
    await api('PATCH', `/api/v1/events/${id}`, { status: 'draft' });
    expect((await anonymous(url)).statusCode).toBe(404);
    for (const u of urls.slice(1)) expect((await anonymous(u)).body, u).not.toContain('Second thoughts');
  });
});

describe('signed-in visitors', () => {
  it('get their own page, never the cached anonymous one nor another member’s', async () => {
    const { id, url } = await createEvent('Members evening');
    const first = await anonymous(url);
    expect(first.body).not.toContain(organiser.name);

    const memberBrowser = await signIn(t.app, member);
    const organiserBrowser = await signIn(t.app, organiser);
    const asMember = await memberBrowser.get(url);
    const asOrganiser = await organiserBrowser.get(url);
    expect(asMember.body).toContain('Sign out');
    expect(asMember.body).toContain(member.email);
    expect(asMember.body).not.toContain(organiser.email);
    expect(asOrganiser.body).toContain(organiser.email);
    expect(asOrganiser.body).toContain(`/admin/events/${id}`);
    expect(asMember.body).not.toContain(`/admin/events/${id}`);

    // And the anonymous page stays anonymous after they came by.
    const after = await anonymous(url);
    expect(after.body).not.toContain('Sign out');
    expect(after.body).not.toContain(member.email);
    expect(after.body).not.toContain(organiser.email);
  });

  it('get their own JSON from the API with a token', async () => {
    await anonymous('/api/v1/events?chapter=cache-town&includeDrafts=true&limit=50');
    const { id } = await createEvent('Draft for organisers', { status: 'draft' });
    const res = await t.api('GET', '/api/v1/events?chapter=cache-town&includeDrafts=true&limit=50', {
      token: organiser.token,
    });
    expect(res.body).toContain(id);
  });
});

describe('CSRF tokens and revalidation', () => {
  it('gives every anonymous visitor their own working token on a cached page', async () => {
    const { url } = await createEvent('Token night');
    const a = new FormSession(t.app);
    const b = new FormSession(t.app);
    const pageA = await a.get(url);
    const pageB = await b.get(url);
    expect(csrfOf(pageA.body)).not.toBe(csrfOf(pageB.body));
    const resB = await b.request('POST', `${url}/register`, {
      _csrf: csrfOf(pageB.body),
      name: 'Bea',
      email: 'bea@example.org',
    });
    expect(resB.statusCode, resB.body).toBe(303);
    // A token from someone else's page is refused.
    const stolen = await a.request('POST', `${url}/register`, {
      _csrf: csrfOf(pageB.body),
      name: 'Al',
      email: 'al@example.org',
    });
    expect(stolen.statusCode).toBe(403);
  });

  it('answers 304 to a visitor whose copy is current, and 200 once something changed', async () => {
    const { id } = await createEvent('Etag night');
    const feed = '/chapters/cache-town/calendar.ics';
    const first = await anonymous(feed);
    const etag = String(first.headers.etag);
    expect((await anonymous(feed, { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await anonymous(feed, { 'if-none-match': etag })).statusCode).toBe(304);
    // Once the kept answer is dropped (any write does it), a conditional request renders it again
    // and still gets its 304 when the feed is the same.
    await api('POST', '/api/v1/venues', { name: 'Unrelated hall', city: 'Liège', rooms: [] });
    const expired = await anonymous(feed, { 'if-none-match': etag });
    expect(expired.statusCode).toBe(304);
    expect(expired.body).toBe('');
    expect((await anonymous(feed)).body).toContain('Etag night');
    // Renamed, the event's page has a new address.
    const { url } = await api('PATCH', `/api/v1/events/${id}`, { title: 'Etag night renamed' });
    const changed = await anonymous(feed, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('Etag night renamed');

    const visitor = new FormSession(t.app);
    const page = await visitor.get(url);
    expect(page.headers.etag).toBeUndefined(); // no CSRF cookie yet: nothing to revalidate against
    const again = await visitor.get(url);
    const pageTag = String(again.headers.etag);
    expect(pageTag).toMatch(/^".+"$/);
    expect((await visitor.get(url, { 'if-none-match': pageTag })).statusCode).toBe(304);
    // Another visitor (another CSRF cookie) never gets a 304 for that copy: its token is not theirs.
    const other = new FormSession(t.app);
    await other.get(url);
    expect((await other.get(url, { 'if-none-match': pageTag })).statusCode).toBe(200);
  });

  it('keeps one answer per language', async () => {
    const { url } = await createEvent('Polyglot night');
    const en = await anonymous(url, { 'accept-language': 'en' });
    const fr = await anonymous(url, { 'accept-language': 'fr' });
    const nl = await anonymous(url, { 'accept-language': 'nl' });
    expect(en.body).toContain('lang="en"');
    expect(fr.body).toContain('lang="fr"');
    expect(nl.body).toContain('lang="nl"');
    expect((await anonymous(url, { 'accept-language': 'fr' })).body).toContain('lang="fr"');
  });
});

describe('PAGE_CACHE=0', () => {
  it('renders every anonymous answer afresh, as before the cache existed', async () => {
    const off = await startTestApp({ pageCache: false });
    try {
      const a = await off.user('admin');
      const call = (url: string, body: unknown) => off.api('POST', url, { token: a.token, body });
      expect((await call('/api/v1/chapters', { name: 'Uncached', city: 'Mons', status: 'active' })).statusCode).toBe(
        201,
      );
      const page = await off.app.inject({ url: '/chapters/uncached', headers: { 'accept-language': 'en' } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('private, no-store');
      expect(page.headers.etag).toBeUndefined();
      // A write through SQL is seen at once: nothing is kept.
      await off.database.pool.query(`UPDATE chapters SET name = 'Renamed' WHERE slug = 'uncached'`);
      const again = await off.app.inject({ url: '/chapters/uncached', headers: { 'accept-language': 'en' } });
      expect(again.body).toContain('Renamed');
    } finally {
      await off.close();
    }
  });
});

describe('memory', () => {
  it('stays under its configured size (PAGE_CACHE_MB) however many distinct URLs are asked for', {
    timeout: 120_000,
  }, async () => {
    const maxBytes = 64 * 1024;
    const small = await startTestApp({ pageCacheMaxBytes: maxBytes });
    try {
      const token = (await small.user('admin')).token;
      await small.api('POST', '/api/v1/chapters', { token, body: { name: 'Spa', city: 'Spa', status: 'active' } });
      let served = 0;
      let peak = 0;
      for (let i = 0; i < 400; i++) {
        // Distinct query strings: each is a key of its own, as a crawler or an attacker makes them.
        const url = i % 2 ? `/?ref=${i}` : `/api/v1/chapters?limit=${1 + (i % 50)}&ref=${i}`;
        const res = await small.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
        served += res.rawPayload.length;
        const size = pageCacheSize(small.app)!;
        peak = Math.max(peak, size.bytes);
        expect(size.bytes).toBeLessThanOrEqual(maxBytes);
        expect(size.entries).toBeLessThanOrEqual(size.limits.maxEntries);
      }
      // The bound was reached, not merely respected by a cache that kept nothing.
      expect(served).toBeGreaterThan(4 * maxBytes);
      expect(peak).toBeGreaterThan(maxBytes / 2);
      expect(pageCacheSize(small.app)!.entries).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });
});
