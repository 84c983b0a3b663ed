import { chapterPolicy } from '../chapters/policy.js';
import type { Tx } from '../db/connection.js';
import type { Actor } from '../web/policy.js';

/** Events belong to a chapter: its organisers and the network's admins run them. */
export const eventPolicy = {
  manage(db: Tx, actor: Actor, chapter: { id: string; networkId: string }): Promise<boolean> {
    return chapterPolicy.edit(db, actor, chapter);
  },
};
