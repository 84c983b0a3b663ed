import { and, asc, desc, eq, isNotNull, lt } from 'drizzle-orm';
import { findChapter } from '../chapters/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import {
  cancelAllRegistrations,
  confirmedCount,
  promoteFromWaitlist,
  tellEventChanged,
} from '../registrations/service.js';
import { registrations } from '../registrations/tables.js';
import { findVenue, roomsOf } from '../venues/service.js';
import { eventData, queueWebhooks } from '../webhooks/outbox.js';
import { AppError, notFound } from '../web/errors.js';
import * as q from './queries.js';
import { expandRule, normaliseRrule } from './recurrence.js';
import { presentEvent } from './present.js';
import type { EventCreate, EventUpdate, EventView } from './schemas.js';
import { eventSeries, events } from './tables.js';
import { fromWallClock, localString, parseLocal, wallClock } from './time.js';

export type { EventRow } from './queries.js';
type EventRow = q.EventRow;

/** Webhook payloads of events with their chapter's slug, looked up only when an endpoint listens. */
const eventsData = (tx: Tx, rows: EventRow[]) => async () => {
  const { chapters } = await q.selectPlaces(tx, rows);
  return rows.map((r) => eventData(r, chapters.get(r.chapterId)?.slug));
};

/** How far ahead a series' occurrences exist as events; a scheduled job keeps extending it. */
export const HORIZON_MONTHS = 12;
function horizonFrom(now: Date): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() + HORIZON_MONTHS);
  return d;
}

export async function findEvent(db: Tx, network: Network, id: string, lock = false): Promise<EventRow> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await q.selectEvent(db, network.id, id, lock) : undefined;
  if (!row) throw notFound(`The event ${id}`);
  return row;
}

interface Place {
  venueId: string | null;
  roomId: string | null;
  roomCapacity: number | null;
  onlineUrl: string | null;
}

/** Venue slug + room name → ids; an event happens in a room, online, or both. */
async function resolvePlace(
  db: Tx,
  network: Network,
  venueSlug: string | null | undefined,
  roomName: string | null | undefined,
  onlineUrl: string | null | undefined,
): Promise<Place> {
  if (!venueSlug) {
    if (roomName)
      throw new AppError('validation', 'A room needs its venue.', [
        { field: 'venue', message: 'is required when a room is given' },
      ]);
    if (!onlineUrl)
      throw new AppError(
        'validation',
        'An event takes place in a venue, online, or both: give a venue or an onlineUrl.',
        [{ field: 'venue', message: 'give a venue or an onlineUrl' }],
      );
    return { venueId: null, roomId: null, roomCapacity: null, onlineUrl };
  }
  const venue = await findVenue(db, network, venueSlug).catch(() => {
    throw new AppError('validation', `There is no venue "${venueSlug}".`, [
      { field: 'venue', message: 'is not a known venue' },
    ]);
  });
  const rooms = (await roomsOf(db, network, [venue.id])).get(venue.id) ?? [];
  if (!roomName) return { venueId: venue.id, roomId: null, roomCapacity: null, onlineUrl: onlineUrl ?? null };
  const room = rooms.find((r) => r.name.toLowerCase() === roomName.toLowerCase());
  if (!room) {
    const known = rooms.map((r) => r.name).join(', ') || 'none';
    throw new AppError('validation', `${venue.name} has no room "${roomName}" (its rooms: ${known}).`, [
      { field: 'room', message: 'is not a room of this venue' },
    ]);
  }
  return { venueId: venue.id, roomId: room.id, roomCapacity: room.capacity, onlineUrl: onlineUrl ?? null };
}

/** A room holds one event at a time: 409 naming the event already there. */
async function refuseDoubleBooking(
  db: Tx,
  roomId: string | null,
  slots: { startsAt: Date; endsAt: Date }[],
  exceptIds: string[],
) {
  if (!roomId) return;
  await q.lockRoom(db, roomId);
  for (const s of slots) {
    const other = await q.selectOverlap(db, roomId, s.startsAt, s.endsAt, exceptIds);
    if (other) {
      const when = localString(other.startsAt, other.timeZone).replace('T', ' ');
      throw new AppError(
        'conflict',
        `The room is already booked at that time by "${other.title}" (${when}, event ${other.id}).`,
        [{ field: 'room', message: `is booked by "${other.title}"` }],
      );
    }
  }
}

