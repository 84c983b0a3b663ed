import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { buildApp } from '../app.js';
import { migrationStatus, runMigrations } from '../db/migrate.js';
import { hit } from './rate-limit.js';
import { runIfDue } from './timers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ metricsToken: 'metrics-token-for-tests-0123' });
});
afterAll(() => t.close());

describe('probes', () => {
  it('/healthz answers without the database; /readyz checks it, its migrations, and draining', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ok', database: 'up' });

    t.app.lifecycle.draining = true;
    try {
      const draining = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(draining.statusCode).toBe(503);
      expect(draining.json()).toMatchObject({ status: 503, detail: 'This process is shutting down.' });
      expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      t.app.lifecycle.draining = false;
    }
  });

  it('/healthz stays 200 when the database is gone, /readyz says 503', async () => {
    const other = await startTestApp();
    await other.database.pool.end();
    try {
      expect((await other.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const ready = await other.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['content-type']).toMatch(/problem\+json/);
    } finally {
      await other.app.close();
    }
  });
});

const signIn = (app: TestApp, email: string, password: string, xff?: string) =>
  app.app.inject({
    method: 'POST',
    url: '/api/v1/auth/tokens',
    headers: { 'content-type': 'application/json', ...(xff ? { 'x-forwarded-for': xff } : {}) },
    payload: JSON.stringify({ email, password, name: 'probe' }),
  });

describe('client addresses and sign-in limits', () => {
  it('without TRUST_PROXY, forged X-Forwarded-For addresses do not escape the per-address limit', async () => {
    const { user } = await t.user('member');
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++)
      statuses.push((await signIn(t, user.email, 'wrong password!', `203.0.113.${i}`)).statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(4).fill(429));
  });

  it('TRUST_PROXY=1 believes the hop our proxy added, not what the client wrote before it', async () => {
    const app = await startTestApp({ trustProxy: 1 });
    try {
      const { user } = await app.user('member');
      const statuses: number[] = [];
      // The client forges a new first address each time; the proxy appends the real one (198.51.100.7).
      for (let i = 0; i < 12; i++)
        statuses.push(
          (await signIn(app, `x${i}@example.org`, 'wrong password!', `203.0.113.${i}, 198.51.100.7`)).statusCode,
        );
      expect(statuses.slice(10)).toEqual([429, 429]);
      // Another real client, behind the same proxy, is not affected.
      expect((await signIn(app, user.email, 'correct horse battery', '198.51.100.8')).statusCode).toBe(201);
    } finally {
      await app.close();
    }
  });

  it('TRUST_PROXY with addresses: only those proxies are believed', async () => {
    const app = await startTestApp({ trustProxy: ['127.0.0.1'] });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const res = await app.app.inject({
          method: 'POST',
          url: '/api/v1/auth/tokens',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${i}` },
          payload: JSON.stringify({ email: `y${i}@example.org`, password: 'wrong password!', name: 'p' }),
          remoteAddress: '127.0.0.1',
        });
        statuses.push(res.statusCode);
      }
      // Through a trusted proxy each forwarded address is its own client: none is limited.
      expect(statuses).toEqual(Array(11).fill(401));
      // From an untrusted peer the header is ignored: all count against that peer.
      const untrusted: number[] = [];
      for (let i = 0; i < 11; i++) {
        const res = await app.app.inject({
          method: 'POST',
          url: '/api/v1/auth/tokens',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${i}` },
          payload: JSON.stringify({ email: `z${i}@example.org`, password: 'wrong password!', name: 'p' }),
          remoteAddress: '10.9.9.9',
        });
        untrusted.push(res.statusCode);
      }
      expect(untrusted.at(-1)).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('limits failed sign-ins per account whatever the address, and not the account next door', async () => {
    const app = await startTestApp({ trustProxy: 1, signInAttemptsPerAccount: 5 });
    try {
      const { user, password } = await app.user('member');
      const other = await app.user('member');
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++)
        statuses.push((await signIn(app, user.email, 'wrong password!', `198.51.100.${i}`)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      // Even the right password waits now (the guesser cannot tell it was right)…
      const locked = await signIn(app, user.email.toUpperCase(), password, '198.51.100.50');
      expect(locked.statusCode).toBe(429);
      expect(locked.json().detail).toMatch(/Too many failed sign-ins for this account/);
      // …while another account signs in as usual.
      expect((await signIn(app, other.user.email, other.password, '198.51.100.51')).statusCode).toBe(201);
    } finally {
      await app.close();
    }
  });
});

describe('rate-limit counters in PostgreSQL', () => {
  it('two processes on one database share one limit', async () => {
    const config = { ...t.config, rateLimitPerMinute: 6, rateLimitStore: 'postgres' as const };
    const a = await buildApp(config, t.database);
    const b = await buildApp(config, t.database);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++)
        statuses.push(
          (await (i % 2 ? a : b).inject({ method: 'GET', url: '/api/v1/chapters', remoteAddress: '192.0.2.200' }))
            .statusCode,
        );
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
      // Another address has its own counter.
      expect(
        (await a.inject({ method: 'GET', url: '/api/v1/chapters', remoteAddress: '192.0.2.201' })).statusCode,
      ).toBe(200);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a window restarts after it expires', async () => {
    expect(await hit(t.database.db, 'test:window', 60_000)).toMatchObject({ current: 1 });
    expect(await hit(t.database.db, 'test:window', 60_000)).toMatchObject({ current: 2 });
    await t.database.pool.query(
      `UPDATE rate_limit_hits SET reset_at = now() - interval '1 second' WHERE key = 'test:window'`,
    );
    expect(await hit(t.database.db, 'test:window', 60_000)).toMatchObject({ current: 1 });
  });
});

