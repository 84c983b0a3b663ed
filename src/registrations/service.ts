import type { Db, Tx } from '../db/connection.js';
import { type EventRow, eventPlaces, findEvent } from '../events/service.js';
import { dropReminders, moveReminders, queueRegistrationMails, remindersFor } from '../mail/outbox.js';
import type { Network } from '../networks/service.js';
import { msg } from '../web/i18n.js';
import { AppError, notFound } from '../web/errors.js';
import { isUuid } from '../web/schemas.js';
import { queueWebhooks, registrationData } from '../webhooks/outbox.js';
import * as q from './queries.js';
import type { RegistrationRow } from './queries.js';

export type { RegistrationRow } from './queries.js';
export { type RegisterOptions, registerForEvent, registrationBurst } from './register.js';
export { waitlistPosition, waitlistPositions } from './positions.js';
export { GOING_SHOWN, type WhoIsGoing, WhoIsGoingSchema, whoIsGoing } from './going.js';
export { undoCheckIn } from './undo-check-in.js';

export const confirmedCount = (db: Tx, eventId: string): Promise<number> => q.countConfirmed(db, eventId);

/**
 * Gives free seats to the head of the waitlist, in arrival order. Runs inside the transaction
 * that freed the seats, with the event row locked, so two cancellations never promote the
 * same person nor leave a seat empty.
 */
export async function promoteFromWaitlist(tx: Tx, event: EventRow): Promise<RegistrationRow[]> {
  const free = event.capacity - (await confirmedCount(tx, event.id));
  if (free <= 0 || event.status === 'cancelled') return [];
  const heads = await q.selectWaitlistHeads(tx, event.id, free);
  if (heads.length === 0) return [];
  const promoted = await q.confirmRegistrations(
    tx,
    heads.map((h) => h.id),
  );
  await queueRegistrationMails(tx, [
    ...promoted.map((r) => ({ kind: 'registration.promoted' as const, networkId: r.networkId, registration: r })),
    ...remindersFor(event, promoted, event.networkId),
  ]);
  await queueWebhooks(
    tx,
    event.networkId,
    'registration.promoted',
    promoted.map((r) => registrationData(r)),
  );
  return promoted;
}

/**
 * The event moved to another venue (or online only): consents to share with the host venue were
 * given to the old one, so they end here.
 */
export const withdrawVenueConsents = (tx: Tx, networkId: string, eventId: string) =>
  q.clearVenueConsents(tx, networkId, eventId);

/** The event is cancelled: every live registration is cancelled and told, and loses its reminder. */
export async function cancelAllRegistrations(tx: Tx, eventId: string): Promise<number> {
  const rows = await q.cancelLiveOfEvent(tx, eventId);
  await dropReminders(
    tx,
    rows.map((r) => r.id),
  );
  await queueRegistrationMails(
    tx,
    rows.map((r) => ({ kind: 'event.cancelled' as const, networkId: r.networkId, registration: r })),
  );
  if (rows.length)
    await queueWebhooks(
      tx,
      rows[0]!.networkId,
      'registration.cancelled',
      rows.map((r) => registrationData(r)),
    );
  return rows.length;
}

/** The time or place changed: everyone still registered is told, and reminders follow the event. */
export async function tellEventChanged(tx: Tx, event: EventRow, timeChanged: boolean): Promise<void> {
  if (timeChanged) await moveReminders(tx, event.id, event.startsAt);
  if (event.status !== 'published') return;
  const live = await q.selectLiveOfEvent(tx, event.id);
  await queueRegistrationMails(
    tx,
    live.map((r) => ({ kind: 'event.changed' as const, networkId: r.networkId, registration: r })),
  );
}

export async function findRegistration(db: Tx, network: Network, id: string, lock = false): Promise<RegistrationRow> {
  const row = isUuid(id) ? await q.selectRegistration(db, network.id, id, lock) : undefined;
  if (!row) throw notFound(msg('registration.problem.theRegistration', { id }));
  return row;
}

export async function findBySecret(db: Tx, network: Network, secret: string): Promise<RegistrationRow> {
  const row = await q.selectBySecret(db, network.id, secret);
  if (!row) throw notFound(msg('registration.problem.link'));
  return row;
}

/** The attendee withdraws their consent to share their name and e-mail with the host venue. */
export async function withdrawVenueConsent(db: Tx, network: Network, secret: string): Promise<RegistrationRow> {
  const reg = await findBySecret(db, network, secret);
  if (!reg.sharedWithVenueAt) return reg;
  return q.updateRegistration(db, reg.id, { sharedWithVenueAt: null });
}

