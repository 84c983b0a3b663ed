import { and, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/connection.js';
import { webhookDeliveries, webhookEndpoints } from './tables.js';

// Webhooks' own reads and writes. The queue writer other features call is outbox.ts; the
// worker's claim queries stay in worker.ts (see docs/DECISIONS.md, "Layout exceptions").

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export async function insertEndpoint(db: Db, values: typeof webhookEndpoints.$inferInsert): Promise<EndpointRow> {
  const [row] = await db.insert(webhookEndpoints).values(values).returning();
  return row!;
}

export const selectEndpoints = (db: Db, networkId: string): Promise<EndpointRow[]> =>
  db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.networkId, networkId))
    .orderBy(desc(webhookEndpoints.createdAt));

export async function selectEndpoint(db: Tx, networkId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.networkId, networkId), eq(webhookEndpoints.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function updateEndpoint(tx: Tx, id: string, patch: Partial<typeof webhookEndpoints.$inferInsert>) {
  const [row] = await tx.update(webhookEndpoints).set(patch).where(eq(webhookEndpoints.id, id)).returning();
  return row!;
}

/** The deliveries that waited while an endpoint was off are due at once. */
export async function retryPendingNow(tx: Tx, endpointId: string): Promise<void> {
  await tx
    .update(webhookDeliveries)
    .set({ nextAttemptAt: new Date() })
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, 'pending')));
}

/** Deletes the endpoint (its deliveries go with it); false when there was none. */
export async function deleteEndpoint(db: Db, networkId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.networkId, networkId), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

export const selectDeliveriesOf = (db: Db, endpointId: string, limit: number): Promise<DeliveryRow[]> =>
  db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, endpointId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);

export const selectRecentDeliveries = (db: Db, networkId: string, limit: number): Promise<DeliveryRow[]> =>
  db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.networkId, networkId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
