import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { formatDayTime, formatRange } from '../events/format.js';
import { AddToCalendar } from '../calendar/components.js';
import { EventPlace } from '../events/components.js';
import { findEvent, viewEvent } from '../events/service.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { cancelRegistration, findBySecret, waitlistPosition, withdrawVenueConsent } from './service.js';
import { eventPath } from '../web/event-path.js';
import { Localized, localized } from '../web/content.js';

// The attendee's ticket, reached by the secret link of their registration: whoever holds the
// link holds the registration (see registrationPolicy.isAttendee), so no sign-in is asked.

async function ticketPage(
  db: Db,
  config: Config,
  req: FastifyRequest<{ Params: { secret: string } }>,
  reply: FastifyReply,
) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const reg = await findBySecret(db, req.network, req.params.secret);
  const row = await findEvent(db, req.network, reg.eventId);
  const position = await waitlistPosition(db, reg);
  const view = await viewEvent(db, row);
  const venueName = view.venue?.name;
  // The QR code opens the door page of the event with this code: an organiser's phone camera is the scanner.
  const qr =
    reg.status === 'confirmed'
      ? await QRCode.toString(`${config.baseUrl}/admin/events/${row.id}/door?code=${reg.checkInCode}`, {
          type: 'svg',
          margin: 1,
          errorCorrectionLevel: 'M',
        })
      : '';
  return sendPage(
    reply.header('referrer-policy', 'no-referrer'),
    <Layout ctx={ctx} title={t('ticket.title')}>
      <h1>{t('ticket.title')}</h1>
      <p>
        <a href={eventPath(row)}>
          <Localized value={localized(row, 'title', ctx.locale)} t={t} />
        </a>{' '}
        — {formatRange(row.startsAt, row.endsAt, row.timeZone, ctx.locale)}
      </p>
      <p>
        <strong>{reg.name}</strong> ({reg.email})
      </p>
      {/* What a ticket is for: where to go, a map, and the date in one's calendar. */}
      {reg.status !== 'cancelled' ? (
        <>
          <dl>
            <dt>{t('eventShare.where')}</dt>
            <dd>
              <EventPlace ctx={ctx} view={view} />
            </dd>
          </dl>
          {row.status !== 'cancelled' ? <AddToCalendar ctx={ctx} view={view} baseUrl={config.baseUrl} /> : null}
        </>
      ) : null}
      {/* A cancelled registration is no ticket: no green "you're in" box, and a way back in. */}
      <p
        class={reg.status === 'cancelled' ? 'errors' : 'notice'}
        role="status"
        id="registration-status"
        data-status={reg.status}
      >
        {reg.status === 'confirmed'
          ? t('ticket.confirmed')
          : reg.status === 'waitlisted'
            ? t('ticket.waitlisted', { position: position ?? 0 })
            : row.status === 'cancelled'
              ? t('event.cancelled', { reason: row.cancelReason ?? '' })
              : t('ticket.cancelled')}
      </p>
      {reg.status === 'confirmed' ? (
        <figure class="ticket">
          <div
            class="qr"
            role="img"
            aria-label={`${t('ticket.code')}: ${reg.checkInCode}`}
            dangerouslySetInnerHTML={{ __html: qr }}
          />
          <figcaption>
            {t('ticket.code')}: <code>{reg.checkInCode}</code>
          </figcaption>
        </figure>
      ) : null}
      {venueName || reg.sharedWithVenueAt ? (
        <section id="venue-consent" data-shared={reg.sharedWithVenueAt ? 'yes' : 'no'}>
          <h2>{t('consent.heading')}</h2>
          {reg.sharedWithVenueAt ? (
            <>
              <p>
                {t('consent.sharedAt', {
                  venue: venueName ?? '',
                  when: formatDayTime(reg.sharedWithVenueAt, ctx.locale, 'long', { timeZone: row.timeZone }),
                })}
              </p>
              <form method="post" action={`/r/${req.params.secret}/venue-consent/withdraw`} novalidate>
                <CsrfField ctx={ctx} />
                <button type="submit">{t('consent.withdraw')}</button>
              </form>
            </>
          ) : (
            <p>{t('consent.notShared')}</p>
          )}
        </section>
      ) : null}
      {reg.status === 'cancelled' ? (
        row.status !== 'cancelled' && row.startsAt > new Date() ? (
          <p>
            <a href={eventPath(row)}>{t('ticket.registerAgain')}</a>
          </p>
        ) : null
      ) : (
        <p class="muted">{t('ticket.keepLink')}</p>
      )}
      {reg.status !== 'cancelled' ? (
        // A page that asks first: the seat goes to someone else at once and cannot be taken back.
        <p>
          <a href={`/r/${req.params.secret}/cancel`} class="button danger">
            {t('ticket.cancel')}
          </a>
        </p>
      ) : null}
    </Layout>,
  );
}

/** "Cancel your registration?": what it costs, then the button; a cancelled one goes back to the ticket. */
async function cancelPage(db: Db, req: FastifyRequest<{ Params: { secret: string } }>, reply: FastifyReply) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const reg = await findBySecret(db, req.network, req.params.secret);
  if (reg.status === 'cancelled') return reply.redirect(`/r/${req.params.secret}`, 303);
  const row = await findEvent(db, req.network, reg.eventId);
  const position = await waitlistPosition(db, reg);
  const title = localized(row, 'title', ctx.locale);
  return sendPage(
    reply.header('referrer-policy', 'no-referrer'),
    <Layout ctx={ctx} title={t('ticketCancel.title')}>
      <h1>{t('ticketCancel.title')}</h1>
      <p>
        <strong>
          <Localized value={title} t={t} />
        </strong>{' '}
        — {formatRange(row.startsAt, row.endsAt, row.timeZone, ctx.locale)}
      </p>
      <p>
        {reg.status === 'waitlisted'
          ? t('ticketCancel.waitlisted', { position: position ?? 0 })
          : t('ticketCancel.confirmed')}
      </p>
      <form method="post" action={`/r/${req.params.secret}/cancel`} class="actions" novalidate>
        <CsrfField ctx={ctx} />
        <button type="submit" class="danger">
          {t('ticketCancel.submit')}
        </button>{' '}
        <a href={`/r/${req.params.secret}`}>{t('ticketCancel.keep')}</a>
      </form>
    </Layout>,
  );
}

export function ticketPages(app: FastifyInstance, db: Db, config: Config): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get<{ Params: { secret: string } }>('/r/:secret', (req, reply) => ticketPage(db, config, req, reply));

  app.post<{ Params: { secret: string } }>('/r/:secret/venue-consent/withdraw', csrf, async (req, reply) => {
    await withdrawVenueConsent(db, req.network, req.params.secret);
    return reply.redirect(`/r/${req.params.secret}`, 303);
  });

  app.get<{ Params: { secret: string } }>('/r/:secret/cancel', (req, reply) => cancelPage(db, req, reply));

  app.post<{ Params: { secret: string } }>('/r/:secret/cancel', csrf, async (req, reply) => {
    const reg = await findBySecret(db, req.network, req.params.secret);
    await cancelRegistration(db, req.network, reg.id, 'attendee');
    return reply.redirect(`/r/${req.params.secret}`, 303);
  });
}
