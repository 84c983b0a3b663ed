import { and, asc, desc, eq, gt, ilike, inArray, lt, ne, or, sql } from 'drizzle-orm';
import { chapters } from '../chapters/tables.js';
import type { Tx } from '../db/connection.js';
import { registrations } from '../registrations/tables.js';
import { rooms, venues } from '../venues/tables.js';
import { eventSeries, events } from './tables.js';
import { containing } from '../web/search-sql.js';

export type EventRow = typeof events.$inferSelect;
export type EventValues = Omit<typeof events.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export async function selectEvent(db: Tx, networkId: string, id: string, lock = false): Promise<EventRow | undefined> {
  const q = db
    .select()
    .from(events)
    .where(and(eq(events.networkId, networkId), eq(events.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertEvents(db: Tx, values: EventValues[]): Promise<EventRow[]> {
  if (values.length === 0) return [];
  return db.insert(events).values(values).returning();
}

export async function updateEvent(db: Tx, id: string, patch: Partial<EventValues>): Promise<EventRow> {
  const [row] = await db
    .update(events)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(events.id, id))
    .returning();
  return row!;
}

/** Another live event in the room at an overlapping time, if any. */
export async function selectOverlap(db: Tx, roomId: string, startsAt: Date, endsAt: Date, exceptIds: string[]) {
  const [row] = await db
    .select({ id: events.id, title: events.title, startsAt: events.startsAt, timeZone: events.timeZone })
    .from(events)
    .where(
      and(
        eq(events.roomId, roomId),
        ne(events.status, 'cancelled'),
        lt(events.startsAt, endsAt),
        gt(events.endsAt, startsAt),
        exceptIds.length ? sql`${events.id} NOT IN ${exceptIds}` : undefined,
      ),
    )
    .limit(1);
  return row;
}

/** Locks the room: bookings of one room are checked and written one at a time. */
export async function lockRoom(db: Tx, roomId: string) {
  await db.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, roomId)).for('update');
}

export interface ListFilter {
  chapterId?: string;
  venueId?: string;
  from: Date;
  to?: Date;
  includeDraftsOf?: string[] | 'all';
  after?: { startsAt: Date; id: string };
  limit: number;
}

export function selectEvents(db: Tx, networkId: string, f: ListFilter) {
  const drafts =
    f.includeDraftsOf === 'all'
      ? sql`true`
      : f.includeDraftsOf?.length
        ? inArray(events.chapterId, f.includeDraftsOf)
        : sql`false`;
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.networkId, networkId),
        or(ne(events.status, 'draft'), drafts),
        f.chapterId ? eq(events.chapterId, f.chapterId) : undefined,
        f.venueId ? eq(events.venueId, f.venueId) : undefined,
        gt(events.endsAt, f.from),
        f.to ? lt(events.startsAt, f.to) : undefined,
        f.after ? sql`(${events.startsAt}, ${events.id}) > (${f.after.startsAt}, ${f.after.id})` : undefined,
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(f.limit);
}

/** Confirmed and waitlisted counts per event. */
export async function selectCounts(db: Tx, eventIds: string[]) {
  const map = new Map<string, { confirmed: number; waitlisted: number; checkedIn: number }>();
  if (eventIds.length === 0) return map;
  const rows = await db
    .select({
      eventId: registrations.eventId,
      confirmed: sql<number>`count(*) filter (where ${registrations.status} = 'confirmed')::int`,
      waitlisted: sql<number>`count(*) filter (where ${registrations.status} = 'waitlisted')::int`,
      checkedIn: sql<number>`count(*) filter (where ${registrations.checkedInAt} is not null)::int`,
    })
    .from(registrations)
    .where(inArray(registrations.eventId, eventIds))
    .groupBy(registrations.eventId);
  for (const r of rows)
    map.set(r.eventId, { confirmed: r.confirmed, waitlisted: r.waitlisted, checkedIn: r.checkedIn });
  return map;
}

export async function selectPlaces(db: Tx, eventRows: EventRow[]) {
  const venueIds = [...new Set(eventRows.map((e) => e.venueId).filter((v): v is string => Boolean(v)))];
  const roomIds = [...new Set(eventRows.map((e) => e.roomId).filter((v): v is string => Boolean(v)))];
  const chapterIds = [...new Set(eventRows.map((e) => e.chapterId))];
  // One after the other: `db` may be a transaction, whose one connection takes one query at a time.
  const v = venueIds.length ? await db.select().from(venues).where(inArray(venues.id, venueIds)) : [];
  const r = roomIds.length ? await db.select().from(rooms).where(inArray(rooms.id, roomIds)) : [];
  const c = chapterIds.length
    ? await db
        .select({
          id: chapters.id,
          slug: chapters.slug,
          name: chapters.name,
          language: chapters.language,
          translations: chapters.translations,
        })
        .from(chapters)
        .where(inArray(chapters.id, chapterIds))
    : [];
  return {
    venues: new Map(v.map((x) => [x.id, x])),
    rooms: new Map(r.map((x) => [x.id, x])),
    chapters: new Map(c.map((x) => [x.id, x])),
  };
}

