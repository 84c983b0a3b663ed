import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { updateEvent } from '../event-changes/service.js';
import { findChapter } from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import { translator } from '../web/i18n.js';
import { AppError } from '../web/errors.js';
import { ErrorSummary, formError, Section, Select, validate, type FormErrors, type FormValues } from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { formatRange } from './format.js';
import { authorizeEvent, eventPolicy } from './policy.js';
import { EventCreateSchema, EventUpdateSchema } from './schemas.js';
import * as events from './service.js';
import { EVENT_TEXTS, EventFields, formInput, mapErrors } from './event-form.js';
import { skippedTime } from './form-time.js';
import { questionValues } from './question-fields.js';
import { fieldsetValues, languageValues } from '../web/language-fields.js';
import { localString, wallClock } from './time.js';
import { eventPath } from '../web/event-path.js';
import { EVENT_FORM_SCRIPT, ONLINE_ONLY } from './place-fields.js';

type Form = { values: FormValues; errors: FormErrors };
type IdParams = { Params: { id: string } };
async function requireManage(db: Db, req: FastifyRequest, chapter: { id: string; networkId: string; name: string }) {
  authorize(req.user, await eventPolicy.manage(db, req.user, chapter), `run the events of ${chapter.name}`);
}

async function newEventPage(
  db: Db,
  req: FastifyRequest<{ Params: { slug: string } }>,
  reply: FastifyReply,
  form?: Form,
  status = 200,
) {
  const ctx = pageContext(req, reply);
  const chapter = await findChapter(db, req.network, req.params.slug);
  await requireManage(db, req, chapter);
  const values = form?.values ?? {
    timeZone: 'Europe/Brussels',
    startTime: '18:30',
    endTime: '21:00',
    guestRegistration: 'on',
    waitlist: 'on',
    publish: 'on',
    repeat: 'none',
    kind: 'meetup',
    language: ctx.locale,
  };
  return sendPage(
    reply,
    <Layout ctx={ctx} title={ctx.t('admin.newEvent')}>
      <h1>
        {ctx.t('admin.newEvent')} — {chapter.name}
      </h1>
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <form method="post" action={`/admin/chapters/${chapter.slug}/events`} class="stack" novalidate>
        <CsrfField ctx={ctx} />
        {await EventFields({ ctx, db, req, values, errors: form?.errors, withRecurrence: true })}
        <div>
          <button type="submit">{ctx.t('form.create')}</button>
        </div>
      </form>
    </Layout>,
    status,
  );
}

async function editEventPage(db: Db, req: FastifyRequest<IdParams>, reply: FastifyReply, form?: Form, status = 200) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const row = await events.findEvent(db, req.network, req.params.id);
  await authorizeEvent(db, req.user, row, 'run this event');
  const view = await events.viewEvent(db, row);
  const local = localString(row.startsAt, row.timeZone);
  const end = wallClock(row.endsAt, row.timeZone);
  const values: FormValues = form?.values ?? {
    ...languageValues(row, EVENT_TEXTS),
    ...questionValues(row.questions, row.language),
    kind: row.kind,
    date: local.slice(0, 10),
    startTime: local.slice(11),
    endTime: `${String(end.hour).padStart(2, '0')}:${String(end.minute).padStart(2, '0')}`,
    timeZone: row.timeZone,
    overnight: localString(row.endsAt, row.timeZone).slice(0, 10) !== local.slice(0, 10) ? 'on' : '',
    venue: view.venue?.slug ?? ONLINE_ONLY,
    room: view.room?.name ?? '',
    onlineUrl: row.onlineUrl ?? '',
    capacity: String(row.capacity),
    guestRegistration: row.guestRegistration ? 'on' : '',
    waitlist: row.waitlist ? 'on' : '',
    publish: row.status === 'published' ? 'on' : '',
    scope: 'occurrence',
  };
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('admin.editEvent', { title: row.title })}>
      <h1>{t('admin.editEvent', { title: row.title })}</h1>
      <p>
        <a href={eventPath(row)}>{t('admin.view')}</a> ·{' '}
        <a href={`/admin/events/${row.id}/registrations`}>{t('admin.registrations')}</a> ·{' '}
        <a href={`/admin/events/${row.id}/door`}>{t('admin.door')}</a> ·{' '}
        <a href={`/admin/events/${row.id}/invite`}>{t('invitations.invite')}</a> ·{' '}
        <a href={`/admin/events/${row.id}/cover`}>{t('cover.link')}</a>
      </p>
      <p>
        {formatRange(row.startsAt, row.endsAt, row.timeZone, ctx.locale)} ·{' '}
        {t('event.seatsLeft', { count: view.seatsLeft, capacity: view.capacity })}
        {/* "Full" only when it is: it used to be printed after every event's seat count. */}
        {view.seatsLeft === 0 ? ` · ${t('event.full', { count: view.waitlistCount })}` : null}
      </p>
      {row.status === 'cancelled' ? (
        <p class="errors">{t('event.cancelled', { reason: row.cancelReason ?? '' })}</p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      {row.status !== 'cancelled' ? (
        <form method="post" action={`/admin/events/${row.id}`} class="stack" novalidate>
          <CsrfField ctx={ctx} />
          {await EventFields({ ctx, db, req, values, errors: form?.errors, withRecurrence: false })}
          {row.seriesId ? (
            <Select
              name="scope"
              label={t('admin.scope')}
              values={values}
              options={(['occurrence', 'following', 'series'] as const).map((s) => ({
                value: s,
                label: t(`scope.${s}`),
              }))}
            />
          ) : null}
          <div>
            <button type="submit">{t('form.save')}</button>
          </div>
        </form>
      ) : null}
      {row.status !== 'cancelled' ? (
        <Section title={t('admin.cancelEvent')}>
          {/* A page of its own, saying who will be told, before anything happens. */}
          <p>
            <a href={`/admin/events/${row.id}/cancel`} id="cancel-event">
              {t('admin.cancelEvent')}
            </a>
          </p>
        </Section>
      ) : null}
    </Layout>,
    status,
  );
}

