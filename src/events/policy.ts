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
  /**
   * May see this event: a draft is seen by those who run it only; to everyone else it does not
   * exist (404, not 403: an unpublished event is nobody else's business).
   */
  async see(db: Tx, actor: Actor, event: EventRef & { status: string }): Promise<boolean> {
    return visibleTo(event, event.status === 'draft' && (await eventPolicy.manageEvent(db, actor, event)));
  },
};

/** The draft rule once the caller knows whether the actor runs the event (a series' occurrences, say). */
export const visibleTo = (event: { status: string }, runsIt: boolean): boolean => event.status !== 'draft' || runsIt;

/** 401 / 403 unless the actor runs this event. */
export async function authorizeEvent(db: Tx, actor: Actor, event: EventRef, action: string): Promise<void> {
  authorize(actor, await eventPolicy.manageEvent(db, actor, event), action);
}