export function selectSeriesOccurrences(db: Tx, seriesId: string, from: Date) {
  return db
    .select()
    .from(events)
    .where(and(eq(events.seriesId, seriesId), sql`${events.recurrenceId} >= ${from}`, ne(events.status, 'cancelled')))
    .orderBy(asc(events.startsAt))
    .for('update');
}

/** Events that have not ended, soonest first: published ones, or every status for those who run them. */
export function selectUpcoming(
  db: Tx,
  networkId: string,
  f: { chapterId?: string; now: Date; limit: number; includeUnpublished?: boolean },
) {
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.networkId, networkId),
        f.includeUnpublished ? undefined : eq(events.status, 'published'),
        f.chapterId ? eq(events.chapterId, f.chapterId) : undefined,
        gt(events.endsAt, f.now),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(f.limit);
}

export type SeriesRow = typeof eventSeries.$inferSelect;

export async function insertSeries(tx: Tx, values: typeof eventSeries.$inferInsert): Promise<SeriesRow> {
  const [row] = await tx.insert(eventSeries).values(values).returning();
  return row!;
}

export async function selectSeries(db: Tx, networkId: string, id: string): Promise<SeriesRow | undefined> {
  const [row] = await db
    .select()
    .from(eventSeries)
    .where(and(eq(eventSeries.networkId, networkId), eq(eventSeries.id, id)));
  return row;
}

/** Every occurrence of a series, cancelled ones too, in order. */
export const selectAllOccurrences = (db: Tx, seriesId: string) =>
  db.select().from(events).where(eq(events.seriesId, seriesId)).orderBy(asc(events.startsAt));

/** Series whose occurrences stop short of the horizon. */
export const selectSeriesDue = (db: Tx, until: Date) =>
  db.select().from(eventSeries).where(lt(eventSeries.materialisedUntil, until));

export async function lockSeries(tx: Tx, id: string): Promise<SeriesRow | undefined> {
  const [row] = await tx.select().from(eventSeries).where(eq(eventSeries.id, id)).for('update');
  return row;
}

/** The occurrence new ones copy: the latest by its original date. */
export async function selectLatestOccurrence(tx: Tx, seriesId: string): Promise<EventRow | undefined> {
  const [row] = await tx
    .select()
    .from(events)
    .where(eq(events.seriesId, seriesId))
    .orderBy(desc(events.recurrenceId))
    .limit(1);
  return row;
}

export async function updateSeriesHorizon(tx: Tx, id: string, until: Date): Promise<void> {
  await tx.update(eventSeries).set({ materialisedUntil: until }).where(eq(eventSeries.id, id));
}

export interface PublicFilter {
  from: Date;
  to?: Date;
  chapterSlug?: string;
  venueSlug?: string;
  mode?: 'online' | 'in-person';
  /** Words looked for in the title and description. */
  text?: string;
  /** Past events, latest first (a chapter's or venue's history), instead of upcoming soonest first. */
  past?: boolean;
  limit: number;
  offset: number;
}

/** Published events across chapters, with their chapter and venue names, for the public lists. */
export function selectPublicEvents(db: Tx, networkId: string, f: PublicFilter) {
  const like = f.text ? containing(f.text) : undefined;
  return db
    .select({
      id: events.id,
      title: events.title,
      language: events.language,
      translations: events.translations,
      kind: events.kind,
      status: events.status,
      startsAt: events.startsAt,
      timeZone: events.timeZone,
      onlineUrl: events.onlineUrl,
      cover: events.cover,
      chapter: chapters.name,
      chapterLanguage: chapters.language,
      chapterTranslations: chapters.translations,
      chapterSlug: chapters.slug,
      venue: venues.name,
      venueSlug: venues.slug,
    })
    .from(events)
    .innerJoin(chapters, eq(chapters.id, events.chapterId))
    .leftJoin(venues, eq(venues.id, events.venueId))
    .where(
      and(
        eq(events.networkId, networkId),
        eq(events.status, 'published'),
        f.past ? lt(events.endsAt, f.from) : gt(events.endsAt, f.from),
        f.to ? lt(events.startsAt, f.to) : undefined,
        f.chapterSlug ? eq(chapters.slug, f.chapterSlug) : undefined,
        f.venueSlug ? eq(venues.slug, f.venueSlug) : undefined,
        f.mode === 'online' ? sql`${events.venueId} IS NULL` : undefined,
        f.mode === 'in-person' ? sql`${events.venueId} IS NOT NULL` : undefined,
        like ? or(ilike(events.title, like), ilike(events.description, like)) : undefined,
      ),
    )
    .orderBy(f.past ? desc(events.startsAt) : asc(events.startsAt), asc(events.id))
    .limit(f.limit)
    .offset(f.offset);
}
