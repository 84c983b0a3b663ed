import type { Db } from '../db/connection.js';
import { findEvent } from '../events/service.js';
import type { Network } from '../networks/service.js';
import { AppError } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import { isUuid } from '../web/schemas.js';
import * as q from './queries.js';
import type { RegistrationRow } from './queries.js';

/**
 * Undoes a check-in made by mistake at the door (the wrong name tapped on a crowded list): the
 * person is expected again. Harmless on someone not checked in; refused for another event's ticket.
 */
export async function undoCheckIn(
  db: Db,
  network: Network,
  eventId: string,
  registrationId: string,
): Promise<RegistrationRow> {
  return db.transaction(async (tx) => {
    const event = await findEvent(tx, network, eventId);
    const reg = isUuid(registrationId) ? await q.selectRegistration(tx, network.id, registrationId, true) : undefined;
    if (!reg || reg.eventId !== event.id) throw new AppError('not_found', msg('registration.error.noTicket'));
    if (!reg.checkedInAt) return reg;
    return q.updateRegistration(tx, reg.id, { checkedInAt: null });
  });
}
