import { isAdmin, type Actor } from '../web/policy.js';

/** Who may reach whose personal data. A member's own data needs only to be signed in as them. */
export const gdprPolicy = {
  /** Export and erase any member's data. */
  manageOthers: (actor: Actor) => isAdmin(actor),
};
