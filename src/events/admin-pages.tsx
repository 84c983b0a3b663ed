import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findChapter } from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import { presentRegistration } from './present.js';
import { registrationsCsv, registrationsSpreadsheetCsv } from '../registrations/csv.js';
import { RegistrationCreateSchema } from '../registrations/schemas.js';
import * as registrations from '../registrations/service.js';
import { listVenues, roomsOf } from '../venues/service.js';
import { AppError } from '../web/errors.js';
import {
  ErrorSummary,
  Field,
  formError,
  parseForm,
  Section,
  Select,
  validate,
  type FormErrors,
  type FormValues,
} from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { translator } from '../web/i18n.js';
import { formatRange } from './format.js';
import { authorizeEvent, eventPolicy } from './policy.js';
import { EventCancelSchema, EventCreateSchema, EventUpdateSchema } from './schemas.js';
import * as events from './service.js';
import { fromWallClock, localString, wallClock } from './time.js';

type Form = { values: FormValues; errors: FormErrors };
type IdParams = { Params: { id: string } };
const kinds = ['meetup', 'it-day', 'talk', 'conference', 'workshop'] as const;
const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The human repeat choices → an RRULE, from the weekday of the first date ("every first Thursday"). */
export function ruleFromChoice(repeat: string, date: string, count: string, custom: string): string | undefined {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  const day = DAYS[d.getUTCDay()]!;
  const nth = Math.ceil(d.getUTCDate() / 7);
  // Whatever was typed goes into the rule, so that a wrong count is reported rather than ignored.
  const n = count.trim() ? `;COUNT=${count.trim()}` : '';
  switch (repeat) {
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${day}${n}`;
    case 'monthly-nth':
      return `FREQ=MONTHLY;BYDAY=${nth}${day}${n}`;
    case 'monthly-last':
      return `FREQ=MONTHLY;BYDAY=-1${day}${n}`;
    case 'custom':
      return custom.trim();
    default:
      return undefined;
  }
}

/** Date + times in a zone → the instants the API takes; an end time before the start means the next day. */
function instants(values: FormValues): { startsAt?: string; endsAt?: string } {
  const tz = values.timeZone || 'Europe/Brussels';
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.date ?? '');
  const start = /^(\d{2}):(\d{2})$/.exec(values.startTime ?? '');
  const end = /^(\d{2}):(\d{2})$/.exec(values.endTime ?? '');
  if (!date || !start) return {};
  try {
    const base = { year: +date[1]!, month: +date[2]!, day: +date[3]! };
    const s = fromWallClock({ ...base, hour: +start[1]!, minute: +start[2]! }, tz);
    // Without an end time the start is still right: only the end time is then blamed.
    if (!end) return { startsAt: s.toISOString() };
    let e = fromWallClock({ ...base, hour: +end[1]!, minute: +end[2]! }, tz);
    if (e <= s) e = new Date(e.getTime() + 86_400_000);
    return { startsAt: s.toISOString(), endsAt: e.toISOString() };
  } catch {
    return {};
  }
}

function formInput(values: FormValues, withRecurrence: boolean): Record<string, unknown> {
  const when = instants(values);
  const input: Record<string, unknown> = {
    title: values.title,
    description: values.description ?? '',
    kind: values.kind,
    startsAt: when.startsAt ?? values.date,
    endsAt: when.endsAt ?? values.date,
    timeZone: values.timeZone || 'Europe/Brussels',
    venue: values.venue || null,
    room: values.room || null,
    onlineUrl: values.onlineUrl?.trim() || null,
    guestRegistration: values.guestRegistration === 'on',
    waitlist: values.waitlist === 'on',
    status: values.publish === 'on' ? 'published' : 'draft',
  };
  if (values.capacity?.trim())
    input.capacity = /^\d+$/.test(values.capacity.trim()) ? Number(values.capacity) : values.capacity;
  if (withRecurrence) {
    const rrule = ruleFromChoice(values.repeat ?? 'none', values.date ?? '', values.count ?? '', values.rrule ?? '');
    if (rrule !== undefined) input.recurrence = { rrule };
  }
  return input;
}

/** Errors on the API's fields shown on the form's fields; an empty field they are built from is "required". */
function mapErrors(errors: FormErrors, values: FormValues = {}): FormErrors {
  const map: Record<string, [field: string, inputs: string[]]> = {
    startsAt: ['date', ['date', 'startTime']],
    endsAt: ['endTime', ['date', 'endTime']],
    'recurrence.rrule': ['rrule', []],
  };
  const out: FormErrors = {};
  for (const [k, v] of Object.entries(errors)) {
    const [field, inputs] = map[k] ?? [k, []];
    const empty = inputs.find((f) => !values[f]?.trim());
    if (empty) out[empty] ??= 'is required';
    else out[field] ??= v;
  }
  return out;
}

async function EventFields({
  ctx,
  db,
  req,
  values,
  errors,
  withRecurrence,
}: {
  ctx: PageContext;
  db: Db;
  req: FastifyRequest;
  values: FormValues;
  errors?: FormErrors;
  withRecurrence: boolean;
}) {
  const { t } = ctx;
  const venues = await listVenues(db, req.network, { limit: 500 });
  const rooms = await roomsOf(
    db,
    req.network,
    venues.map((v) => v.id),
  );
  const roomNames = [...new Set([...rooms.values()].flat().map((r) => r.name))];
  return (
    <>
      <Field name="title" label={t('field.title')} values={values} errors={errors} required />
      <Select
        name="kind"
        label={t('field.eventKind')}
        values={values}
        errors={errors}
        options={kinds.map((k) => ({ value: k, label: t(`kindEvent.${k}`) }))}
      />
      <Field
        name="description"
        label={t('field.description')}
        values={values}
        errors={errors}
        multiline
        help="Markdown"
      />
      <Field name="date" type="date" label={t('field.date')} values={values} errors={errors} required />
      <div class="rooms-row">
        <Field name="startTime" type="time" label={t('field.startTime')} values={values} errors={errors} required />
        <Field name="endTime" type="time" label={t('field.endTime')} values={values} errors={errors} required />
      </div>
      <Field name="timeZone" label={t('field.timeZone')} values={values} errors={errors} />
      <Select
        name="venue"
        label={t('field.venue')}
        values={values}
        errors={errors}
        options={[
          { value: '', label: t('event.online') },
          ...venues.map((v) => ({ value: v.slug, label: `${v.name} (${v.city})` })),
        ]}
      />
      <div>
        <label htmlFor="f-room">{t('field.room')}</label>
        <input
          id="f-room"
          name="room"
          list="room-names"
          value={values.room ?? ''}
          aria-invalid={errors?.room ? 'true' : undefined}
        />
        <datalist id="room-names">
          {roomNames.map((r) => (
            <option value={r} />
          ))}
        </datalist>
        {errors?.room ? <p class="field-error">{errors.room}</p> : null}
      </div>
      <Field
        name="onlineUrl"
        type="url"
        label={`${t('field.onlineUrl')} (${t('form.optional')})`}
        values={values}
        errors={errors}
      />
      <Field
        name="capacity"
        type="number"
        min={1}
        label={t('field.capacity')}
        help={t('field.capacityHelp')}
        values={values}
        errors={errors}
      />
      <div>
        <input
          type="checkbox"
          id="f-guestRegistration"
          name="guestRegistration"
          checked={values.guestRegistration === 'on'}
        />{' '}
        <label htmlFor="f-guestRegistration" style="display:inline">
          {t('field.guests')}
        </label>
      </div>
      <div>
        <input type="checkbox" id="f-waitlist" name="waitlist" checked={values.waitlist === 'on'} />{' '}
        <label htmlFor="f-waitlist" style="display:inline">
          {t('field.waitlist')}
        </label>
      </div>
      <div>
        <input type="checkbox" id="f-publish" name="publish" checked={values.publish === 'on'} />{' '}
        <label htmlFor="f-publish" style="display:inline">
          {t('field.publish')}
        </label>
      </div>
      {withRecurrence ? (
        <fieldset>
          <legend>{t('field.repeat')}</legend>
          <Select
            name="repeat"
            label={t('field.repeat')}
            values={values}
            errors={errors}
            options={[
              { value: 'none', label: t('repeat.none') },
              { value: 'weekly', label: t('repeat.weekly') },
              { value: 'monthly-nth', label: t('repeat.monthlyNth') },
              { value: 'monthly-last', label: t('repeat.monthlyLast') },
              { value: 'custom', label: t('repeat.custom') },
            ]}
          />
          <Field
            name="count"
            type="number"
            min={1}
            label={`${t('field.count')} (${t('form.optional')})`}
            values={values}
            errors={errors}
          />
          <Field
            name="rrule"
            label={t('field.rrule')}
            values={values}
            errors={errors}
            help="FREQ=MONTHLY;BYDAY=1TH;COUNT=12"
          />
        </fieldset>
      ) : null}
    </>
  );
}

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
    title: row.title,
    kind: row.kind,
    description: row.description,
    date: local.slice(0, 10),
    startTime: local.slice(11),
    endTime: `${String(end.hour).padStart(2, '0')}:${String(end.minute).padStart(2, '0')}`,
    timeZone: row.timeZone,
    venue: view.venue?.slug ?? '',
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
        <a href={`/events/${row.id}`}>{t('admin.view')}</a> ·{' '}
        <a href={`/admin/events/${row.id}/registrations`}>{t('admin.registrations')}</a> ·{' '}
        <a href={`/admin/events/${row.id}/door`}>{t('admin.door')}</a> ·{' '}
        <a href={`/admin/events/${row.id}/invite`}>{t('invitations.invite')}</a>
      </p>
      <p>
        {formatRange(row.startsAt, row.endsAt, row.timeZone, ctx.locale)} ·{' '}
        {t('event.seatsLeft', { count: view.seatsLeft, capacity: view.capacity })} ·{' '}
        {t('event.full', { count: view.waitlistCount })}
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
          <form method="post" action={`/admin/events/${row.id}/cancel`} class="stack">
            <CsrfField ctx={ctx} />
            <Field name="reason" label={t('admin.cancelReason')} values={{}} errors={form?.errors} required />
            <div>
              <button type="submit" class="danger">
                {t('admin.cancelEvent')}
              </button>
            </div>
          </form>
        </Section>
      ) : null}
    </Layout>,
    status,
  );
}

async function registrationsPage(
  db: Db,
  req: FastifyRequest<IdParams>,
  reply: FastifyReply,
  form?: Form,
  status = 200,
) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const row = await events.findEvent(db, req.network, req.params.id);
  await authorizeEvent(db, req.user, row, 'run this event');
  const list = await registrations.listRegistrations(db, row.id, { limit: 5000 });
  let waiting = 0;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={`${t('admin.registrations')} — ${row.title}`}>
      <h1>
        {t('admin.registrations')} — {row.title}
      </h1>
      <p>
        <a href={`/admin/events/${row.id}`}>{t('admin.edit')}</a> ·{' '}
        <a href={`/admin/events/${row.id}/registrations.csv?format=spreadsheet`}>{t('admin.exportSpreadsheet')}</a> ·{' '}
        <a href={`/admin/events/${row.id}/registrations.csv`}>{t('admin.exportCsv')}</a> ·{' '}
        <a href={`/admin/events/${row.id}/door`}>{t('admin.door')}</a>
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('field.email')}</th>
              <th scope="col">{t('field.status')}</th>
              {row.questions.map((q) => (
                <th scope="col">{q.label}</th>
              ))}
              <td />
            </tr>
          </thead>
          <tbody>
            {list.map((r) => {
              const v = presentRegistration(r, row, r.status === 'waitlisted' ? ++waiting : undefined);
              return (
                <tr>
                  <td>{v.name}</td>
                  <td>{v.email}</td>
                  <td>
                    {v.status === 'waitlisted'
                      ? `${t('registration.waitlisted')} #${v.waitlistPosition}`
                      : t(`registration.${v.status}`)}
                    {v.attendance === 'attended'
                      ? ` · ${t('admin.checkedIn')}`
                      : v.attendance === 'no-show'
                        ? ` · ${t('admin.noShow')}`
                        : ''}
                  </td>
                  {row.questions.map((q) => (
                    <td>{v.answers[q.id] ?? ''}</td>
                  ))}
                  <td>
                    {r.status === 'waitlisted' ? (
                      <form method="post" action={`/admin/registrations/${r.id}/confirm`} class="inline">
                        <CsrfField ctx={ctx} />
                        <button type="submit" class="link" aria-label={`${t('admin.confirm')} ${r.name}`}>
                          {t('admin.confirm')}
                        </button>
                      </form>
                    ) : null}{' '}
                    {r.status !== 'cancelled' ? (
                      <form method="post" action={`/admin/registrations/${r.id}/cancel`} class="inline">
                        <CsrfField ctx={ctx} />
                        <button type="submit" class="link" aria-label={`${t('ticket.cancel')}: ${r.name}`}>
                          {t('form.delete')}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Section title={t('admin.addAttendee')}>
        <ErrorSummary ctx={ctx} errors={form?.errors} />
        <form method="post" action={`/admin/events/${row.id}/attendees`} class="stack" novalidate>
          <CsrfField ctx={ctx} />
          <Field name="name" label={t('field.name')} values={form?.values} errors={form?.errors} required />
          <Field
            name="email"
            type="email"
            label={t('field.email')}
            values={form?.values}
            errors={form?.errors}
            required
          />
          <div>
            <button type="submit">{t('form.add')}</button>
          </div>
        </form>
      </Section>
    </Layout>,
    status,
  );
}

async function doorPage(
  db: Db,
  req: FastifyRequest<IdParams>,
  reply: FastifyReply,
  message?: { ok: boolean; text: string },
  status = 200,
) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const row = await events.findEvent(db, req.network, req.params.id);
  await authorizeEvent(db, req.user, row, 'run this event');
  const query = req.query as { q?: string; code?: string };
  const search = typeof query.q === 'string' ? query.q.trim().slice(0, 100) : '';
  const list = await registrations.listRegistrations(db, row.id, {
    status: 'confirmed',
    limit: 500,
    search: search || undefined,
  });
  const here = list.filter((r) => r.checkedInAt).length;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={`${t('admin.door')} — ${row.title}`}>
      <h1>{t('admin.door')}</h1>
      <p>
        <a href={`/admin/events/${row.id}`}>{row.title}</a> —{' '}
        {formatRange(row.startsAt, row.endsAt, row.timeZone, ctx.locale)}
      </p>
      {message ? (
        <p class={message.ok ? 'notice' : 'errors'} role="status">
          {message.text}
        </p>
      ) : null}
      <form method="post" action={`/admin/events/${row.id}/door`} class="stack">
        <CsrfField ctx={ctx} />
        <Field
          name="code"
          label={t('admin.code')}
          values={{ code: typeof query.code === 'string' ? query.code : '' }}
          autocomplete="off"
        />
        <div>
          <button type="submit">{t('admin.checkIn')}</button>
        </div>
      </form>
      <form method="get" action={`/admin/events/${row.id}/door`} class="stack" role="search">
        <Field name="q" type="search" label={t('admin.search')} values={{ q: search }} />
      </form>
      <p>
        {here} / {list.length} {t('admin.checkedIn').toLowerCase()}
      </p>
      <ul class="door">
        {list.map((r) => (
          <li>
            {r.checkedInAt ? (
              <span>
                ✔ <strong>{r.name}</strong> <span class="muted">{t('admin.checkedIn')}</span>
              </span>
            ) : (
              <form method="post" action={`/admin/events/${row.id}/door`} class="inline">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="code" value={r.checkInCode} />
                <strong>{r.name}</strong>{' '}
                <button type="submit" aria-label={`${t('admin.checkIn')} ${r.name}`}>
                  {t('admin.checkIn')}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </Layout>,
    status,
  );
}

export function eventAdminPages(app: FastifyInstance, db: Db): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get<{ Params: { slug: string } }>('/admin/chapters/:slug/events/new', (req, reply) =>
    newEventPage(db, req, reply),
  );

  app.post<{ Params: { slug: string } }>('/admin/chapters/:slug/events', csrf, async (req, reply) => {
    const chapter = await findChapter(db, req.network, req.params.slug);
    await requireManage(db, req, chapter);
    const values = Object.fromEntries(
      Object.entries((req.body ?? {}) as Record<string, unknown>).filter(
        ([k, v]) => k !== '_csrf' && typeof v === 'string',
      ),
    ) as FormValues;
    const form = validate(EventCreateSchema, formInput(values, true), values);
    if (!form.ok) return newEventPage(db, req, reply, { values, errors: mapErrors(form.errors, values) }, 400);
    try {
      const { event } = await events.createEvent(db, req.network, chapter.slug, form.data);
      return reply.redirect(`/admin/events/${event.id}?done=created`, 303);
    } catch (err) {
      const f = formError(err, values);
      return newEventPage(
        db,
        req,
        reply,
        { values, errors: mapErrors(f.errors, values) },
        err instanceof AppError ? err.status : 400,
      );
    }
  });

  app.get<IdParams>('/admin/events/:id', (req, reply) => editEventPage(db, req, reply));

  app.post<IdParams>('/admin/events/:id', csrf, async (req, reply) => {
    const row = await events.findEvent(db, req.network, req.params.id);
    await authorizeEvent(db, req.user, row, 'run this event');
    const values = Object.fromEntries(
      Object.entries((req.body ?? {}) as Record<string, unknown>).filter(
        ([k, v]) => k !== '_csrf' && typeof v === 'string',
      ),
    ) as FormValues;
    const form = validate(EventUpdateSchema, formInput(values, false), values);
    if (!form.ok) return editEventPage(db, req, reply, { values, errors: mapErrors(form.errors, values) }, 400);
    const scope = values.scope === 'following' || values.scope === 'series' ? values.scope : 'occurrence';
    try {
      await events.updateEvent(db, req.network, row.id, form.data, scope);
      return reply.redirect(`/admin/events/${row.id}?done=saved`, 303);
    } catch (err) {
      const f = formError(err, values);
      return editEventPage(
        db,
        req,
        reply,
        { values, errors: mapErrors(f.errors, values) },
        err instanceof AppError ? err.status : 400,
      );
    }
  });

  app.post<IdParams>('/admin/events/:id/cancel', csrf, async (req, reply) => {
    const row = await events.findEvent(db, req.network, req.params.id);
    await authorizeEvent(db, req.user, row, 'run this event');
    const form = parseForm(EventCancelSchema, req.body);
    if (!form.ok) return editEventPage(db, req, reply, form, 400);
    await events.cancelEvent(db, req.network, row.id, form.data.reason);
    return reply.redirect(`/admin/events/${row.id}?done=saved`, 303);
  });

  app.get<IdParams>('/admin/events/:id/registrations', (req, reply) => registrationsPage(db, req, reply));

  app.get<IdParams & { Querystring: { format?: string } }>(
    '/admin/events/:id/registrations.csv',
    async (req, reply) => {
      const row = await events.findEvent(db, req.network, req.params.id);
      await authorizeEvent(db, req.user, row, 'run this event');
      const list = await registrations.listRegistrations(db, row.id, { limit: 100_000 });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="registrations-${row.id}.csv"`)
        .send(
          req.query.format === 'spreadsheet'
            ? registrationsSpreadsheetCsv(row, list, req.locale)
            : registrationsCsv(row, list),
        );
    },
  );

  app.post<IdParams>('/admin/events/:id/attendees', csrf, async (req, reply) => {
    const row = await events.findEvent(db, req.network, req.params.id);
    await authorizeEvent(db, req.user, row, 'run this event');
    const form = parseForm(RegistrationCreateSchema.required({ name: true, email: true }), req.body);
    if (!form.ok) return registrationsPage(db, req, reply, form, 400);
    try {
      await registrations.registerForEvent(
        db,
        req.network,
        row.id,
        { name: form.data.name, email: form.data.email, answers: {} },
        { byOrganizer: true, locale: req.locale },
      );
      return reply.redirect(`/admin/events/${row.id}/registrations?done=added`, 303);
    } catch (err) {
      return registrationsPage(db, req, reply, formError(err, form.values), 409);
    }
  });

  for (const action of ['confirm', 'cancel'] as const) {
    app.post<IdParams>(`/admin/registrations/:id/${action}`, csrf, async (req, reply) => {
      const reg = await registrations.findRegistration(db, req.network, req.params.id);
      const row = await events.findEvent(db, req.network, reg.eventId);
      await authorizeEvent(db, req.user, row, 'run this event');
      if (action === 'confirm') await registrations.confirmByHand(db, req.network, reg.id);
      else await registrations.cancelRegistration(db, req.network, reg.id, 'organizer');
      return reply.redirect(`/admin/events/${row.id}/registrations?done=saved`, 303);
    });
  }

  app.get<IdParams>('/admin/events/:id/door', (req, reply) => doorPage(db, req, reply));

  app.post<IdParams>('/admin/events/:id/door', csrf, async (req, reply) => {
    // Before anything is checked in: doorPage's own check comes after checkIn has run.
    const row = await events.findEvent(db, req.network, req.params.id);
    await authorizeEvent(db, req.user, row, 'run this event');
    const code = String((req.body as Record<string, unknown>)?.code ?? '').trim();
    if (!code)
      return doorPage(
        db,
        req,
        reply,
        { ok: false, text: `${translator(req.locale)('admin.code')}: ${translator(req.locale)('form.required')}` },
        400,
      );
    try {
      const { registration, already } = await registrations.checkIn(db, req.network, req.params.id, code);
      const t = pageContext(req, reply).t;
      return doorPage(db, req, reply, {
        ok: true,
        text: `${registration.name} — ${already ? t('admin.checkedIn') : `${t('admin.checkedIn')} ✔`}`,
      });
    } catch (err) {
      if (err instanceof AppError && (err.code === 'conflict' || err.code === 'not_found'))
        return doorPage(db, req, reply, { ok: false, text: err.detail }, err.status);
      throw err;
    }
  });
}