export function eventAdminPages(app: FastifyInstance, db: Db): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get('/assets/event-form.js', { schema: { hide: true }, config: { bare: true } }, (_req, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(EVENT_FORM_SCRIPT),
  );
  app.get<{ Params: { slug: string } }>('/admin/chapters/:slug/events/new', (req, reply) =>
    newEventPage(db, req, reply),
  );

  app.post<{ Params: { slug: string } }>('/admin/chapters/:slug/events', csrf, async (req, reply) => {
    const chapter = await findChapter(db, req.network, req.params.slug);
    await requireManage(db, req, chapter);
    const posted = Object.fromEntries(
      Object.entries((req.body ?? {}) as Record<string, unknown>).filter(
        ([k, v]) => k !== '_csrf' && typeof v === 'string',
      ),
    ) as FormValues;
    const values = fieldsetValues(posted, EVENT_TEXTS);
    const form = validate(EventCreateSchema, formInput(posted, true), values);
    if (!form.ok)
      return newEventPage(
        db,
        req,
        reply,
        { values, errors: mapErrors(form.errors, values, translator(req.locale), form.keys) },
        400,
      );
    const gap = skippedTime(posted);
    if (gap)
      return newEventPage(
        db,
        req,
        reply,
        { values, errors: { [gap.field]: translator(req.locale)('event.form.clockGap', gap) } },
        400,
      );
    // A new event from this form starts from the current minute on (the form has minutes, not
    // seconds). The API still records past events: an import of a chapter's history needs it.
    if (form.data.startsAt.getTime() < Date.now() - 60_000)
      return newEventPage(
        db,
        req,
        reply,
        { values, errors: { date: translator(req.locale)('event.form.inThePast') } },
        400,
      );
    try {
      const { event } = await events.createEvent(db, req.network, chapter.slug, form.data);
      return reply.redirect(`/admin/events/${event.id}?done=created`, 303);
    } catch (err) {
      const f = formError(err, values);
      return newEventPage(
        db,
        req,
        reply,
        { values, errors: mapErrors(f.errors, values, translator(req.locale), f.keys) },
        err instanceof AppError ? err.status : 400,
      );
    }
  });

  app.get<IdParams>('/admin/events/:id', (req, reply) => editEventPage(db, req, reply));

  app.post<IdParams>('/admin/events/:id', csrf, async (req, reply) => {
    const row = await events.findEvent(db, req.network, req.params.id);
    await authorizeEvent(db, req.user, row, 'run this event');
    const posted = Object.fromEntries(
      Object.entries((req.body ?? {}) as Record<string, unknown>).filter(
        ([k, v]) => k !== '_csrf' && typeof v === 'string',
      ),
    ) as FormValues;
    const values = fieldsetValues(posted, EVENT_TEXTS);
    const form = validate(EventUpdateSchema, formInput(posted, false), values);
    if (!form.ok)
      return editEventPage(
        db,
        req,
        reply,
        { values, errors: mapErrors(form.errors, values, translator(req.locale), form.keys) },
        400,
      );
    const gap = skippedTime(posted);
    if (gap)
      return editEventPage(
        db,
        req,
        reply,
        { values, errors: { [gap.field]: translator(req.locale)('event.form.clockGap', gap) } },
        400,
      );
    const scope = values.scope === 'following' || values.scope === 'series' ? values.scope : 'occurrence';
    try {
      await updateEvent(db, req.network, row.id, form.data, scope);
      return reply.redirect(`/admin/events/${row.id}?done=saved`, 303);
    } catch (err) {
      const f = formError(err, values);
      return editEventPage(
        db,
        req,
        reply,
        { values, errors: mapErrors(f.errors, values, translator(req.locale), f.keys) },
        err instanceof AppError ? err.status : 400,
      );
    }
  });
}
