import { timingSafeEqual } from 'node:crypto';
import { chaptersOrganizedBy } from '../chapters/service.js';
import type { Tx } from '../db/connection.js';
import { eventPolicy } from '../events/policy.js';
import type { Network } from '../networks/service.js';
import { type Actor, authorize, isAdmin } from '../web/policy.js';

type EventRef = { chapterId: string; networkId: string };
type RegistrationRef = { secret: string; userId: string | null };

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Who may do what with registrations, asked by the API routes and the pages alike. The attendee
 * holds their registration by its secret link or as the signed-in member who made it; the people
 * who run the event (its chapter's organisers, the network's admins) hold all of the event's.
 */
export const registrationPolicy = {
  /** The attendee themself: by the secret of their link, or signed in as the member who registered. */
  isAttendee(actor: Actor, reg: RegistrationRef, secret: string | undefined): boolean {
    if (secret && sameSecret(secret, reg.secret)) return true;
    return !!actor && reg.userId === actor.id;
  },
  /** May see or cancel this registration: its attendee, or whoever runs the event. */
  async manage(db: Tx, actor: Actor, reg: RegistrationRef, event: EventRef, secret: string | undefined) {
    return this.isAttendee(actor, reg, secret) || eventPolicy.manageEvent(db, actor, event);
  },
  /** May list, export, add, confirm or cancel by hand, and check in the registrations of this event. */
  runEvent(db: Tx, actor: Actor, event: EventRef): Promise<boolean> {
    return eventPolicy.manageEvent(db, actor, event);
  },
  /** Whose attendance the actor may read: every chapter for admins, else the chapters they organise. */
  async attendanceScope(db: Tx, network: Network, actor: Actor): Promise<'all' | string[]> {
    if (!actor) return [];
    if (isAdmin(actor)) return 'all';
    return (await chaptersOrganizedBy(db, network, actor.id)).map((c) => c.id);
  },
};

/** 401 / 403 unless the actor runs this event's registrations. */
export async function authorizeRegistrations(db: Tx, actor: Actor, event: EventRef, action: string): Promise<void> {
  authorize(actor, await registrationPolicy.runEvent(db, actor, event), action);
}
