import type { Tx } from '../db/connection.js';
import { isAdmin, type Actor } from '../web/policy.js';
import { isOrganizer } from './queries.js';

/** What the API and the form both answer to an organiser who tries to change what only admins may. */
export const CHANGE_STATUS_OR_SLUG = "change a chapter's status or URL name (admins only)";

/** Who may do what to chapters: one place, used by the API routes and the pages alike. */
export const chapterPolicy = {
  create: (actor: Actor) => isAdmin(actor),
  delete: (actor: Actor) => isAdmin(actor),
  manageOrganizers: (actor: Actor) => isAdmin(actor),
  managePartnerships: (actor: Actor) => isAdmin(actor),
  /** Opening, pausing or renaming (the URL name) a chapter is the network's decision, not its organisers'. */
  changeStatusOrSlug: (actor: Actor) => isAdmin(actor),
  /** Admins, and the chapter's own organisers. */
  async edit(db: Tx, actor: Actor, chapter: { id: string; networkId: string }): Promise<boolean> {
    if (!actor) return false;
    return isAdmin(actor) || isOrganizer(db, chapter.networkId, chapter.id, actor.id);
  },
  /** The interest list holds e-mail addresses: same people as edit. */
  seeInterest(db: Tx, actor: Actor, chapter: { id: string; networkId: string }): Promise<boolean> {
    return chapterPolicy.edit(db, actor, chapter);
  },
};