function checkWindow(opens: Date | null | undefined, closes: Date | null | undefined) {
  if (opens && closes && closes <= opens)
    throw new AppError('validation', 'Registration must close after it opens.', [
      { field: 'registrationClosesAt', message: 'must be after registrationOpensAt' },
    ]);
}

/** Creates a one-off event, or a series and its occurrences over the horizon. Returns the first event. */
export async function createEvent(
  db: Db,
  network: Network,
  chapterSlug: string,
  input: EventCreate,
  now = new Date(),
): Promise<{ event: EventRow; occurrences: number }> {
  return db.transaction(async (tx) => {
    const chapter = await findChapter(tx, network, chapterSlug);
    const place = await resolvePlace(tx, network, input.venue, input.room, input.onlineUrl);
    const capacity = input.capacity ?? place.roomCapacity;
    if (!capacity)
      throw new AppError(
        'validation',
        'Say how many people can come: give a capacity, or a room (its capacity is used).',
        [{ field: 'capacity', message: 'is required without a room' }],
      );
    checkWindow(input.registrationOpensAt, input.registrationClosesAt);
    const template: q.EventValues = {
      networkId: network.id,
      chapterId: chapter.id,
      title: input.title,
      description: input.description,
      kind: input.kind,
      venueId: place.venueId,
      roomId: place.roomId,
      onlineUrl: place.onlineUrl,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      timeZone: input.timeZone,
      capacity,
      waitlist: input.waitlist,
      status: input.status,
      guestRegistration: input.guestRegistration,
      questions: input.questions,
      speakers: input.speakers,
      registrationOpensAt: input.registrationOpensAt ?? null,
      registrationClosesAt: input.registrationClosesAt ?? null,
    };
    if (!input.recurrence) {
      await refuseDoubleBooking(tx, place.roomId, [input], []);
      const [event] = await q.insertEvents(tx, [template]);
      if (event!.status === 'published')
        await queueWebhooks(tx, network.id, 'event.published', eventData(event!, chapter.slug));
      return { event: event!, occurrences: 1 };
    }
    const firstStartLocal = localString(input.startsAt, input.timeZone);
    const until = horizonFrom(now);
    const starts = expandRule({
      rrule: input.recurrence.rrule,
      firstStartLocal,
      timeZone: input.timeZone,
      exdates: input.recurrence.exdates,
      until,
    });
    if (starts.length === 0)
      throw new AppError('validation', 'This rule gives no occurrence in the next twelve months.', [
        { field: 'recurrence.rrule', message: 'gives no occurrence' },
      ]);
    const durationMs = input.endsAt.getTime() - input.startsAt.getTime();
    const [series] = await tx
      .insert(eventSeries)
      .values({
        networkId: network.id,
        chapterId: chapter.id,
        rrule: normaliseRrule(input.recurrence.rrule),
        exdates: input.recurrence.exdates,
        timeZone: input.timeZone,
        firstStartLocal,
        durationMinutes: Math.round(durationMs / 60_000),
        materialisedUntil: until,
      })
      .returning();
    // The rule repeats a wall-clock minute; seconds given in startsAt are kept on every occurrence.
    const seconds = input.startsAt.getTime() % 60_000;
    const values = starts.map(({ start }) =>
      occurrenceOf(template, series!.id, new Date(start.getTime() + seconds), durationMs, input.startsAt),
    );
    await refuseDoubleBooking(tx, place.roomId, values, []);
    const rows = await q.insertEvents(tx, values);
    if (rows[0]?.status === 'published')
      await queueWebhooks(
        tx,
        network.id,
        'event.published',
        rows.map((r) => eventData(r, chapter.slug)),
      );
    return { event: rows[0]!, occurrences: rows.length };
  });
}

