import { type Actor, authorize, isAdmin } from '../web/policy.js';

/** Who may read the audit log, asked by the API route and the page alike. */
export const auditPolicy = {
  /** The log names people and what was done to their data: the network's admins only. */
  read: (actor: Actor): boolean => isAdmin(actor),
};

/** 401 / 403 unless the actor may read the audit log. */
export function authorizeAuditLog(actor: Actor): void {
  authorize(actor, auditPolicy.read(actor), 'read the audit log');
}
