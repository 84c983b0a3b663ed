import { randomUUID } from 'node:crypto';
import { and, arrayContains, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { webhookDeliveries, webhookEndpoints, type WebhookEvent } from './tables.js';
import { eventPath } from '../web/event-path.js';

export type WebhookData = Record<string, unknown>;

/** What a receiver gets: the delivery id (the same on every retry), the event, when, and the thing. */
export interface WebhookPayload {
  id: string;
  type: WebhookEvent;
  createdAt: string;
  data: WebhookData;
}

/**
 * Queues one delivery per active endpoint of the network subscribed to `event`, for each item
 * of `data`, in the caller's transaction: deliveries exist if and only if the change committed.
 * One locking SELECT, and one multi-row INSERT (moving the endpoints' counters) when an endpoint listens. `data` may be a function,
 * called only when someone listens (so building it costs nothing otherwise).
 */
export async function queueWebhooks(
  tx: Tx,
  networkId: string,
  event: WebhookEvent,
  data: WebhookData | WebhookData[] | (() => Promise<WebhookData[]>),
): Promise<number> {
  // Each endpoint's sequence numbers are taken under its row lock (in id order), held until this
  // transaction commits: so they follow commit order, and the worker can send them in that order.
  // The lookup takes the lock; the counter moves in the same statement as the insert (a CTE): a
  // busy writer such as a flash crowd's registration batches pays one round trip when nobody
  // listens and two when someone does.
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, nextSequence: webhookEndpoints.nextSequence })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.networkId, networkId),
        eq(webhookEndpoints.active, true),
        arrayContains(webhookEndpoints.events, [event]),
      ),
    )
    .orderBy(webhookEndpoints.id)
    .for('update');
  if (endpoints.length === 0) return 0;
  const items = typeof data === 'function' ? await data() : Array.isArray(data) ? data : [data];
  if (items.length === 0) return 0;
  const firstOf = new Map(endpoints.map((e) => [e.id, e.nextSequence]));
  const createdAt = new Date();
  const rows = endpoints.flatMap((endpoint) =>
    items.map((item, i) => {
      const id = randomUUID();
      const payload: WebhookPayload = { id, type: event, createdAt: createdAt.toISOString(), data: item };
      return {
        id,
        networkId,
        endpointId: endpoint.id,
        sequence: firstOf.get(endpoint.id)! + i,
        event,
        payload: payload as unknown as Record<string, unknown>,
        createdAt,
        nextAttemptAt: createdAt,
      };
    }),
  );
  const bumped = tx.$with('bumped_endpoints', { id: sql<string>`id` }).as(
    sql`UPDATE ${webhookEndpoints} SET next_sequence = next_sequence + ${items.length} WHERE ${inArray(
      webhookEndpoints.id,
      endpoints.map((e) => e.id),
    )} RETURNING id`,
  );
  await tx.with(bumped).insert(webhookDeliveries).values(rows);
  return rows.length;
}

/**
 * What `queueWebhooks` does, as common table expressions for a caller that writes everything in
 * one statement (a registration batch: src/registrations/register.ts). The endpoints are locked in
 * id order as they are read, their counters move, and the deliveries take the numbers read under
 * the lock — the same commit-order guarantee. Names start with `prefix`; nothing is sent when no
 * endpoint listens. Each delivery's id is drawn per row and repeated in its payload.
 */
export function webhookDeliveriesCtes(
  prefix: string,
  networkId: string,
  event: WebhookEvent,
  items: WebhookData[],
): SQL {
  const endpoints = sql.identifier(`${prefix}_endpoints`);
  const createdAt = new Date().toISOString();
  return sql`${endpoints} AS (
      SELECT id, next_sequence FROM ${webhookEndpoints}
      WHERE network_id = ${networkId} AND active AND events @> ARRAY[${event}::text]
      ORDER BY id FOR UPDATE
    ), ${sql.identifier(`${prefix}_bumped`)} AS (
      UPDATE ${webhookEndpoints} w SET next_sequence = w.next_sequence + ${items.length}
      FROM ${endpoints} e WHERE w.id = e.id RETURNING w.id
    ), ${sql.identifier(`${prefix}_deliveries`)} AS (
      INSERT INTO ${webhookDeliveries} (id, network_id, endpoint_id, sequence, event, payload, created_at, next_attempt_at)
      SELECT d.id, ${networkId}, d.endpoint_id, d.sequence, ${event},
        jsonb_build_object('id', d.id, 'type', ${event}::text, 'createdAt', ${createdAt}::text, 'data', d.data),
        ${createdAt}::timestamptz, ${createdAt}::timestamptz
      FROM (
        SELECT gen_random_uuid() AS id, e.id AS endpoint_id, e.next_sequence + i.ord - 1 AS sequence, i.data
        FROM ${endpoints} e CROSS JOIN jsonb_array_elements(${JSON.stringify(items)}::jsonb) WITH ORDINALITY AS i(data, ord)
      ) d
    )`;
}

/** A registration as webhooks describe it. */
export function registrationData(
  r: { id: string; eventId: string; name: string; email: string; status: string },
  waitlistPosition?: number | null,
): WebhookData {
  return {
    id: r.id,
    eventId: r.eventId,
    name: r.name,
    email: r.email,
    status: r.status,
    waitlistPosition: waitlistPosition ?? null,
  };
}

/**
 * An event as webhooks describe it. `url` is the public page's path here; the worker makes it
 * absolute with BASE_URL when it sends the delivery.
 */
export function eventData(
  e: { id: string; title: string; startsAt: Date; endsAt: Date; status: string },
  chapterSlug: string | undefined,
): WebhookData {
  return {
    id: e.id,
    title: e.title,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    status: e.status,
    chapterSlug: chapterSlug ?? null,
    url: eventPath(e),
  };
}
