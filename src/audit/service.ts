import type { Tx } from '../db/connection.js';
import * as q from './queries.js';

export type { AuditEntry } from './queries.js';
export type AuditAction =
  | 'member.export'
  | 'member.delete'
  | 'member.self_delete'
  | 'members.import'
  | 'member.verify'
  | 'member.verify_resent'
  | 'expense.create'
  | 'expense.update'
  | 'expense.submit'
  | 'expense.approve'
  | 'expense.reject'
  | 'expense.incomplete'
  | 'expense.pay'
  | 'expense.receipt'
  | 'venue.dashboard.view'
  | 'venue.contacts.export'
  | 'event.cancel'
  | 'invitations.send'
  | 'chapter.create'
  | 'chapter.update'
  | 'chapter.delete'
  | 'chapter.organizer_add'
  | 'chapter.organizer_remove'
  | 'venue.create'
  | 'venue.update'
  | 'venue.manager_add'
  | 'venue.manager_remove'
  | 'account.create'
  | 'token.create'
  | 'token.revoke'
  | 'news.editor_add'
  | 'news.editor_remove'
  | 'treasurer.add'
  | 'treasurer.remove'
  | 'mail.resend'
  | 'mail.cancel'
  | 'webhook.create'
  | 'webhook.update'
  | 'webhook.delete'
  | 'partnership.create'
  | 'partnership.update'
  | 'redirect.create'
  | 'redirect.update'
  | 'redirect.delete'
  | 'redirect.import'
  | CallAuditAction;
/** What calls and juries record: every version, conflict, recusal, assignment, score change and decision. */
export type CallAuditAction =
  | 'call.create'
  | 'call.version'
  | 'call.conflict'
  | 'call.recusal'
  | 'call.assignment'
  | 'call.score'
  | 'call.redaction'
  | 'call.decision'
  | 'call.decisions_sent'
  | 'call.juror_reinvited'
  | 'call.juror_joined'
  | 'call.appeal'
  | 'call.appeal_answered';

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

/** Newest first; `before` (an entry's time) pages back through older entries. */
export type { AuditPosition } from './queries.js';
/** A page of the log: the entries, and the position of each (for the next page's cursor). */
export const listAudit = async (db: Tx, networkId: string, opts: { limit: number; before?: q.AuditPosition }) =>
  (await q.selectAudit(db, networkId, opts)).map((r) => ({ ...r.entry, position: { at: r.at, id: r.entry.id } }));
