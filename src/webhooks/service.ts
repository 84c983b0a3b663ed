import { randomBytes } from 'node:crypto';
import { auditAct, type AuditActor } from '../audit/service.js';
import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError, notFound } from '../web/errors.js';
import { isUuid } from '../web/schemas.js';
import { checkWebhookUrl, RefusedAddress, systemResolver, type Resolver } from './address.js';
import type { WebhookCreate, WebhookUpdate } from './schemas.js';
import * as q from './queries.js';
import type { DeliveryRow, EndpointRow } from './queries.js';
import type { WebhookEvent } from './tables.js';
import { msg } from '../web/i18n.js';

export type { DeliveryRow, EndpointRow } from './queries.js';
/** The outbound address guard, for other features that fetch from addresses people give (news-import's media). */
export { checkWebhookUrl as checkOutboundUrl, RefusedAddress, type Resolver } from './address.js';

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
    throw new AppError('validation', msg('webhook.problem.badUrl', { reason: err.why }), [
      { field: 'url', message: err.why },
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
  actor?: AuditActor,
): Promise<EndpointRow> {
  const url = await checkEndpointUrl(input.url, allowPrivate, resolve);
  return db.transaction(async (tx) => {
    const row = await q.insertEndpoint(tx, {
      networkId: network.id,
      url,
      events: unique(input.events),
      secret: randomBytes(32).toString('base64url'),
    });
    // The address and events, never the secret.
    await auditAct(tx, network.id, actor, 'webhook.create', row.url, { id: row.id, events: row.events });
    return row;
  });
}

export const listEndpoints = (db: Db, network: Network): Promise<EndpointRow[]> => q.selectEndpoints(db, network.id);

export async function findEndpoint(db: Db, network: Network, id: string): Promise<EndpointRow> {
  const row = isUuid(id) ? await q.selectEndpoint(db, network.id, id) : undefined;
  if (!row) throw notFound(msg('webhook.problem.theWebhook', { id }));
  return row;
}

/**
 * Pauses or enables an endpoint, or changes its events. Enabling clears the failure count, and
 * the deliveries that waited meanwhile are tried at once.
 */
export async function updateEndpoint(
  db: Db,
  network: Network,
  id: string,
  patch: WebhookUpdate,
  actor?: AuditActor,
): Promise<EndpointRow> {
  return db.transaction(async (tx) => {
    const current = await q.selectEndpoint(tx, network.id, id, true);
    if (!current) throw notFound(msg('webhook.problem.theWebhook', { id }));
    const enabling = patch.active === true && !current.active;
    const row = await q.updateEndpoint(tx, id, {
      ...(patch.events !== undefined ? { events: unique(patch.events) } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(enabling ? { consecutiveFailures: 0, disabledAt: null } : {}),
    });
    if (enabling) await q.retryPendingNow(tx, id);
    await auditAct(tx, network.id, actor, 'webhook.update', row.url, { id, ...patch });
    return row;
  });
}

/** Removes the endpoint and its deliveries. */
export async function deleteEndpoint(db: Db, network: Network, id: string, actor?: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    const row = isUuid(id) ? await q.selectEndpoint(tx, network.id, id) : undefined;
    if (!row || !(await q.deleteEndpoint(tx, network.id, id)))
      throw notFound(msg('webhook.problem.theWebhook', { id }));
    await auditAct(tx, network.id, actor, 'webhook.delete', row.url, { id });
  });
}

/** The latest deliveries of an endpoint, newest first. */
export async function listDeliveries(
  db: Db,
  network: Network,
  endpointId: string,
  limit = 100,
): Promise<DeliveryRow[]> {
  const endpoint = await findEndpoint(db, network, endpointId);
  return q.selectDeliveriesOf(db, endpoint.id, limit);
}

/** Recent deliveries of every endpoint of the network, newest first (the admin page). */
export const recentDeliveries = (db: Db, network: Network, limit = 50): Promise<DeliveryRow[]> =>
  q.selectRecentDeliveries(db, network.id, limit);
