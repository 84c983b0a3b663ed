import { recordAudit } from '../audit/service.js';
import type { Db } from '../db/connection.js';
import { type EventRow, findEvent, queueEventWebhooks, writeEvent } from '../events/service.js';
import type { Network } from '../networks/service.js';
import { cancelAllRegistrations } from '../registrations/service.js';
import { AppError } from '../web/errors.js';
import { msg } from '../web/i18n.js';

// Above events and registrations: cancelling an event cancels, tells and unschedules every
// registration on it, in the transaction that holds the event row's lock.

/** Cancels the event and every registration on it, keeping the reason for the attendees; audited. */
export async function cancelEvent(
  db: Db,
  network: Network,
  id: string,
  reason: string,
  actor: { id: string; email: string } | null = null,
): Promise<EventRow> {
  return db.transaction(async (tx) => {
    const event = await findEvent(tx, network, id, true);
    if (event.status === 'cancelled')
      throw new AppError(
        'conflict',
        event.cancelReason
          ? msg('event.problem.alreadyCancelled', { reason: event.cancelReason })
          : msg('event.problem.alreadyCancelledNoReason'),
      );
    const row = await writeEvent(tx, id, {
      status: 'cancelled',
      cancelReason: reason,
      sequence: event.sequence + 1,
    });
    const told = await cancelAllRegistrations(tx, id);
    await queueEventWebhooks(tx, network.id, 'event.cancelled', [row]);
    await recordAudit(tx, {
      networkId: network.id,
      actor,
      action: 'event.cancel',
      subject: event.title,
      details: { eventId: event.id, startsAt: event.startsAt.toISOString(), reason, told },
    });
    return row;
  });
}
