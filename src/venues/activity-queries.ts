import { and, asc, desc, eq, gt, inArray, isNotNull, lte, ne, or, sql } from 'drizzle-orm';
import { chapters } from '../chapters/tables.js';
import type { Tx } from '../db/connection.js';
import type { Translations } from '../web/content.js';
import { events } from '../events/tables.js';
import { registrations } from '../registrations/tables.js';
import { rooms } from './tables.js';

/**
 * SQL of the venue managers' page: events held at a venue (in any of its rooms), their
 * attendance figures, and the contacts people agreed to share with the venue.
 */

/** Held at the venue: the event names the venue, or one of its rooms. Drafts are the organisers' business. */
const heldAt = (networkId: string, venueId: string) =>
  and(
    eq(events.networkId, networkId),
    ne(events.status, 'draft'),
    or(
      eq(events.venueId, venueId),
      inArray(
        events.roomId,
        sql`(select ${rooms.id} from ${rooms} where ${rooms.networkId} = ${networkId} and ${rooms.venueId} = ${venueId})`,
      ),
    ),
  );

const eventColumns = {
  id: events.id,
  title: events.title,
  language: events.language,
  translations: events.translations,
  status: events.status,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  timeZone: events.timeZone,
  capacity: events.capacity,
  roomName: rooms.name,
  chapterSlug: chapters.slug,
  chapterName: chapters.name,
};
export type VenueEventRow = {
  id: string;
  title: string;
  language: string;
  translations: Translations;
  status: 'draft' | 'published' | 'cancelled';
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  capacity: number;
  roomName: string | null;
  chapterSlug: string;
  chapterName: string;
};

/**
 * One phase of a venue's events: `upcoming` (not ended at `now`) soonest first, or `past` latest
 * first, after the (startsAt, id) of the last row seen.
 */
export function selectVenueEvents(
  db: Tx,
  networkId: string,
  venueId: string,
  f: { phase: 'upcoming' | 'past'; now: Date; after?: { startsAt: Date; id: string }; limit: number },
): Promise<VenueEventRow[]> {
  const upcoming = f.phase === 'upcoming';
  const after = f.after
    ? sql`(${events.startsAt}, ${events.id}) ${upcoming ? sql`>` : sql`<`} (${f.after.startsAt.toISOString()}::timestamptz, ${f.after.id}::uuid)`
    : undefined;
  return db
    .select(eventColumns)
    .from(events)
    .innerJoin(chapters, eq(chapters.id, events.chapterId))
    .leftJoin(rooms, eq(rooms.id, events.roomId))
    .where(and(heldAt(networkId, venueId), upcoming ? gt(events.endsAt, f.now) : lte(events.endsAt, f.now), after))
    .orderBy(...(upcoming ? [asc(events.startsAt), asc(events.id)] : [desc(events.startsAt), desc(events.id)]))
    .limit(f.limit);
}

/** The event, when it is held at the venue; undefined otherwise (another venue, online, a draft, unknown). */
export async function selectHeldEvent(
  db: Tx,
  networkId: string,
  venueId: string,
  eventId: string,
): Promise<VenueEventRow | undefined> {
  const [row] = await db
    .select(eventColumns)
    .from(events)
    .innerJoin(chapters, eq(chapters.id, events.chapterId))
    .leftJoin(rooms, eq(rooms.id, events.roomId))
    .where(and(heldAt(networkId, venueId), eq(events.id, eventId)));
  return row;
}

export type EventFigures = { confirmed: number; waitlisted: number; checkedIn: number; sharedContacts: number };

/** Confirmed, waitlisted, checked in and consenting registrations per event, in one query. */
export async function selectEventFigures(
  db: Tx,
  networkId: string,
  eventIds: string[],
): Promise<Map<string, EventFigures>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db
    .select({
      eventId: registrations.eventId,
      confirmed: sql<number>`(count(*) filter (where ${registrations.status} = 'confirmed'))::int`,
      waitlisted: sql<number>`(count(*) filter (where ${registrations.status} = 'waitlisted'))::int`,
      checkedIn: sql<number>`(count(*) filter (where ${registrations.status} = 'confirmed' and ${registrations.checkedInAt} is not null))::int`,
      sharedContacts: sql<number>`(count(*) filter (where ${registrations.status} <> 'cancelled' and ${registrations.sharedWithVenueAt} is not null))::int`,
    })
    .from(registrations)
    .where(and(eq(registrations.networkId, networkId), inArray(registrations.eventId, eventIds)))
    .groupBy(registrations.eventId);
  return new Map(rows.map(({ eventId, ...figures }) => [eventId, figures]));
}

/**
 * What the venue has hosted: events ended by `now` (cancelled ones left out: nobody came), and
 * across them confirmed registrations, check-ins and contacts shared with the venue.
 */
export async function selectPastTotals(db: Tx, networkId: string, venueId: string, now: Date) {
  const [row] = await db
    .select({
      events: sql<number>`count(distinct ${events.id})::int`,
      confirmed: sql<number>`(count(${registrations.id}) filter (where ${registrations.status} = 'confirmed'))::int`,
      checkedIn: sql<number>`(count(${registrations.id}) filter (where ${registrations.status} = 'confirmed' and ${registrations.checkedInAt} is not null))::int`,
      sharedContacts: sql<number>`(count(${registrations.id}) filter (where ${registrations.status} <> 'cancelled' and ${registrations.sharedWithVenueAt} is not null))::int`,
    })
    .from(events)
    .leftJoin(registrations, eq(registrations.eventId, events.id))
    .where(and(heldAt(networkId, venueId), ne(events.status, 'cancelled'), lte(events.endsAt, now)));
  return row ?? { events: 0, confirmed: 0, checkedIn: 0, sharedContacts: 0 };
}

/** Only the registrations whose person agreed to share, and that are not cancelled. */
export function selectSharedContacts(db: Tx, networkId: string, eventId: string) {
  return db
    .select({
      id: registrations.id,
      name: registrations.name,
      email: registrations.email,
      sharedAt: registrations.sharedWithVenueAt,
    })
    .from(registrations)
    .where(
      and(
        eq(registrations.networkId, networkId),
        eq(registrations.eventId, eventId),
        ne(registrations.status, 'cancelled'),
        isNotNull(registrations.sharedWithVenueAt),
      ),
    )
    .orderBy(asc(registrations.sharedWithVenueAt), asc(registrations.id)) as Promise<
    { id: string; name: string; email: string; sharedAt: Date }[]
  >;
}
