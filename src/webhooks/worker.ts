import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { and, asc, eq, lte, notInArray, sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { queueWebhookDisabledNotice } from '../mail/outbox.js';
import { checkWebhookUrl, RefusedAddress, systemResolver, type Resolver } from './address.js';
import { webhookDeliveries, webhookEndpoints } from './tables.js';

export const TIMEOUT_MS = 10_000;
/** Failed deliveries in a row after which an endpoint is disabled and the admins told. */
export const MAX_CONSECUTIVE_FAILURES = 10;
/** A claimed delivery is not handed to another worker for this long (it is done well within). */
const LEASE_MS = 5 * 60_000;

/** Retry after 30 s, 1 min, 2 min … up to an hour, by the endpoint's failures in a row. */
export const webhookBackoffMs = (failures: number) => Math.min(3_600_000, 30_000 * 2 ** Math.max(0, failures - 1));

/** `v1=` + hex HMAC-SHA256 of "<timestamp>.<raw body>", keyed with the endpoint's secret (as shown to the admin). */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

type Outcome =
  | { ok: true; status: number; ms: number }
  | { ok: false; status: number | null; ms: number | null; error: string };

/**
 * POSTs one delivery. The host is checked again here (a name may now point somewhere private)
 * and the connection goes to the very addresses that were checked. No redirect is followed.
 */
async function post(
  rawUrl: string,
  headers: Record<string, string>,
  body: string,
  allowPrivate: boolean,
  resolve: Resolver,
  timeoutMs: number,
): Promise<Outcome> {
  let target: Awaited<ReturnType<typeof checkWebhookUrl>>;
  try {
    target = await checkWebhookUrl(rawUrl, allowPrivate, resolve);
  } catch (err) {
    if (err instanceof RefusedAddress)
      return { ok: false, status: null, ms: null, error: `refused: the URL ${err.message}` };
    throw err;
  }
  const { url, addresses } = target;
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (e: null, a: typeof addresses) => void)(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
  const started = performance.now();
  return new Promise<Outcome>((done) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: pinned,
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const ms = Math.round(performance.now() - started);
        clearTimeout(timer);
        res.destroy();
        done(
          status >= 200 && status < 300
            ? { ok: true, status, ms }
            : { ok: false, status, ms, error: `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}` },
        );
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    request.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      done({
        ok: false,
        status: null,
        ms: null,
        error: (err.code && !err.message.includes(err.code) ? `${err.code} ` : '') + err.message,
      });
    });
    request.end(body);
  });
}

/** The stored payload with the event's page made absolute (the services only know its path). */
function bodyOf(payload: Record<string, unknown>, baseUrl: string): string {
  const data = payload.data as Record<string, unknown> | undefined;
  if (data && typeof data.url === 'string' && data.url.startsWith('/'))
    return JSON.stringify({ ...payload, data: { ...data, url: `${baseUrl}${data.url}` } });
  return JSON.stringify(payload);
}

export interface DeliverOptions {
  /** At most this many deliveries in one call. */
  limit?: number;
  /** Deliveries in flight at once (never two to the same endpoint from one worker). */
  concurrency?: number;
  resolve?: Resolver;
  timeoutMs?: number;
  /** Stops claiming once aborted (server shutdown); deliveries in flight finish. */
  signal?: AbortSignal;
}

/**
 * Sends the deliveries that are due. Each is claimed in a short transaction (`FOR UPDATE SKIP
 * LOCKED`, then moved out of reach for the lease), so two workers never send the same one, and
 * no database connection is held while a remote server takes its time. A failure counts against
 * the endpoint: its pending deliveries wait for the backoff, and after MAX_CONSECUTIVE_FAILURES
 * it is disabled, its pending deliveries are marked failed and every admin gets an e-mail.
 */
