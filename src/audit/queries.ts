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

export type SubjectKind = 'event' | 'chapter' | 'venue' | 'member' | 'call';
export type SubjectRow = {
  kind: SubjectKind;
  key: string;
  /** The title or name as written (a call's: its English title). */
  name: string;
  language: string | null;
  /** An event's, chapter's or venue's translations; a call's titles by language. */
  translations: Record<string, Record<string, string>> | null;
  /** A member with a profile page to link to. */
  linkable: boolean;
};

/**
 * The things a page of entries is about, as they are now, in one query (a UNION of one branch per
 * kind asked for); what is missing was deleted. Events and members by id, the others by slug.
 */
export async function selectSubjectRows(
  db: Tx,
  networkId: string,
  refs: { kind: SubjectKind; key: string }[],
): Promise<SubjectRow[]> {
  const keys = (kind: SubjectKind) => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.key))].join(',');
  const list = (kind: SubjectKind) => sql`ANY(string_to_array(${keys(kind)}, ','))`;
  const branches: Record<SubjectKind, SQL> = {
    event: sql`SELECT 'event' AS kind, id::text AS key, title AS name, language, translations, false AS linkable
      FROM events WHERE network_id = ${networkId} AND id::text = ${list('event')}`,
    chapter: sql`SELECT 'chapter' AS kind, slug AS key, name, language, translations, false AS linkable
      FROM chapters WHERE network_id = ${networkId} AND slug = ${list('chapter')}`,
    venue: sql`SELECT 'venue' AS kind, slug AS key, name, language, translations, false AS linkable
      FROM venues WHERE network_id = ${networkId} AND slug = ${list('venue')}`,
    member: sql`SELECT 'member' AS kind, u.id::text AS key, u.name, NULL AS language, NULL::jsonb AS translations,
        p.user_id IS NOT NULL AS linkable
      FROM users u LEFT JOIN member_profiles p ON p.user_id = u.id
      WHERE u.network_id = ${networkId} AND u.id::text = ${list('member')}`,
    call: sql`SELECT 'call' AS kind, slug AS key, title->>'en' AS name, NULL AS language, title AS translations, false AS linkable
      FROM calls WHERE network_id = ${networkId} AND slug = ${list('call')}`,
  };
  const asked = (Object.keys(branches) as SubjectKind[]).filter((k) => keys(k) !== '');
  if (!asked.length) return [];
  const res = await db.execute<SubjectRow>(
    sql.join(
      asked.map((k) => sql`(${branches[k]})`),
      sql` UNION ALL `,
    ),
  );
  return res.rows;
}
