import { findChapter } from '../chapters/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { eventData, queueWebhooks } from '../webhooks/outbox.js';
import { AppError, notFound } from '../web/errors.js';
import { isUuid } from '../web/schemas.js';
import { checkWindow, refuseDoubleBooking, refuseOverRoom, resolvePlace } from './places.js';
import * as q from './queries.js';
import { expandRule, normaliseRrule } from './recurrence.js';
import { eventPolicy } from './policy.js';
import { presentEvent } from './present.js';
import type { EventCreate, EventView } from './schemas.js';
import { fromWallClock, localString, parseLocal, wallClock } from './time.js';
import { msg } from '../web/i18n.js';
import { cleanTranslations } from '../web/content.js';
export { eventForCover, setEventCover } from './cover.js';

export type { EventRow } from './queries.js';
export { checkWindow, refuseDoubleBooking, refuseOverRoom, resolvePlace } from './places.js';
// Pure helpers other features use: wall-clock time in a zone, and the sanitised Markdown of descriptions.
export { markdownToText, renderMarkdown } from './markdown.js';
export { fromWallClock, localString, pad, parseLocal, wallClock } from './time.js';
export { localizedQuestion, originalChoice } from './questions.js';
type EventRow = q.EventRow;

/** Whether the actor runs this event (its chapter's organisers, admins): for other features' own rules. */
export const manageEventAllowed = (
  db: Tx,
  actor: Parameters<typeof eventPolicy.manageEvent>[1],
  event: { chapterId: string; networkId: string },
) => eventPolicy.manageEvent(db, actor, event);

/** Webhook payloads of events with their chapter's slug, looked up only when an endpoint listens. */
const eventsData = (tx: Tx, rows: EventRow[]) => async () => {
  const { chapters } = await q.selectPlaces(tx, rows);
  return rows.map((r) => eventData(r, chapters.get(r.chapterId)?.slug));
};

/** Queues the webhooks of a change to events, inside the transaction that made it. */
export const queueEventWebhooks = (
  tx: Tx,
  networkId: string,
  kind: 'event.published' | 'event.updated' | 'event.cancelled',
  rows: EventRow[],
) => queueWebhooks(tx, networkId, kind, eventsData(tx, rows));

/** Writes new values of an event (bumping nothing by itself: the caller sets `sequence`). */
export const writeEvent = (tx: Tx, id: string, patch: Parameters<typeof q.updateEvent>[2]) =>
  q.updateEvent(tx, id, patch);

/** A series' occurrences from a date on, in order. */
export const seriesOccurrences = (tx: Tx, seriesId: string, from: Date) =>
  q.selectSeriesOccurrences(tx, seriesId, from);

/** How far ahead a series' occurrences exist as events; a scheduled job keeps extending it. */
export const HORIZON_MONTHS = 12;
function horizonFrom(now: Date): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() + HORIZON_MONTHS);
  return d;
}

export async function findEvent(db: Tx, network: Network, id: string, lock = false): Promise<EventRow> {
  const row = isUuid(id) ? await q.selectEvent(db, network.id, id, lock) : undefined;
  if (!row) throw notFound(msg('event.problem.theEvent', { id }));
  return row;
}

/** Creates a one-off event, or a series and its occurrences over the horizon. Returns the first event. */
export async function createEvent(
  db: Db,
  network: Network,
  chapterSlug: string,
  input: Omit<EventCreate, 'language'> & { language?: EventCreate['language'] },
  now = new Date(),
): Promise<{ event: EventRow; occurrences: number }> {
  return db.transaction(async (tx) => {
    const chapter = await findChapter(tx, network, chapterSlug);
    const place = await resolvePlace(tx, network, input.venue, input.room, input.onlineUrl);
    const capacity = input.capacity ?? place.roomCapacity;
    if (!capacity)
      throw new AppError('validation', msg('event.problem.capacityNeeded'), [
        { field: 'capacity', message: msg('event.problem.capacityWithoutRoom') },
      ]);
    refuseOverRoom(capacity, place);
    checkWindow(input.registrationOpensAt, input.registrationClosesAt);
    const template: q.EventValues = {
      networkId: network.id,
      chapterId: chapter.id,
      title: input.title,
      description: input.description,
      language: input.language ?? 'fr',
      translations: cleanTranslations(input.translations),
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
      throw new AppError('validation', msg('event.problem.noOccurrence'), [
        { field: 'recurrence.rrule', message: msg('event.problem.noOccurrenceField') },
      ]);
    const durationMs = input.endsAt.getTime() - input.startsAt.getTime();
    const series = await q.insertSeries(tx, {
      networkId: network.id,
      chapterId: chapter.id,
      rrule: normaliseRrule(input.recurrence.rrule),
      exdates: input.recurrence.exdates,
      timeZone: input.timeZone,
      firstStartLocal,
      durationMinutes: Math.round(durationMs / 60_000),
      materialisedUntil: until,
    });
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
 * Keeps every series materialised twelve months ahead: new occurrences copy the latest one
 * (so "this and following" edits carry on) at the rule's next dates. Idempotent.
 */
export async function extendSeries(db: Db, now = new Date()): Promise<number> {
  const until = horizonFrom(now);
  const due = await q.selectSeriesDue(db, until);
  let added = 0;
  for (const s of due) {
    added += await db.transaction(async (tx) => {
      const series = await q.lockSeries(tx, s.id);
      if (!series || series.materialisedUntil >= until) return 0;
      const latest = await q.selectLatestOccurrence(tx, series.id);
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
      await q.updateSeriesHorizon(tx, series.id, until);
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
  const series = isUuid(id) ? await q.selectSeries(db, network.id, id) : undefined;
  if (!series) throw notFound(msg('event.problem.theSeries', { id }));
  const occurrences = await q.selectAllOccurrences(db, series.id);
  return { series, occurrences };
}

/** Published events for the public lists (/events, a chapter's or venue's past and upcoming events). */
export const listPublicEvents = (db: Tx, network: Network, f: q.PublicFilter) =>
  q.selectPublicEvents(db, network.id, f);
export type PublicEvent = Awaited<ReturnType<typeof q.selectPublicEvents>>[number];
