import { and, asc, eq, gt } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { events } from '../events/tables.js';

/** Just what a sitemap needs of the upcoming events. */
export function selectUpcomingIds(db: Tx, networkId: string, now: Date, limit: number) {
  return db
    .select({ id: events.id, title: events.title, updatedAt: events.updatedAt })
    .from(events)
    .where(and(eq(events.networkId, networkId), eq(events.status, 'published'), gt(events.endsAt, now)))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(limit);
}
