import type { EventRow } from '../events/service.js';
import type { RegistrationRow } from './queries.js';
import type { RegistrationView } from './schemas.js';

/** A registration as the API shows it; attendance is known once the event has ended. */
export function presentRegistration(
  r: RegistrationRow,
  event: Pick<EventRow, 'endsAt'>,
  position: number | undefined,
  now = new Date(),
): RegistrationView {
  const ended = event.endsAt <= now;
  return {
    id: r.id,
    eventId: r.eventId,
    name: r.name,
    email: r.email,
    status: r.status,
    ...(position !== undefined ? { waitlistPosition: position } : {}),
    answers: r.answers,
    checkedInAt: r.checkedInAt?.toISOString() ?? null,
    attendance:
      r.status === 'confirmed' && ended ? (r.checkedInAt ? 'attended' : 'no-show') : r.checkedInAt ? 'attended' : null,
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    sharedWithVenueAt: r.sharedWithVenueAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}
