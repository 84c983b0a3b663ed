import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { AppError } from '../web/errors.js';
import { rateLimitHits } from './tables.js';
import { msg } from '../web/i18n.js';

type IncrCallback = (err: Error | null, res?: { current: number; ttl: number }) => void;

/** Counts one hit on `key` in a window of `windowMs`; returns the count and the time left. */
export async function hit(db: Db, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const res = await db.execute<{ current: number; ttl: number }>(sql`
    INSERT INTO rate_limit_hits (key, count, reset_at)
    VALUES (${key}, 1, now() + ${windowMs} * interval '1 millisecond')
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit_hits.reset_at <= now() THEN 1 ELSE rate_limit_hits.count + 1 END,
      reset_at = CASE WHEN rate_limit_hits.reset_at <= now() THEN excluded.reset_at ELSE rate_limit_hits.reset_at END
    RETURNING count AS current, greatest(0, ceil(extract(epoch FROM reset_at - now()) * 1000))::int AS ttl`);
  return res.rows[0]!;
}

/** Hits counted on `key` in its current window. */
export async function hits(db: Db, key: string): Promise<number> {
  const [row] = await db
    .select({ n: rateLimitHits.count })
    .from(rateLimitHits)
    .where(and(eq(rateLimitHits.key, key), gt(rateLimitHits.resetAt, sql`now()`)));
  return row?.n ?? 0;
}

/** Expired windows: removed by the hourly housekeeping timer. */
export async function dropExpiredHits(db: Db): Promise<number> {
  const rows = await db
    .delete(rateLimitHits)
    .where(lte(rateLimitHits.resetAt, sql`now()`))
    .returning({ key: rateLimitHits.key });
  return rows.length;
}

/**
 * A store for @fastify/rate-limit that keeps counters in PostgreSQL, so the limit holds for a
 * client whichever process answers it (several `essaim serve` behind one address). One upsert
 * per request: chosen with RATE_LIMIT_STORE=postgres, and by default with `--workers` above 1.
 */
export function postgresStore(db: Db) {
  return class PostgresStore {
    private readonly prefix: string;
    private readonly windowMs: number;
    constructor(options?: { timeWindow?: unknown }, prefix = '') {
      this.prefix = prefix;
      this.windowMs = typeof options?.timeWindow === 'number' ? options.timeWindow : 60_000;
    }
    // The plugin passes the window as a third argument (its typings omit it).
    incr(key: string, cb: IncrCallback, timeWindow?: number) {
      hit(db, `rl:${this.prefix}${key}`, timeWindow ?? this.windowMs).then(
        (r) => cb(null, r),
        (err: Error) => cb(err),
      );
    }
    // The plugin passes the route's merged limit options (timeWindow in ms, routeInfo).
    child(routeOptions: object) {
      const o = routeOptions as { timeWindow?: unknown; routeInfo?: { method?: string; url?: string } };
      return new PostgresStore(o, `${o.routeInfo?.method ?? ''}${o.routeInfo?.url ?? ''}:`);
    }
  };
}

const SIGN_IN_ROUTES = new Set(['POST /login', 'POST /api/v1/auth/tokens']);
// Changing a password asks for the current one: a wrong one (a 401) is a failed sign-in of the
// signed-in account, so a stolen session cannot guess it faster than the sign-in form could.
const PASSWORD_ROUTES = new Set(['PUT /api/v1/me/password', 'POST /me/password']);
const SIGN_IN_WINDOW_MS = 15 * 60_000;

/**
 * Failed sign-ins are also counted per account, whatever address they come from: an attacker
 * spreading guesses over many addresses (or forging X-Forwarded-For) still gets `max` failures
 * per 15 minutes on one account. Only failures count, so the owner who signs in right is never
 * locked out by their own successes; counters live in PostgreSQL, shared by every process.
 */
export function limitSignInPerAccount(app: FastifyInstance, db: Db, max: number): void {
  const accountKey = (req: FastifyRequest): string | undefined => {
    const route = `${req.method} ${req.routeOptions.url}`;
    const email = SIGN_IN_ROUTES.has(route)
      ? (req.body as { email?: unknown } | undefined)?.email
      : PASSWORD_ROUTES.has(route)
        ? req.user?.email
        : undefined;
    if (typeof email !== 'string' || !email.trim() || !req.network) return undefined;
    return `signin:${req.network.id}:${email.trim().toLowerCase()}`;
  };
  // Callback-style: every request passes here, and only sign-ins have anything to wait for.
  app.addHook('preHandler', (req, _reply, done) => {
    const key = accountKey(req);
    if (!key) return done();
    hits(db, key).then(
      (n) => done(n >= max ? new AppError('rate_limited', msg('error.signInLocked')) : undefined),
      (err: Error) => done(err),
    );
  });
  // Counted before the answer leaves (onSend, not onResponse): a guesser's next try, sent the moment
  // this 401 arrives, must already see it.
  app.addHook('onSend', (req, reply, payload, done) => {
    const key = reply.statusCode === 401 ? accountKey(req) : undefined;
    if (!key) return done(null, payload);
    hit(db, key, SIGN_IN_WINDOW_MS)
      .catch((err: Error) => req.log.error({ err }, 'sign-in counter'))
      .then(() => done(null, payload));
  });
}
