import type { Tx } from '../db/connection.js';
import { isAdmin, type Actor } from '../web/policy.js';
import { isManager } from './queries.js';

/** Who may do what to venues: one place, used by the API routes and the pages alike. */
export const venuePolicy = {
  create: (actor: Actor) => isAdmin(actor),
  manageManagers: (actor: Actor) => isAdmin(actor),
  /** Admins, and the venue's own managers (they know their rooms best). */
  async edit(db: Tx, actor: Actor, venue: { id: string; networkId: string }): Promise<boolean> {
    if (!actor) return false;
    return isAdmin(actor) || isManager(db, venue.networkId, venue.id, actor.id);
  },
  /** The events held there and the contacts people agreed to share with the venue: admins and its managers. */
  seeActivity(db: Tx, actor: Actor, venue: { id: string; networkId: string }): Promise<boolean> {
    return venuePolicy.edit(db, actor, venue);
  },
};
