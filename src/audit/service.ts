import type { Tx } from '../db/connection.js';
import * as q from './queries.js';

export type { AuditEntry } from './queries.js';
export type { AuditAction, CallAuditAction } from './actions.js';
import type { AuditAction } from './actions.js';
import type { AuditFilter } from './schemas.js';

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
  await q.insertAudit(tx, {
    networkId: entry.networkId,
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? 'command line',
    action: entry.action,
    subject: entry.subject,
    details: entry.details ?? {},
  });
}

/** Who did it: a signed-in person; null for the command line; undefined for loaders (demo data), which are not administrative acts. */
export type AuditActor = { id: string; email: string } | null | undefined;

/** Records the act when someone did it (see AuditActor); in the caller's transaction. */
export async function auditAct(
  tx: Tx,
  networkId: string,
  actor: AuditActor,
  action: AuditAction,
  subject: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  if (actor !== undefined) await recordAudit(tx, { networkId, actor, action, subject, details });
}

/**
 * What changed between two versions of a thing, field by field (`{ amountCents: { from, to } }`):
 * the audit page reads it back as "Montant : 120,00 € → 95,00 €" (its key named in audit/details.ts). Fields that did not change are left out.
 */
export function changesOf<T extends object>(before: T, after: Partial<T>, fields: readonly (keyof T & string)[]) {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of fields) {
    if (!(f in after) || after[f] === undefined) continue;
    if (JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
      out[f] = { from: before[f] ?? null, to: after[f] ?? null };
  }
  return out;
}

/** Newest first; `before` (an entry's time) pages back through older entries. */
export type { AuditPosition } from './queries.js';
export { nameEntries, nameSubjects, type SubjectName } from './subjects.js';
export type { AuditFilter } from './schemas.js';

/** A page of the log: the entries matching the filter, and the position of each (for the next page's cursor). */
export const listAudit = async (
  db: Tx,
  networkId: string,
  opts: { limit: number; before?: q.AuditPosition; filter?: AuditFilter },
) => (await q.selectAudit(db, networkId, opts)).map((r) => ({ ...r.entry, position: { at: r.at, id: r.entry.id } }));

export const countAudit = (db: Tx, networkId: string, filter: AuditFilter) => q.countAudit(db, networkId, filter);
export const auditActors = (db: Tx, networkId: string) => q.selectAuditActors(db, networkId);

/** An export is cut at this many entries: narrow the filters for more (the file says so in its entry's details). */
export const EXPORT_LIMIT = 20_000;

/**
 * The entries an admin exports, read and recorded in one transaction: the log says who took a
 * copy of it, with which filters and how many entries (the export's own entry is not in the file).
 */
export async function exportAudit(
  db: Tx,
  networkId: string,
  actor: { id: string; email: string },
  filter: AuditFilter,
) {
  return db.transaction(async (tx) => {
    const rows = await listAudit(tx, networkId, { limit: EXPORT_LIMIT, filter });
    const given: Partial<AuditFilter> = Object.fromEntries(
      Object.entries(filter).filter(([, v]) => v !== undefined && v !== ''),
    );
    await recordAudit(tx, {
      networkId,
      actor,
      action: 'audit.export',
      subject: 'audit log',
      details: { ...given, entries: rows.length },
    });
    return rows;
  });
}
