import { type Actor, authorize, isAdmin } from '../web/policy.js';

/** Who may see the mail outbox. */
export const mailPolicy = {
  /** The outbox holds every recipient's address and message: the network's admins only. */
  seeOutbox: (actor: Actor): boolean => isAdmin(actor),
};

/** 401 / 403 unless the actor may see the outbox. */
export function authorizeOutbox(actor: Actor): void {
  authorize(actor, mailPolicy.seeOutbox(actor), 'see the outbox');
}
