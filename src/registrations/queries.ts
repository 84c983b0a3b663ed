import { and, asc, count, eq, gt, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { events } from '../events/tables.js';
import { registrations } from './tables.js';
import { matchesWords } from '../web/search-sql.js';

// Every query on registrations. The event row is locked by the caller (events' findEvent with
// lock) before any of the writes below: that lock order is what keeps seats and the waitlist right.

export type RegistrationRow = typeof registrations.$inferSelect;
export type RegistrationInsert = typeof registrations.$inferInsert;

export async function countConfirmed(db: Tx, eventId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed')));
  return row!.n;
}

/** 1-based places in an event's waitlist (rank by arrival among those still waiting), in one query. */
export async function selectWaitlistPositions(db: Tx, eventId: string, ids: string[]): Promise<Map<string, number>> {
  const ranked = db
    .select({
      id: registrations.id,
      position: sql<number>`(row_number() over (order by ${registrations.queueNo}))::int`.as('position'),
    })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'waitlisted')))
    .as('ranked');
  const rows = await db.select().from(ranked).where(inArray(ranked.id, ids));
  return new Map(rows.map((r) => [r.id, r.position]));
}

export const selectWaitlistHeads = (tx: Tx, eventId: string, limit: number) =>
  tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.queueNo))
    .limit(limit);

export const confirmRegistrations = (tx: Tx, ids: string[]) =>
  tx
    .update(registrations)
    .set({ status: 'confirmed', promotedAt: new Date() })
    .where(inArray(registrations.id, ids))
    .returning();

export const cancelLiveOfEvent = (tx: Tx, eventId: string) =>
  tx
    .update(registrations)
    .set({ status: 'cancelled', cancelledAt: new Date(), cancelledBy: 'event' })
    .where(and(eq(registrations.eventId, eventId), ne(registrations.status, 'cancelled')))
    .returning();

export const selectLiveOfEvent = (tx: Tx, eventId: string) =>
  tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), ne(registrations.status, 'cancelled')));

/** Clears every consent to share with the host venue given for one event's registrations. */
export async function clearVenueConsents(tx: Tx, networkId: string, eventId: string): Promise<void> {
  await tx
    .update(registrations)
    .set({ sharedWithVenueAt: null })
    .where(
      and(
        eq(registrations.networkId, networkId),
        eq(registrations.eventId, eventId),
        isNotNull(registrations.sharedWithVenueAt),
      ),
    );
}

export async function selectRegistration(db: Tx, networkId: string, id: string, lock: boolean) {
  const q = db
    .select()
    .from(registrations)
    .where(and(eq(registrations.networkId, networkId), eq(registrations.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function selectBySecret(db: Tx, networkId: string, secret: string) {
  const [row] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.networkId, networkId), eq(registrations.secret, secret)));
  return row;
}

export async function updateRegistration(db: Tx, id: string, patch: Partial<RegistrationInsert>) {
  const [row] = await db.update(registrations).set(patch).where(eq(registrations.id, id)).returning();
  return row!;
}

/** Confirming by hand with no seat free: one more seat, so nobody confirmed loses theirs. */
export async function growCapacity(tx: Tx, eventId: string, capacity: number, sequence: number): Promise<void> {
  await tx.update(events).set({ capacity, sequence, updatedAt: new Date() }).where(eq(events.id, eventId));
}

export async function selectByCheckInCode(tx: Tx, eventId: string, code: string) {
  const [row] = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.checkInCode, code)))
    .for('update');
  return row;
}

/** The event another ticket of the network is for, to say so at the door. */
export async function selectTicketElsewhere(tx: Tx, networkId: string, code: string) {
  const [row] = await tx
    .select({ title: events.title })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(and(eq(registrations.networkId, networkId), eq(registrations.checkInCode, code)));
  return row;
}

export function selectRegistrations(
  db: Tx,
  eventId: string,
  f: { status?: RegistrationRow['status']; afterQueueNo?: number; limit: number; search?: string },
) {
  return db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        f.status ? eq(registrations.status, f.status) : undefined,
        f.afterQueueNo ? gt(registrations.queueNo, f.afterQueueNo) : undefined,
        matchesWords([registrations.name, registrations.email], f.search),
      ),
    )
    .orderBy(asc(registrations.queueNo))
    .limit(f.limit);
}

/** A person's registrations across events (by e-mail), newest first, for attendance and no-shows. */
export function selectAttendance(db: Tx, networkId: string, email: string, chapterIds: string[] | 'all') {
  return db
    .select({
      registration: registrations,
      event: {
        id: events.id,
        title: events.title,
        startsAt: events.startsAt,
        endsAt: events.endsAt,
        chapterId: events.chapterId,
        status: events.status,
      },
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      and(
        eq(registrations.networkId, networkId),
        eq(registrations.email, email.toLowerCase()),
        chapterIds === 'all' ? undefined : chapterIds.length ? inArray(events.chapterId, chapterIds) : sql`false`,
      ),
    )
    .orderBy(sql`${events.startsAt} DESC`)
    .limit(500);
}

/** The signed-in member's live registration for an event (by account, or by their e-mail). */
export async function selectOwn(db: Tx, networkId: string, eventId: string, user: { id: string; email: string }) {
  const [row] = await db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.networkId, networkId),
        eq(registrations.eventId, eventId),
        ne(registrations.status, 'cancelled'),
        sql`(${registrations.userId} = ${user.id} OR ${registrations.email} = ${user.email})`,
      ),
    );
  return row;
}