export async function deliverDueWebhooks(
  db: Db,
  config: Pick<Config, 'baseUrl' | 'allowPrivateWebhooks'>,
  now = new Date(),
  opts: DeliverOptions = {},
): Promise<{ delivered: number; failed: number; disabled: number }> {
  const { limit = 100, concurrency = 4, resolve = systemResolver, timeoutMs = TIMEOUT_MS, signal } = opts;
  const result = { delivered: 0, failed: 0, disabled: 0 };
  // Endpoints in flight or failed in this round: one failure per endpoint per round at most.
  const busy = new Set<string>();
  let claimed = 0;

  const claim = () =>
    db.transaction(async (tx) => {
      const [row] = await tx
        .select({ delivery: webhookDeliveries, url: webhookEndpoints.url, secret: webhookEndpoints.secret })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .where(
          and(
            eq(webhookDeliveries.status, 'pending'),
            lte(webhookDeliveries.nextAttemptAt, now),
            eq(webhookEndpoints.active, true),
            busy.size ? notInArray(webhookDeliveries.endpointId, [...busy]) : undefined,
            // Per endpoint, in order: a delivery waits behind an earlier one still pending (failing
            // and backing off, or in flight), so a receiver never gets a later event first.
            sql`NOT EXISTS (SELECT 1 FROM ${webhookDeliveries} AS earlier
              WHERE earlier.endpoint_id = ${webhookDeliveries.endpointId} AND earlier.status = 'pending'
                AND earlier.sequence < ${webhookDeliveries.sequence})`,
          ),
        )
        .orderBy(
          asc(webhookDeliveries.nextAttemptAt),
          asc(webhookDeliveries.sequence),
          asc(webhookDeliveries.createdAt),
        )
        .limit(1)
        .for('update', { of: webhookDeliveries, skipLocked: true });
      if (!row) return undefined;
      await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(eq(webhookDeliveries.id, row.delivery.id));
      return row;
    });

  // Claims go one at a time, so an endpoint is marked busy before the next claim looks.
  let claiming: Promise<unknown> = Promise.resolve();
  const claimNext = () => {
    const next = claiming.then(async () => {
      const row = await claim();
      if (row) busy.add(row.delivery.endpointId);
      return row;
    });
    claiming = next.catch(() => undefined);
    return next;
  };

  const record = async (row: NonNullable<Awaited<ReturnType<typeof claim>>>, outcome: Outcome) => {
    const { delivery } = row;
    const attempts = delivery.attempts + 1;
    await db.transaction(async (tx) => {
      if (outcome.ok) {
        await tx
          .update(webhookDeliveries)
          .set({
            status: 'delivered',
            attempts,
            responseStatus: outcome.status,
            responseMs: outcome.ms,
            lastError: null,
            deliveredAt: new Date(),
          })
          .where(eq(webhookDeliveries.id, delivery.id));
        await tx
          .update(webhookEndpoints)
          .set({ consecutiveFailures: 0 })
          .where(eq(webhookEndpoints.id, delivery.endpointId));
        result.delivered++;
        return;
      }
      result.failed++;
      // The endpoint row is locked from here: failures of one endpoint are counted one after the other.
      const [endpoint] = await tx
        .update(webhookEndpoints)
        .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1` })
        .where(eq(webhookEndpoints.id, delivery.endpointId))
        .returning();
      if (!endpoint) return; // deleted meanwhile, with its deliveries
      const next = new Date(now.getTime() + webhookBackoffMs(endpoint.consecutiveFailures));
      await tx
        .update(webhookDeliveries)
        .set({
          attempts,
          responseStatus: outcome.status,
          responseMs: outcome.ms,
          lastError: outcome.error.slice(0, 500),
          nextAttemptAt: next,
        })
        .where(eq(webhookDeliveries.id, delivery.id));
      // The endpoint is down: its other deliveries wait too, rather than each failing now.
      await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: sql`greatest(${webhookDeliveries.nextAttemptAt}, ${next})` })
        .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.status, 'pending')));
      if (endpoint.active && endpoint.consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
        await tx
          .update(webhookEndpoints)
          .set({ active: false, disabledAt: now })
          .where(eq(webhookEndpoints.id, endpoint.id));
        await tx
          .update(webhookDeliveries)
          .set({ status: 'failed' })
          .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.status, 'pending')));
        await queueWebhookDisabledNotice(tx, endpoint.networkId, {
          id: endpoint.id,
          url: endpoint.url,
          failures: endpoint.consecutiveFailures,
          lastError: outcome.error,
        });
        result.disabled++;
      }
    });
  };

  const loop = async () => {
    while (claimed < limit && !signal?.aborted) {
      claimed++;
      const row = await claimNext();
      if (!row) return;
      const payload = row.delivery.payload;
      const body = bodyOf({ ...payload, sequence: row.delivery.sequence }, config.baseUrl);
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = {
        'Content-Type': 'application/json',
        'User-Agent': 'Essaim-Webhooks/1',
        'Essaim-Webhook-Id': String(payload.id ?? row.delivery.id),
        'Essaim-Event': row.delivery.event,
        'Essaim-Sequence': String(row.delivery.sequence),
        'Essaim-Timestamp': String(timestamp),
        'Essaim-Signature': signature(row.secret, timestamp, body),
      };
      const outcome = await post(row.url, headers, body, config.allowPrivateWebhooks, resolve, timeoutMs).catch(
        (err: Error): Outcome => ({ ok: false, status: null, ms: null, error: err.message }),
      );
      await record(row, outcome);
      if (outcome.ok) busy.delete(row.delivery.endpointId);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return result;
}

/** Polls the deliveries every second while the server runs; stopping waits only for those in flight. */
export function startWebhookWorker(
  db: Db,
  config: Config,
  log: { info: (o: object, m: string) => void; error: (o: object, m: string) => void },
) {
  let running = false;
  const stopping = new AbortController();
  const tick = async () => {
    if (running || stopping.signal.aborted) return;
    running = true;
    try {
      const r = await deliverDueWebhooks(db, config, new Date(), { signal: stopping.signal });
      if (r.delivered || r.failed) log.info(r, 'webhooks');
    } catch (err) {
      log.error({ err }, 'webhook round failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), 1000);
  timer.unref();
  return {
    async stop() {
      stopping.abort();
      clearInterval(timer);
      while (running) await new Promise((r) => setTimeout(r, 20));
    },
  };
}
