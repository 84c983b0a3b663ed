import { and, asc, count, desc, eq, ilike, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import type { AuditFilter } from './schemas.js';
import { auditLog } from './tables.js';
import { containing } from '../web/search-sql.js';

export type AuditEntry = typeof auditLog.$inferSelect;

export async function insertAudit(tx: Tx, values: typeof auditLog.$inferInsert): Promise<void> {
  await tx.insert(auditLog).values(values);
}

/** Where a page of the log stops: an entry's time to the microsecond (UTC) and its id. */
export interface AuditPosition {
  at: string;
  id: string;
}

/** `%` and `_` typed by someone looking for them are letters, not wildcards. */

/** The entries of a network that match every filter given; days are Brussels days. */
function matching(networkId: string, f: AuditFilter): SQL | undefined {
  return and(
    eq(auditLog.networkId, networkId),
    f.actor ? ilike(auditLog.actorEmail, containing(f.actor)) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.subject ? ilike(auditLog.subject, containing(f.subject)) : undefined,
    f.from ? sql`${auditLog.createdAt} >= (${f.from}::date)::timestamp at time zone 'Europe/Brussels'` : undefined,
    f.to ? sql`${auditLog.createdAt} < (${f.to}::date + 1)::timestamp at time zone 'Europe/Brussels'` : undefined,
  );
}

/**
 * Newest first; `before` pages back through older entries. The position is the entry's time to the
 * microsecond and its id: a JavaScript Date keeps milliseconds only, and entries written in the same
 * millisecond must neither be skipped nor shown twice across pages.
 */
export function selectAudit(
  db: Tx,
  networkId: string,
  opts: { limit: number; before?: AuditPosition; filter?: AuditFilter },
) {
  return db
    .select({
      entry: auditLog,
      at: sql<string>`to_char(${auditLog.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
    })
    .from(auditLog)
    .where(
      and(
        matching(networkId, opts.filter ?? {}),
        opts.before
          ? sql`(${auditLog.createdAt}, ${auditLog.id}) < (${opts.before.at}::timestamp at time zone 'UTC', ${opts.before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(opts.limit);
}

export async function countAudit(db: Tx, networkId: string, filter: AuditFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog).where(matching(networkId, filter));
  return row?.n ?? 0;
}

/** Who has acted, for the actor filter's suggestions. */
export async function selectAuditActors(db: Tx, networkId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ actor: auditLog.actorEmail })
    .from(auditLog)
    .where(eq(auditLog.networkId, networkId))
    .orderBy(asc(auditLog.actorEmail))
    .limit(500);
  return rows.map((r) => r.actor);
}