/** An occurrence copies the template; its registration window keeps the same distance to its start. */
function occurrenceOf(
  template: q.EventValues,
  seriesId: string,
  start: Date,
  durationMs: number,
  templateStart: Date,
): q.EventValues {
  const shift = (d: Date | null | undefined) =>
    d ? new Date(d.getTime() + (start.getTime() - templateStart.getTime())) : null;
  return {
    ...template,
    seriesId,
    recurrenceId: start,
    startsAt: start,
    endsAt: new Date(start.getTime() + durationMs),
    registrationOpensAt: shift(template.registrationOpensAt),
    registrationClosesAt: shift(template.registrationClosesAt),
    nextQueueNo: 1,
    sequence: 0,
  };
}

/**
 * Changes an event. For an occurrence of a series, `scope` says which occurrences change: only
 * this one, this and the following ones, or every occurrence that has not ended. A new time of
 * day moves each occurrence to that time on its own date, in the event's zone.
 */
export async function updateEvent(
  db: Db,
  network: Network,
  id: string,
  patch: EventUpdate,
  scope: 'occurrence' | 'following' | 'series' = 'occurrence',
  now = new Date(),
): Promise<EventRow> {
  return db.transaction(async (tx) => {
    const event = await findEvent(tx, network, id, true);
    if (event.status === 'cancelled') throw new AppError('conflict', 'This event is cancelled: it cannot be changed.');
    let targets: EventRow[] = [event];
    if (scope !== 'occurrence' && event.seriesId) {
      const from = scope === 'following' ? (event.recurrenceId ?? event.startsAt) : new Date(0);
      targets = (await q.selectSeriesOccurrences(tx, event.seriesId, from)).filter(
        (e) => e.id === event.id || e.endsAt > now,
      );
    }
    const place =
      patch.venue !== undefined || patch.room !== undefined || patch.onlineUrl !== undefined
        ? await resolvePlace(
            tx,
            network,
            patch.venue !== undefined ? patch.venue : await venueSlugOf(tx, network, event),
            patch.room !== undefined ? patch.room : await roomNameOf(tx, network, event),
            patch.onlineUrl !== undefined ? patch.onlineUrl : event.onlineUrl,
          )
        : undefined;
    checkWindow(
      patch.registrationOpensAt !== undefined ? patch.registrationOpensAt : event.registrationOpensAt,
      patch.registrationClosesAt !== undefined ? patch.registrationClosesAt : event.registrationClosesAt,
    );
    const timeZone = patch.timeZone ?? event.timeZone;
    const newStart = patch.startsAt ?? event.startsAt;
    const newEnd = patch.endsAt ?? event.endsAt;
    if (newEnd <= newStart)
      throw new AppError('validation', 'The event must end after it starts.', [
        { field: 'endsAt', message: 'must be after startsAt' },
      ]);
    const timeChanged = patch.startsAt !== undefined || patch.endsAt !== undefined || patch.timeZone !== undefined;
    const wall = wallClock(newStart, timeZone);
    const durationMs = newEnd.getTime() - newStart.getTime();

    const updated: EventRow[] = [];
    // Webhooks: a draft that goes live is published; a change to a live event (or taking it back to draft) is an update.
    const published: EventRow[] = [];
    const changed: EventRow[] = [];
    const plan = targets.map((target) => {
      let startsAt = target.startsAt;
      let endsAt = target.endsAt;
      if (timeChanged) {
        if (target.id === event.id) {
          startsAt = newStart;
          endsAt = newEnd;
        } else {
          const day = wallClock(target.startsAt, target.timeZone);
          startsAt = fromWallClock(
            { year: day.year, month: day.month, day: day.day, hour: wall.hour, minute: wall.minute },
            timeZone,
          );
          endsAt = new Date(startsAt.getTime() + durationMs);
        }
      }
      return { target, startsAt, endsAt };
    });
    const roomId = place ? place.roomId : event.roomId;
    if (roomId && (place || timeChanged))
      await refuseDoubleBooking(
        tx,
        roomId,
        plan,
        targets.map((t) => t.id),
      );

    for (const { target, startsAt, endsAt } of plan) {
      const locked = target.id === event.id ? target : await findEvent(tx, network, target.id, true);
      const capacity =
        patch.capacity ??
        (place?.roomCapacity && patch.room !== undefined && patch.capacity === undefined
          ? place.roomCapacity
          : locked.capacity);
      const confirmed = await confirmedCount(tx, locked.id);
      if (capacity < confirmed) {
        throw new AppError(
          'conflict',
          `${confirmed} people are confirmed for "${locked.title}" on ${localString(locked.startsAt, locked.timeZone).slice(0, 10)}: the capacity cannot go below ${confirmed}. Cancel registrations first.`,
          [{ field: 'capacity', message: `must be at least ${confirmed}` }],
        );
      }
      const shift = target.id === event.id ? 0 : startsAt.getTime() - target.startsAt.getTime();
      const windowOf = (given: Date | null | undefined, current: Date | null) =>
        given !== undefined
          ? given
            ? new Date(given.getTime() + (target.startsAt.getTime() - event.startsAt.getTime()))
            : null
          : current
            ? new Date(current.getTime() + shift)
            : null;
      const row = await q.updateEvent(tx, locked.id, {
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
        ...(patch.waitlist !== undefined ? { waitlist: patch.waitlist } : {}),
        ...(patch.guestRegistration !== undefined ? { guestRegistration: patch.guestRegistration } : {}),
        ...(patch.questions !== undefined ? { questions: patch.questions } : {}),
        ...(patch.speakers !== undefined ? { speakers: patch.speakers } : {}),
        ...(patch.status !== undefined ? { status: patch.status } : {}),
        ...(place ? { venueId: place.venueId, roomId: place.roomId, onlineUrl: place.onlineUrl } : {}),
        timeZone,
        startsAt,
        endsAt,
        capacity,
        registrationOpensAt: windowOf(patch.registrationOpensAt, locked.registrationOpensAt),
        registrationClosesAt: windowOf(patch.registrationClosesAt, locked.registrationClosesAt),
        sequence: locked.sequence + 1,
      });
      // More seats: as many from the waitlist as they allow, in arrival order, in this transaction.
      if (capacity > locked.capacity) await promoteFromWaitlist(tx, row);
      const moved =
        row.startsAt.getTime() !== locked.startsAt.getTime() || row.endsAt.getTime() !== locked.endsAt.getTime();
      const relocated =
        row.venueId !== locked.venueId || row.roomId !== locked.roomId || row.onlineUrl !== locked.onlineUrl;
      // Consent to share one's name and e-mail with the host venue is a time stamp with no venue
      // attached: it was given to the venue the event was at. Moved to another venue (or online
      // only), the new venue's managers must not see it, so it ends here. Another room of the
      // same venue keeps it.
      if (row.venueId !== locked.venueId) await withdrawVenueConsents(tx, network.id, row.id);
      if (moved || relocated) await tellEventChanged(tx, row, moved);
      updated.push(row);
      if (locked.status === 'published') changed.push(row);
      else if (row.status === 'published') published.push(row);
    }
    if (published.length) await queueWebhooks(tx, network.id, 'event.published', eventsData(tx, published));
    if (changed.length) await queueWebhooks(tx, network.id, 'event.updated', eventsData(tx, changed));
    return updated.find((r) => r.id === event.id)!;
  });
}

