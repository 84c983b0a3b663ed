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
  /** The room's name as written, to name it when the capacity is more than its seats. */
  roomName: string | null;
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
    return { venueId: null, roomId: null, roomCapacity: null, roomName: null, onlineUrl };
  }
  const venue = await findVenue(db, network, venueSlug).catch(() => {
    throw new AppError('validation', msg('event.error.noVenue', { venue: venueSlug }), [
      { field: 'venue', message: msg('event.error.unknownVenue') },
    ]);
  });
  const rooms = (await roomsOf(db, network, [venue.id])).get(venue.id) ?? [];
  if (!roomName)
    return { venueId: venue.id, roomId: null, roomCapacity: null, roomName: null, onlineUrl: onlineUrl ?? null };
  const room = rooms.find((r) => r.name.toLowerCase() === roomName.toLowerCase());
  if (!room) {
    const known = rooms.map((r) => r.name).join(', ') || 'none';
    throw new AppError('validation', msg('event.error.noRoom', { venue: venue.name, room: roomName, rooms: known }), [
      { field: 'room', message: msg('event.error.unknownRoom') },
    ]);
  }
  return {
    venueId: venue.id,
    roomId: room.id,
    roomCapacity: room.capacity,
    roomName: room.name,
    onlineUrl: onlineUrl ?? null,
  };
}

/** A room's seats are the most its event can take: 500 people are not let into a 10-seat room. */
export function refuseOverRoom(capacity: number, place: Pick<Place, 'roomCapacity' | 'roomName'>) {
  if (place.roomCapacity === null || capacity <= place.roomCapacity) return;
  const said = { room: place.roomName ?? '', seats: place.roomCapacity };
  throw new AppError('validation', msg('event.problem.overRoom', { ...said, capacity }), [
    { field: 'capacity', message: msg('event.problem.overRoomField', said) },
  ]);
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
