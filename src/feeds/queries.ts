import { and, asc, eq, gt } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { events } from '../events/tables.js';

export type EventRow = typeof events.$inferSelect;

/** Published events that have not ended yet, soonest first: what a feed reader or a crawler should see. */
export function selectUpcoming(db: Tx, networkId: string, f: { chapterId?: string; now: Date; limit: number }): Promise<EventRow[]> {
  return db
    .select()
    .from(events)
    .where(and(eq(events.networkId, networkId), eq(events.status, 'published'), f.chapterId ? eq(events.chapterId, f.chapterId) : undefined, gt(events.endsAt, f.now)))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(f.limit);
}

/** Just what a sitemap needs of the upcoming events. */
export function selectUpcomingIds(db: Tx, networkId: string, now: Date, limit: number) {
  return db
    .select({ id: events.id, updatedAt: events.updatedAt })
    .from(events)
    .where(and(eq(events.networkId, networkId), eq(events.status, 'published'), gt(events.endsAt, now)))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(limit);
}
