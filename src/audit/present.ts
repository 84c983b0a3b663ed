import type { AuditEntry, AuditPosition } from './service.js';

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

/** The next page starts before the oldest entry shown (its time to the microsecond, and its id). */
export function auditCursor(entries: { position: AuditPosition }[], limit: number): string | null {
  if (entries.length <= limit) return null;
  const { at, id } = entries[limit - 1]!.position;
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

const POSITION =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function beforeOf(cursor: string | undefined): AuditPosition | undefined {
  if (!cursor) return undefined;
  const m = POSITION.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? { at: m[1]!, id: m[2]! } : undefined;
}
