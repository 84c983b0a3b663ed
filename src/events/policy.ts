import { chapterPolicy } from '../chapters/policy.js';
import type { Tx } from '../db/connection.js';
import { authorize, type Actor } from '../web/policy.js';

type ChapterRef = { id: string; networkId: string };
type EventRef = { chapterId: string; networkId: string };

/** Events belong to a chapter: its organisers and the network's admins run them. */
export const eventPolicy = {
  /** May run the events of this chapter (create them, for instance). */
  manage(db: Tx, actor: Actor, chapter: ChapterRef): Promise<boolean> {
    return chapterPolicy.edit(db, actor, chapter);
  },
  /** May run this event (or series): change it, see and manage its registrations, check people in. */
  manageEvent(db: Tx, actor: Actor, event: EventRef): Promise<boolean> {
    return chapterPolicy.edit(db, actor, { id: event.chapterId, networkId: event.networkId });
  },
};

/** 401 / 403 unless the actor runs this event. */
export async function authorizeEvent(db: Tx, actor: Actor, event: EventRef, action: string): Promise<void> {
  authorize(actor, await eventPolicy.manageEvent(db, actor, event), action);
}
