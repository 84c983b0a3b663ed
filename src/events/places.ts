import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { findVenue, roomsOf } from '../venues/service.js';
import { msg } from '../web/i18n.js';
import { AppError } from '../web/errors.js';
import * as q from './queries.js';
import { localString } from './time.js';

// Where and when an event may take place: its venue and room, a room booked once at a time, a
// registration window that closes after it opens. Shared by creating and changing events.

export interface Place {
  venueId: string | null;
  roomId: string | null;
  roomCapacity: number | null;
  onlineUrl: string | null;
}

/** Venue slug + room name → ids; an event happens in a room, online, or both. */
export async function resolvePlace(
  db: Tx,
  network: Network,
  venueSlug: string | null | undefined,
  roomName: string | null | undefined,
  onlineUrl: string | null | undefined,
): Promise<Place> {
  if (!venueSlug) {
    if (roomName)
      throw new AppError('validation', msg('event.error.roomNeedsVenue'), [
        { field: 'venue', message: msg('event.error.venueWhenRoom') },
      ]);
    if (!onlineUrl)
      throw new AppError('validation', msg('event.error.placeNeeded'), [
        { field: 'venue', message: msg('event.error.venueOrOnline') },
      ]);
    return { venueId: null, roomId: null, roomCapacity: null, onlineUrl };
  }
  const venue = await findVenue(db, network, venueSlug).catch(() => {
    throw new AppError('validation', msg('event.error.noVenue', { venue: venueSlug }), [
      { field: 'venue', message: msg('event.error.unknownVenue') },
    ]);
  });
  const rooms = (await roomsOf(db, network, [venue.id])).get(venue.id) ?? [];
  if (!roomName) return { venueId: venue.id, roomId: null, roomCapacity: null, onlineUrl: onlineUrl ?? null };
  const room = rooms.find((r) => r.name.toLowerCase() === roomName.toLowerCase());
  if (!room) {
    const known = rooms.map((r) => r.name).join(', ') || 'none';
    throw new AppError('validation', msg('event.error.noRoom', { venue: venue.name, room: roomName, rooms: known }), [
      { field: 'room', message: msg('event.error.unknownRoom') },
    ]);
  }
  return { venueId: venue.id, roomId: room.id, roomCapacity: room.capacity, onlineUrl: onlineUrl ?? null };
}

/** A room holds one event at a time: 409 naming the event already there. */
export async function refuseDoubleBooking(
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
      throw new AppError('conflict', msg('event.error.roomBooked', { title: other.title, when, id: other.id }), [
        { field: 'room', message: msg('event.error.bookedBy', { title: other.title }) },
      ]);
    }
  }
}

export function checkWindow(opens: Date | null | undefined, closes: Date | null | undefined) {
  if (opens && closes && closes <= opens)
    throw new AppError('validation', msg('event.error.window'), [
      { field: 'registrationClosesAt', message: msg('event.error.closesAfterOpens') },
    ]);
}