/** Frees the seat and, in the same transaction, gives it to the head of the waitlist. */
export async function cancelRegistration(
  db: Db,
  network: Network,
  id: string,
  by: 'attendee' | 'organizer',
): Promise<{ registration: RegistrationRow; promoted: RegistrationRow[] }> {
  return db.transaction(async (tx) => {
    const current = await findRegistration(tx, network, id);
    // Lock order: event first, then registration — the same order as registerForEvent.
    const event = await findEvent(tx, network, current.eventId, true);
    const reg = await findRegistration(tx, network, id, true);
    if (reg.status === 'cancelled') return { registration: reg, promoted: [] };
    const registration = await q.updateRegistration(tx, id, {
      status: 'cancelled',
      cancelledAt: new Date(),
      cancelledBy: by,
    });
    await dropReminders(tx, [id]);
    // Whoever cancels, the person hears it in their language; with a seat they had an invitation,
    // so the mail carries its METHOD:CANCEL (RFC 5546) and their calendar drops the event.
    await queueRegistrationMails(tx, [
      {
        kind: 'registration.cancelled',
        networkId: network.id,
        registration,
        hadSeat: reg.status === 'confirmed',
        by,
      },
    ]);
    await queueWebhooks(tx, network.id, 'registration.cancelled', registrationData(registration));
    const promoted = reg.status === 'confirmed' ? await promoteFromWaitlist(tx, event) : [];
    return { registration, promoted };
  });
}

/** The room an event is held in and its seats: the most the event can ever take, or null without a room. */
export async function roomSeats(db: Tx, event: EventRow): Promise<{ room: string; seats: number } | null> {
  if (!event.roomId) return null;
  const room = (await eventPlaces(db, [event])).rooms.get(event.roomId);
  return room ? { room: room.name, seats: room.capacity } : null;
}

/**
 * An organiser moves a waitlisted person to confirmed, out of arrival order. When no seat is
 * free the capacity grows by one, so nobody confirmed loses their seat — but never past the
 * room's seats (see DECISIONS.md, "An event's capacity is held to its room's seats").
 */
export async function confirmByHand(db: Db, network: Network, id: string): Promise<RegistrationRow> {
  return db.transaction(async (tx) => {
    const current = await findRegistration(tx, network, id);
    const event = await findEvent(tx, network, current.eventId, true);
    const reg = await findRegistration(tx, network, id, true);
    if (reg.status !== 'waitlisted')
      throw new AppError('conflict', msg('registration.problem.notWaitlisted', { status: reg.status }));
    const confirmed = await confirmedCount(tx, event.id);
    if (confirmed >= event.capacity) {
      const limit = await roomSeats(tx, event);
      if (limit && confirmed + 1 > limit.seats)
        throw new AppError('conflict', msg('registration.problem.roomFull', { ...limit, name: reg.name }));
      await q.growCapacity(tx, event.id, confirmed + 1, event.sequence + 1);
    }
    const row = await q.updateRegistration(tx, id, { status: 'confirmed', promotedAt: new Date() });
    await queueRegistrationMails(tx, [
      { kind: 'registration.promoted', networkId: row.networkId, registration: row },
      ...remindersFor(event, [row], event.networkId),
    ]);
    await queueWebhooks(tx, network.id, 'registration.promoted', registrationData(row));
    return row;
  });
}

/** Checks a ticket in at the door; a ticket of another event is refused, a second scan is harmless. */
export async function checkIn(
  db: Db,
  network: Network,
  eventId: string,
  code: string,
  now = new Date(),
): Promise<{ registration: RegistrationRow; already: boolean }> {
  const normalised = code.trim().toUpperCase();
  return db.transaction(async (tx) => {
    const event = await findEvent(tx, network, eventId);
    const reg = await q.selectByCheckInCode(tx, event.id, normalised);
    if (!reg) {
      const elsewhere = await q.selectTicketElsewhere(tx, network.id, normalised);
      if (elsewhere)
        throw new AppError('conflict', msg('registration.error.ticketElsewhere', { title: elsewhere.title }), [
          { field: 'code', message: msg('registration.error.otherEvent') },
        ]);
      throw new AppError('not_found', msg('registration.error.noTicket'), [
        { field: 'code', message: msg('registration.error.unknownCode') },
      ]);
    }
    if (reg.status !== 'confirmed')
      throw new AppError('conflict', msg('registration.error.noSeat', { name: reg.name, status: reg.status }));
    if (reg.checkedInAt) return { registration: reg, already: true };
    const row = await q.updateRegistration(tx, reg.id, { checkedInAt: now });
    return { registration: row, already: false };
  });
}

export const listRegistrations = q.selectRegistrations;

/** A person's registrations across events (by e-mail), newest first, for attendance and no-shows. */
export const attendanceOf = (db: Tx, network: Network, email: string, chapterIds: string[] | 'all') =>
  q.selectAttendance(db, network.id, email, chapterIds);

/** The signed-in member's live registration for an event (by account, or by their e-mail). */
export const findOwnRegistration = (
  db: Tx,
  network: Network,
  eventId: string,
  user: { id: string; email: string },
): Promise<RegistrationRow | undefined> => q.selectOwn(db, network.id, eventId, user);
