import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { cancelEvent } from '../event-changes/service.js';
import { ErrorSummary, Field, formError, parseForm, type FormErrors, type FormValues } from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { formatRange } from './format.js';
import { authorizeEvent } from './policy.js';
import { EventCancelSchema } from './schemas.js';
import * as events from './service.js';

type IdParams = { Params: { id: string } };

/**
 * Cancelling an event tells everyone registered and cannot be undone: the organiser first sees
 * how many people will get the e-mail, then confirms with the reason they will read.
 */
async function cancelPage(
  db: Db,
  req: FastifyRequest<IdParams>,
  reply: FastifyReply,
  form?: { values: FormValues; errors: FormErrors },
  status = 200,
) {
  const row = await events.findEvent(db, req.network, req.params.id);
  await authorizeEvent(db, req.user, row, 'cancel this event');
  if (row.status === 'cancelled') return reply.redirect(`/admin/events/${row.id}`, 303);
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const view = await events.viewEvent(db, row);
  const counts = {
    confirmed: view.confirmedCount,
    waitlisted: view.waitlistCount,
    total: view.confirmedCount + view.waitlistCount,
  };
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('eventCancel.title', { title: row.title })}>
      <h1>{t('eventCancel.title', { title: row.title })}</h1>
      <p>{formatRange(row.startsAt, row.endsAt, row.timeZone, ctx.locale)}</p>
      <p class="warning" id="who-is-told">
        {t('eventCancel.told', counts)}
        {counts.total ? (
          <>
            {' '}
            <a href={`/admin/events/${row.id}/registrations`}>{t('eventCancel.who')}</a>
          </>
        ) : null}
      </p>
      {row.status !== 'published' ? <p>{t('eventCancel.draft')}</p> : null}
      {row.seriesId ? <p>{t('eventCancel.series')}</p> : null}
      <p>{t('eventCancel.effects')}</p>
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <form method="post" action={`/admin/events/${row.id}/cancel`} class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <Field
          name="reason"
          label={t('admin.cancelReason')}
          values={form?.values ?? {}}
          errors={form?.errors}
          required
          multiline
        />
        <div class="actions">
          <button type="submit" class="danger">
            {t('eventCancel.confirm', { total: counts.total })}
          </button>
          <a href={`/admin/events/${row.id}`}>{t('eventCancel.keep')}</a>
        </div>
      </form>
    </Layout>,
    status,
  );
}

/** /admin/events/:id/cancel: the confirmation page (GET) and the cancellation (POST). */
export function eventCancelPages(app: FastifyInstance, db: Db): void {
  app.get<IdParams>('/admin/events/:id/cancel', (req, reply) => cancelPage(db, req, reply));

  app.post<IdParams>('/admin/events/:id/cancel', { preHandler: app.csrfProtection }, async (req, reply) => {
    const row = await events.findEvent(db, req.network, req.params.id);
    await authorizeEvent(db, req.user, row, 'cancel this event');
    const form = parseForm(EventCancelSchema, req.body);
    if (!form.ok) return cancelPage(db, req, reply, form, 400);
    try {
      await cancelEvent(db, req.network, row.id, form.data.reason, req.user);
    } catch (err) {
      return cancelPage(db, req, reply, formError(err, form.values ?? {}), 409);
    }
    return reply.redirect(`/admin/events/${row.id}?done=saved`, 303);
  });
}