/** Clears every consent to share with the host venue given for one event's registrations. */
async function withdrawVenueConsents(tx: Tx, networkId: string, eventId: string): Promise<void> {
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

async function venueSlugOf(db: Tx, _network: Network, event: EventRow): Promise<string | null> {
  if (!event.venueId) return null;
  const places = await q.selectPlaces(db, [event]);
  return places.venues.get(event.venueId)?.slug ?? null;
}

async function roomNameOf(db: Tx, _network: Network, event: EventRow): Promise<string | null> {
  if (!event.roomId) return null;
  const places = await q.selectPlaces(db, [event]);
  return places.rooms.get(event.roomId)?.name ?? null;
}

/** Cancels the event and every registration on it, keeping the reason for the attendees. */
export async function cancelEvent(db: Db, network: Network, id: string, reason: string): Promise<EventRow> {
  return db.transaction(async (tx) => {
    const event = await findEvent(tx, network, id, true);
    if (event.status === 'cancelled')
      throw new AppError('conflict', `This event was already cancelled (${event.cancelReason ?? 'no reason given'}).`);
    const row = await q.updateEvent(tx, id, {
      status: 'cancelled',
      cancelReason: reason,
      sequence: event.sequence + 1,
    });
    await cancelAllRegistrations(tx, id);
    await queueWebhooks(tx, network.id, 'event.cancelled', eventsData(tx, [row]));
    return row;
  });
}

/**
 * Keeps every series materialised twelve months ahead: new occurrences copy the latest one
 * (so "this and following" edits carry on) at the rule's next dates. Idempotent.
 */
export async function extendSeries(db: Db, now = new Date()): Promise<number> {
  const until = horizonFrom(now);
  const due = await db.select().from(eventSeries).where(lt(eventSeries.materialisedUntil, until));
  let added = 0;
  for (const s of due) {
    added += await db.transaction(async (tx) => {
      const [series] = await tx.select().from(eventSeries).where(eq(eventSeries.id, s.id)).for('update');
      if (!series || series.materialisedUntil >= until) return 0;
      const [latest] = await tx
        .select()
        .from(events)
        .where(eq(events.seriesId, series.id))
        .orderBy(desc(events.recurrenceId))
        .limit(1);
      const next = expandRule({
        rrule: series.rrule,
        firstStartLocal: series.firstStartLocal,
        timeZone: series.timeZone,
        exdates: series.exdates,
        until,
      }).filter((o) => o.start > series.materialisedUntil);
      let values: q.EventValues[] = [];
      if (latest) {
        const { id: _id, createdAt: _c, updatedAt: _u, ...template } = latest;
        const duration = latest.endsAt.getTime() - latest.startsAt.getTime();
        const time = wallClock(latest.startsAt, latest.timeZone);
        values = next.map(({ localDate }) => {
          const d = parseLocal(`${localDate}T00:00`);
          const start = new Date(
            fromWallClock({ ...d, hour: time.hour, minute: time.minute }, latest.timeZone).getTime() +
              (latest.startsAt.getTime() % 60_000),
          );
          return occurrenceOf(
            {
              ...template,
              status: template.status === 'cancelled' ? 'published' : template.status,
              cancelReason: null,
            },
            series.id,
            start,
            duration,
            latest.startsAt,
          );
        });
        if (latest.roomId) await refuseDoubleBooking(tx, latest.roomId, values, []).catch(() => (values = []));
      }
      await q.insertEvents(tx, values);
      await tx.update(eventSeries).set({ materialisedUntil: until }).where(eq(eventSeries.id, series.id));
      return values.length;
    });
  }
  return added;
}

export const listEvents = (db: Tx, network: Network, f: q.ListFilter) => q.selectEvents(db, network.id, f);
export const eventCounts = (db: Tx, ids: string[]) => q.selectCounts(db, ids);

/** Events as the API and the pages show them: with their place, chapter and seat counts. */
export async function viewEvents(db: Tx, rows: EventRow[]): Promise<EventView[]> {
  const [places, counts] = await Promise.all([
    q.selectPlaces(db, rows),
    q.selectCounts(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => presentEvent(r, places, counts.get(r.id)));
}

export const viewEvent = async (db: Tx, row: EventRow): Promise<EventView> => (await viewEvents(db, [row]))[0]!;
export const eventPlaces = (db: Tx, rows: EventRow[]) => q.selectPlaces(db, rows);

/** Upcoming events of the network or a chapter (published only, unless for the people who run them). */
export const upcomingEvents = (
  db: Tx,
  network: Network,
  f: { chapterId?: string; now?: Date; limit: number; includeUnpublished?: boolean },
) => q.selectUpcoming(db, network.id, { ...f, now: f.now ?? new Date() });

export async function findSeries(db: Tx, network: Network, id: string) {
  const [series] = /^[0-9a-f-]{36}$/i.test(id)
    ? await db
        .select()
        .from(eventSeries)
        .where(and(eq(eventSeries.networkId, network.id), eq(eventSeries.id, id)))
    : [];
  if (!series) throw notFound(`The series ${id}`);
  const occurrences = await db
    .select()
    .from(events)
    .where(eq(events.seriesId, series.id))
    .orderBy(asc(events.startsAt));
  return { series, occurrences };
}
