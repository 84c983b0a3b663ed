import type { Db, Tx } from '../db/connection.js';
import {
  checkWindow,
  type EventRow,
  eventPlaces,
  findEvent,
  queueEventWebhooks,
  refuseDoubleBooking,
  refuseOverRoom,
  resolvePlace,
  seriesOccurrences,
  writeEvent,
} from '../events/service.js';
import { END_BEFORE_START, type EventUpdate } from '../events/schemas.js';
import { fromWallClock, localString, wallClock } from '../events/service.js';
import type { Network } from '../networks/service.js';
import {
  confirmedCount,
  promoteFromWaitlist,
  tellEventChanged,
  withdrawVenueConsents,
} from '../registrations/service.js';
import { AppError } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import { cleanTranslations } from '../web/content.js';

// A change of an event reaches its registrations (promotion, notices, consents): it lives above
// both features, in one transaction, in the spirit of pretix's `cancelevent`. The lock order is
// the registrations' one: the event row first (findEvent with lock), then its registrations.

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
    if (event.status === 'cancelled') throw new AppError('conflict', msg('event.problem.cancelledFrozen'));
    let targets: EventRow[] = [event];
    if (scope !== 'occurrence' && event.seriesId) {
      const from = scope === 'following' ? (event.recurrenceId ?? event.startsAt) : new Date(0);
      targets = (await seriesOccurrences(tx, event.seriesId, from)).filter((e) => e.id === event.id || e.endsAt > now);
    }
    const currentPlace = async () =>
      resolvePlace(
        tx,
        network,
        patch.venue !== undefined ? patch.venue : await venueSlugOf(tx, network, event),
        patch.room !== undefined ? patch.room : await roomNameOf(tx, network, event),
        patch.onlineUrl !== undefined ? patch.onlineUrl : event.onlineUrl,
      );
    const place =
      patch.venue !== undefined || patch.room !== undefined || patch.onlineUrl !== undefined
        ? await currentPlace()
        : undefined;
    // A new capacity or a new room is held to the room's seats; an event left as it was is not re-judged.
    const seatsOf = place ?? (patch.capacity !== undefined && event.roomId ? await currentPlace() : undefined);
    checkWindow(
      patch.registrationOpensAt !== undefined ? patch.registrationOpensAt : event.registrationOpensAt,
      patch.registrationClosesAt !== undefined ? patch.registrationClosesAt : event.registrationClosesAt,
    );
    const timeZone = patch.timeZone ?? event.timeZone;
    const newStart = patch.startsAt ?? event.startsAt;
    const newEnd = patch.endsAt ?? event.endsAt;
    if (newEnd <= newStart)
      throw new AppError('validation', msg('event.problem.endAfterStart'), [
        { field: 'endsAt', message: msg(END_BEFORE_START) },
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
      // The same capacity in the same room is the event as it was (an over-full event from before this
      // rule is edited, not locked out); only a new number or a new room is judged.
      const asItWas = capacity === locked.capacity && (place ? place.roomId : locked.roomId) === locked.roomId;
      if (seatsOf && !asItWas) refuseOverRoom(capacity, seatsOf);
      const confirmed = await confirmedCount(tx, locked.id);
      if (capacity < confirmed) {
        throw new AppError(
          'conflict',
          msg('event.problem.capacityBelow', {
            confirmed,
            title: locked.title,
            date: localString(locked.startsAt, locked.timeZone).slice(0, 10),
          }),
          [{ field: 'capacity', message: msg('validation.min', { min: confirmed }) }],
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
      const row = await writeEvent(tx, locked.id, {
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.language !== undefined ? { language: patch.language } : {}),
        ...(patch.translations !== undefined ? { translations: cleanTranslations(patch.translations) } : {}),
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
    if (published.length) await queueEventWebhooks(tx, network.id, 'event.published', published);
    if (changed.length) await queueEventWebhooks(tx, network.id, 'event.updated', changed);
    return updated.find((r) => r.id === event.id)!;
  });
}

async function venueSlugOf(db: Tx, _network: Network, event: EventRow): Promise<string | null> {
  if (!event.venueId) return null;
  const places = await eventPlaces(db, [event]);
  return places.venues.get(event.venueId)?.slug ?? null;
}

async function roomNameOf(db: Tx, _network: Network, event: EventRow): Promise<string | null> {
  if (!event.roomId) return null;
  const places = await eventPlaces(db, [event]);
  return places.rooms.get(event.roomId)?.name ?? null;
}
