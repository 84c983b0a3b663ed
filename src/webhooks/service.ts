import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError, notFound } from '../web/errors.js';
import { isUuid } from '../web/schemas.js';
import { checkWebhookUrl, RefusedAddress, systemResolver, type Resolver } from './address.js';
import type { WebhookCreate, WebhookUpdate } from './schemas.js';
import { webhookDeliveries, webhookEndpoints, type WebhookEvent } from './tables.js';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const unique = (events: WebhookEvent[]) => [...new Set(events)];

/** An https URL whose host is public (unless private addresses are allowed): else 400 on `url`. */
export async function checkEndpointUrl(
  url: string,
  allowPrivate: boolean,
  resolve: Resolver = systemResolver,
): Promise<string> {
  try {
    return (await checkWebhookUrl(url, allowPrivate, resolve)).url.toString();
  } catch (err) {
    if (!(err instanceof RefusedAddress)) throw err;
    throw new AppError('validation', `This webhook URL ${err.message}: give a public https:// address.`, [
      { field: 'url', message: err.message },
    ]);
  }
}

/** Adds an endpoint with a new secret (32 random bytes, base64url), returned this once. */
export async function createEndpoint(
  db: Db,
  network: Network,
  input: WebhookCreate,
  allowPrivate: boolean,
  resolve?: Resolver,
): Promise<EndpointRow> {
  const url = await checkEndpointUrl(input.url, allowPrivate, resolve);
  const [row] = await db
    .insert(webhookEndpoints)
    .values({ networkId: network.id, url, events: unique(input.events), secret: randomBytes(32).toString('base64url') })
    .returning();
  return row!;
}

export function listEndpoints(db: Db, network: Network): Promise<EndpointRow[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.networkId, network.id))
    .orderBy(desc(webhookEndpoints.createdAt));
}

export async function findEndpoint(db: Db, network: Network, id: string): Promise<EndpointRow> {
  const [row] = isUuid(id)
    ? await db
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.networkId, network.id), eq(webhookEndpoints.id, id)))
    : [];
  if (!row) throw notFound(`The webhook ${id}`);
  return row;
}

/**
 * Pauses or enables an endpoint, or changes its events. Enabling clears the failure count, and
 * the deliveries that waited meanwhile are tried at once.
 */
export async function updateEndpoint(db: Db, network: Network, id: string, patch: WebhookUpdate): Promise<EndpointRow> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.networkId, network.id), eq(webhookEndpoints.id, id)))
      .for('update');
    if (!current) throw notFound(`The webhook ${id}`);
    const enabling = patch.active === true && !current.active;
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        ...(patch.events !== undefined ? { events: unique(patch.events) } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(enabling ? { consecutiveFailures: 0, disabledAt: null } : {}),
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    if (enabling)
      await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: new Date() })
        .where(and(eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.status, 'pending')));
    return row!;
  });
}

/** Removes the endpoint and its deliveries. */
export async function deleteEndpoint(db: Db, network: Network, id: string): Promise<void> {
  const rows = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.networkId, network.id), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  if (rows.length === 0) throw notFound(`The webhook ${id}`);
}

/** The latest deliveries of an endpoint, newest first. */
export async function listDeliveries(
  db: Db,
  network: Network,
  endpointId: string,
  limit = 100,
): Promise<DeliveryRow[]> {
  const endpoint = await findEndpoint(db, network, endpointId);
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpoint.id))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
}

/** Recent deliveries of every endpoint of the network, newest first (the admin page). */
export function recentDeliveries(db: Db, network: Network, limit = 50): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.networkId, network.id))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
}
