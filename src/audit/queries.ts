import { and, desc, eq, lt } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { auditLog } from './tables.js';

export type AuditEntry = typeof auditLog.$inferSelect;

export async function insertAudit(tx: Tx, values: typeof auditLog.$inferInsert): Promise<void> {
  await tx.insert(auditLog).values(values);
}

/** Newest first; `before` (an entry's time) pages back through older entries. */
export function selectAudit(db: Tx, networkId: string, opts: { limit: number; before?: Date }) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.networkId, networkId), opts.before ? lt(auditLog.createdAt, opts.before) : undefined))
    .orderBy(desc(auditLog.createdAt))
    .limit(opts.limit);
}