describe('timers that must run once', () => {
  it('runs a task once per period across concurrent processes', async () => {
    let runs = 0;
    const task = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 100));
      return runs;
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => runIfDue(t.database.pool, 'test-timer', 60_000, task)),
    );
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    expect(runs).toBe(1);
    // Later in the same period: still not due.
    expect((await runIfDue(t.database.pool, 'test-timer', 60_000, task)).ran).toBe(false);
    // A task that fails records no run: the next tick tries again.
    await expect(
      runIfDue(t.database.pool, 'test-failing', 60_000, async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect((await runIfDue(t.database.pool, 'test-failing', 60_000, task)).ran).toBe(true);
  });
});

/** The Prometheus text format, line by line: `name{labels} value`. */
function parseMetrics(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(l);
      if (!m) throw new Error(`not a metric line: ${l}`);
      const labels: Record<string, string> = {};
      for (const [, k, v] of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k!] = v!;
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}

describe('/metrics', () => {
  it('needs the token, then reports requests per route, queues, pool and event-loop lag', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/metrics',
          headers: { authorization: 'Bearer wrong-token-of-same-len' },
        })
      ).statusCode,
    ).toBe(401);
    // Three times: the second and third are page-cache hits, answered before the route runs, and counted all the same.
    for (let i = 0; i < 3; i++) await t.app.inject({ method: 'GET', url: '/api/v1/chapters' });
    await t.app.inject({ method: 'GET', url: '/api/v1/chapters/nowhere' });
    const res = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer metrics-token-for-tests-0123' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain; version=0\.0\.4/);
    const metrics = parseMetrics(res.body);
    const one = (name: string, labels: Record<string, string> = {}) =>
      metrics.filter((m) => m.name === name && Object.entries(labels).every(([k, v]) => m.labels[k] === v));
    expect(
      one('essaim_http_request_duration_seconds_count', { route: '/api/v1/chapters', status: '200' })[0]?.value,
    ).toBeGreaterThanOrEqual(3);
    expect(
      one('essaim_http_request_duration_seconds_count', { route: '/api/v1/chapters/:slug', status: '404' }),
    ).toHaveLength(1);
    expect(one('essaim_http_responses_total', { status_class: '4xx' })[0]?.value).toBeGreaterThanOrEqual(1);
    for (const q of ['mail', 'webhook']) expect(one('essaim_queue_depth', { queue: q }).length).toBeGreaterThan(0);
    expect(one('essaim_queue_oldest_seconds', { queue: 'mail', status: 'pending' })).toHaveLength(1);
    expect(one('essaim_queue_scrape_ok')[0]?.value).toBe(1);
    expect(one('essaim_db_pool_connections', { state: 'total' })[0]?.value).toBeGreaterThan(0);
    expect(one('nodejs_eventloop_lag_seconds')).toHaveLength(1);
  });

  it('counts a waiting e-mail in the mail queue', async () => {
    const scrape = async () =>
      parseMetrics(
        (
          await t.app.inject({
            method: 'GET',
            url: '/metrics',
            headers: { authorization: 'Bearer metrics-token-for-tests-0123' },
          })
        ).body,
      ).filter((m) => m.labels.queue === 'mail' && m.labels.status === 'pending');
    const before = (await scrape()).find((m) => m.name === 'essaim_queue_depth')!.value;
    await t.database.pool.query(
      `INSERT INTO outbound_messages (network_id, kind, to_email, locale, status, next_attempt_at, created_at)
       VALUES ($1, 'test', 'queue@example.org', 'en', 'pending', now(), now() - interval '90 seconds')`,
      [t.network.id],
    );
    const after = await scrape();
    expect(after.find((m) => m.name === 'essaim_queue_depth')!.value).toBe(before + 1);
    expect(after.find((m) => m.name === 'essaim_queue_oldest_seconds')!.value).toBeGreaterThanOrEqual(90);
  });

  it('can be served on a separate address instead of the public port', async () => {
    const probe = Fastify();
    await probe.listen({ port: 0, host: '127.0.0.1' });
    const port = (probe.server.address() as { port: number }).port;
    await probe.close();
    const app = await buildApp(
      { ...t.config, metricsToken: undefined, metricsAddress: { host: '127.0.0.1', port } },
      t.database,
    );
    try {
      await app.ready();
      expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^# HELP /m);
    } finally {
      await app.close();
    }
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });
});

describe('migrations when several processes start at once', () => {
  it('applies each migration exactly once', async () => {
    const name = `essaim_m_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: inject('adminUrl') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(inject('adminUrl'));
    url.pathname = `/${name}`;
    const pools = Array.from({ length: 3 }, () => {
      const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
      pool.on('error', () => undefined);
      return pool;
    });
    try {
      await Promise.all(pools.map((p) => runMigrations(p)));
      const status = await migrationStatus(pools[0]!);
      expect(status.pending).toEqual([]);
      const rows = await pools[0]!.query<{ n: string; distinct_n: string }>(
        'SELECT count(*) AS n, count(DISTINCT created_at) AS distinct_n FROM drizzle.__drizzle_migrations',
      );
      expect(Number(rows.rows[0]!.n)).toBe(status.appliedTags.length);
      expect(Number(rows.rows[0]!.distinct_n)).toBe(status.appliedTags.length);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
