import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { auditLog } from './tables.js';

export type AuditEntry = typeof auditLog.$inferSelect;

export async function insertAudit(tx: Tx, values: typeof auditLog.$inferInsert): Promise<void> {
  await tx.insert(auditLog).values(values);
}

/** Where a page of the log stops: an entry's time to the microsecond (UTC) and its id. */
export interface AuditPosition {
  at: string;
  id: string;
}

/**
 * Newest first; `before` pages back through older entries. The position is the entry's time to the
 * microsecond and its id: a JavaScript Date keeps milliseconds only, and entries written in the same
 * millisecond must neither be skipped nor shown twice across pages.
 */
export function selectAudit(db: Tx, networkId: string, opts: { limit: number; before?: AuditPosition }) {
  return db
    .select({
      entry: auditLog,
      at: sql<string>`to_char(${auditLog.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.networkId, networkId),
        opts.before
          ? sql`(${auditLog.createdAt}, ${auditLog.id}) < (${opts.before.at}::timestamp at time zone 'UTC', ${opts.before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(opts.limit);
}
