import { isAdmin, type Actor } from '../web/policy.js';

/** Who may do what to members' data. A member's own data needs only to be signed in as them. */
export const memberPolicy = {
  /** List, export and delete any member; read the audit log. */
  manage: (actor: Actor) => isAdmin(actor),
};
