import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { findEvent } from '../events/service.js';
import { Localized, localized } from '../web/content.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { authorizeRegistrations } from './policy.js';
import { confirmedCount, findRegistration, roomSeats, waitlistPosition } from './service.js';

/**
 * "Confirm Ana from the waiting list?": confirming by hand passes the people ahead of her and, on a
 * full event, adds a seat. Said before, in numbers, so it is never done by a stray tap. When the room
 * has no seat left to add, the page says so and offers no button (the service refuses it too).
 */
export async function confirmPage(db: Db, req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
  const reg = await findRegistration(db, req.network, req.params.id);
  const row = await findEvent(db, req.network, reg.eventId);
  await authorizeRegistrations(db, req.user, row, 'run this event');
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const back = `/admin/events/${row.id}/registrations`;
  const title = t('registrations.confirmTitle', { name: reg.name });
  const position = await waitlistPosition(db, reg);
  const confirmed = await confirmedCount(db, row.id);
  const free = Math.max(0, row.capacity - confirmed);
  const limit = free > 0 ? null : await roomSeats(db, row);
  const roomFull = limit !== null && confirmed + 1 > limit.seats;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <Localized value={localized(row, 'title', ctx.locale)} t={t} />
      </p>
      {reg.status !== 'waitlisted' || position === undefined ? (
        <p class="muted">{t('registrations.notWaitlisted')}</p>
      ) : (
        <>
          <p>{t('registrations.confirmPosition', { name: reg.name, position, ahead: position - 1 })}</p>
          <p id="confirm-seats">
            <strong>
              {roomFull
                ? t('registration.problem.roomFull', { ...limit, name: reg.name })
                : free > 0
                  ? t('registrations.confirmFree', { free, name: reg.name })
                  : t('registrations.confirmFull', { confirmed, capacity: row.capacity, next: confirmed + 1 })}
            </strong>
          </p>
          {!roomFull && (
            <>
              <p>{t('registrations.confirmMail', { name: reg.name })}</p>
              <form method="post" action={`/admin/registrations/${reg.id}/confirm`} novalidate>
                <CsrfField ctx={ctx} />
                <button type="submit">{t('registrations.confirmSubmit', { name: reg.name })}</button>
              </form>
            </>
          )}
        </>
      )}
      <p>
        <a href={back}>{t('registrations.back')}</a>
      </p>
    </Layout>,
  );
}
