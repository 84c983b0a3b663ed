import { and, desc, eq, lt } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { auditLog } from './tables.js';

export type AuditEntry = typeof auditLog.$inferSelect;
export type AuditAction =
  | 'member.export'
  | 'member.delete'
  | 'member.self_delete'
  | 'members.import'
  | 'expense.create'
  | 'expense.update'
  | 'expense.submit'
  | 'expense.approve'
  | 'expense.reject'
  | 'expense.incomplete'
  | 'expense.pay'
  | 'expense.receipt'
  | 'venue.dashboard.view'
  | 'venue.contacts.export';

/** Written in the same transaction as the act it records: no act without its entry. */
export async function recordAudit(
  tx: Tx,
  entry: {
    networkId: string;
    actor: { id: string; email: string } | null;
    action: AuditAction;
    subject: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await tx.insert(auditLog).values({
    networkId: entry.networkId,
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? 'command line',
    action: entry.action,
    subject: entry.subject,
    details: entry.details ?? {},
  });
}

/** Newest first; `before` (an entry's time) pages back through older entries. */
export function listAudit(db: Tx, networkId: string, opts: { limit: number; before?: Date }) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.networkId, networkId), opts.before ? lt(auditLog.createdAt, opts.before) : undefined))
    .orderBy(desc(auditLog.createdAt))
    .limit(opts.limit);
}
