import type { AuditEntry } from './service.js';

export function presentAudit(e: AuditEntry) {
  return {
    id: e.id,
    at: e.createdAt.toISOString(),
    actor: e.actorEmail,
    action: e.action,
    subject: e.subject,
    details: e.details,
  };
}

/** The next page starts before the oldest entry shown. */
export function auditCursor(entries: AuditEntry[], limit: number): string | null {
  return entries.length > limit ? Buffer.from(entries[limit - 1]!.createdAt.toISOString()).toString('base64url') : null;
}

export function beforeOf(cursor: string | undefined): Date | undefined {
  if (!cursor) return undefined;
  const d = new Date(Buffer.from(cursor, 'base64url').toString('utf8'));
  return Number.isNaN(d.getTime()) ? undefined : d;
}
