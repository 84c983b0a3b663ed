import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import type { DataSubject } from '../db/gdpr.js';
import { auditLog } from './tables.js';

// GDPR only: moved here from members/queries.ts.

/** Entries this person wrote as an admin keep the act, not their address. */
export const forgetAuditActor = (tx: Tx, who: DataSubject, label: string) =>
  tx
    .update(auditLog)
    .set({ actorEmail: label })
    .where(and(eq(auditLog.networkId, who.networkId), eq(auditLog.actorId, who.userId)));
