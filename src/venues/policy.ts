import type { Tx } from '../db/connection.js';
import { isAdmin, type Actor } from '../web/policy.js';
import { isManager } from './queries.js';

/** What the API and the form both answer to a manager who tries to rename the venue. */
export const CHANGE_SLUG = "change a venue's URL name (admins only)";

/** Who may do what to venues: one place, used by the API routes and the pages alike. */
export const venuePolicy = {
  create: (actor: Actor) => isAdmin(actor),
  manageManagers: (actor: Actor) => isAdmin(actor),
  /** Links to a venue depend on its URL name: renaming it is the network's decision. */
  changeSlug: (actor: Actor) => isAdmin(actor),
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
