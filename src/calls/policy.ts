import { chapterPolicy } from '../chapters/policy.js';
import type { Tx } from '../db/connection.js';
import { isAdmin, type Actor } from '../web/policy.js';

/** Who may do what to calls. Applicants act through their secret link; jurors through the jury feature. */
export const callPolicy = {
  /** Network calls: admins. Chapter calls: the chapter's organisers too. */
  async create(db: Tx, actor: Actor, networkId: string, chapterId: string | null): Promise<boolean> {
    if (!actor) return false;
    if (isAdmin(actor)) return true;
    return chapterId ? chapterPolicy.edit(db, actor, { id: chapterId, networkId }) : false;
  },
  /** Call managers: admins, and organisers of the owning chapter. */
  manage(db: Tx, actor: Actor, call: { networkId: string; chapterId: string | null }): Promise<boolean> {
    return callPolicy.create(db, actor, call.networkId, call.chapterId);
  },
};
