import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { findEvent, localizedQuestion } from '../events/service.js';
import { Localized, localized, localizedText } from '../web/content.js';
import { ErrorSummary, Field, formError, parseForm, Section, type FormErrors, type FormValues } from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { registrationsCsv, registrationsSpreadsheetCsv } from './csv.js';
import { authorizeRegistrations } from './policy.js';
import { presentRegistration } from './present.js';
import { countsOf, ListFilterForm, matches, readListFilter } from './admin-list.js';
import { confirmPage } from './confirm-page.js';
import { RegistrationCreateSchema } from './schemas.js';
import { cancelRegistration, confirmByHand, findRegistration, listRegistrations, registerForEvent } from './service.js';
import { TableWrap } from '../web/table-wrap.js';

// The organisers' list of an event's registrations: export, add by hand, confirm, cancel.

type IdParams = { Params: { id: string } };
type Form = { values: FormValues; errors: FormErrors };

async function registrationsPage(
  db: Db,
  req: FastifyRequest<IdParams>,
  reply: FastifyReply,
  form?: Form,
  status = 200,
) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const row = await findEvent(db, req.network, req.params.id);
  await authorizeRegistrations(db, req.user, row, 'run this event');
  const all = await listRegistrations(db, row.id, { limit: 5000 });
  const query = (req.query ?? {}) as Record<string, unknown>;
  const filter = readListFilter(query);
  // Waiting-list places count over the whole list, before the filter hides anyone.
  const positions = new Map<string, number>();
  for (const r of all) if (r.status === 'waitlisted') positions.set(r.id, positions.size + 1);
  const found = filter.q
    ? new Set((await listRegistrations(db, row.id, { limit: 5000, search: filter.q })).map((r) => r.id))
    : undefined;
  const list = all.filter((r) => matches(r, filter, found));
  // Question labels and chosen answers in the organiser's language; answers are stored as the original choice.
  const questions = row.questions.map((q) => ({ id: q.id, ...localizedQuestion(q, row.language, ctx.locale) }));
  const answerText = (q: (typeof questions)[number], answer: string | undefined) =>
    q.choices.find((c) => c.value === answer)?.text ?? answer ?? '';
  return sendPage(
    reply,
    <Layout ctx={ctx} title={`${t('admin.registrations')} — ${localizedText(row, 'title', ctx.locale)}`}>
      <h1>
        {t('admin.registrations')} — <Localized value={localized(row, 'title', ctx.locale)} t={t} />
      </h1>
      {ctx.done === 'waitlisted' ? (
        <p class="notice" role="status">
          {t('registrations.addedWaitlisted', {
            name: String(query.name ?? '').slice(0, 120),
            position: String(query.position ?? '').slice(0, 6),
          })}
        </p>
      ) : null}
      <p>
        <a href={`/admin/events/${row.id}`}>{t('admin.edit')}</a> ·{' '}
        <a href={`/admin/events/${row.id}/registrations.csv?format=spreadsheet`}>{t('admin.exportSpreadsheet')}</a> ·{' '}
        <a href={`/admin/events/${row.id}/registrations.csv`}>{t('admin.exportCsv')}</a> ·{' '}
        <a href={`/admin/events/${row.id}/door`}>{t('admin.door')}</a>
      </p>
      <ListFilterForm
        ctx={ctx}
        action={`/admin/events/${row.id}/registrations`}
        filter={filter}
        counts={countsOf(all)}
        shown={list.length}
        total={all.length}
      />
      <TableWrap>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('field.email')}</th>
              <th scope="col">{t('field.status')}</th>
              {questions.map((q) => (
                <th scope="col">
                  <Localized value={q.label} t={t} />
                </th>
              ))}
              <td />
            </tr>
          </thead>
          <tbody>
            {list.map((r) => {
              const v = presentRegistration(r, row, positions.get(r.id));
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
                  {questions.map((q) => (
                    <td>{answerText(q, v.answers[q.id])}</td>
                  ))}
                  <td>
                    {r.status === 'waitlisted' ? (
                      // Asks first: confirming passes the people ahead and may add a seat.
                      <a
                        href={`/admin/registrations/${r.id}/confirm`}
                        aria-label={t('registrations.confirmTitle', { name: r.name })}
                      >
                        {t('registrations.confirmAction')}
                      </a>
                    ) : null}{' '}
                    {r.status !== 'cancelled' ? (
                      // A page that asks first (and works without JavaScript): cancelling gives the seat away.
                      <a
                        href={`/admin/registrations/${r.id}/cancel`}
                        aria-label={t('registrations.cancelTitle', { name: r.name })}
                      >
                        {t('registrations.cancelAction')}
                      </a>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
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

export function registrationAdminPages(app: FastifyInstance, db: Db): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get<IdParams>('/admin/events/:id/registrations', (req, reply) => registrationsPage(db, req, reply));

  app.get<IdParams & { Querystring: { format?: string } }>(
    '/admin/events/:id/registrations.csv',
    async (req, reply) => {
      const row = await findEvent(db, req.network, req.params.id);
      await authorizeRegistrations(db, req.user, row, 'run this event');
      const list = await listRegistrations(db, row.id, { limit: 100_000 });
      // `?format=spreadsheet`: the file people double-click (BOM, `;` in FR/NL, headers in their language).
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
    const row = await findEvent(db, req.network, req.params.id);
    await authorizeRegistrations(db, req.user, row, 'run this event');
    const form = parseForm(RegistrationCreateSchema.required({ name: true, email: true }), req.body);
    if (!form.ok) return registrationsPage(db, req, reply, form, 400);
    try {
      const added = await registerForEvent(
        db,
        req.network,
        row.id,
        { name: form.data.name, email: form.data.email, answers: {} },
        { byOrganizer: true, locale: req.locale },
      );
      // "Added" would be untrue when the person only got a place on the waitlist.
      if (added.registration.status === 'waitlisted')
        return reply.redirect(
          `/admin/events/${row.id}/registrations?${new URLSearchParams({ done: 'waitlisted', name: added.registration.name, position: String(added.position ?? '') })}`,
          303,
        );
      return reply.redirect(`/admin/events/${row.id}/registrations?done=added`, 303);
    } catch (err) {
      return registrationsPage(db, req, reply, formError(err, form.values), 409);
    }
  });

  app.get<IdParams>('/admin/registrations/:id/confirm', (req, reply) => confirmPage(db, req, reply));

  app.get<IdParams>('/admin/registrations/:id/cancel', async (req, reply) => {
    const reg = await findRegistration(db, req.network, req.params.id);
    const row = await findEvent(db, req.network, reg.eventId);
    await authorizeRegistrations(db, req.user, row, 'run this event');
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const title = t('registrations.cancelTitle', { name: reg.name });
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <p>
          <Localized value={localized(row, 'title', ctx.locale)} t={t} />
        </p>
        <p>{t('registrations.cancelExplain', { name: reg.name, email: reg.email })}</p>
        {reg.status === 'cancelled' ? (
          <p class="muted">{t('registration.cancelled')}</p>
        ) : (
          <form method="post" action={`/admin/registrations/${reg.id}/cancel`} novalidate>
            <CsrfField ctx={ctx} />
            <button type="submit" class="danger">
              {t('registrations.cancelSubmit', { name: reg.name })}
            </button>
          </form>
        )}
        <p>
          <a href={`/admin/events/${row.id}/registrations`}>{t('registrations.back')}</a>
        </p>
      </Layout>,
    );
  });

  for (const action of ['confirm', 'cancel'] as const) {
    app.post<IdParams>(`/admin/registrations/:id/${action}`, csrf, async (req, reply) => {
      const reg = await findRegistration(db, req.network, req.params.id);
      const row = await findEvent(db, req.network, reg.eventId);
      await authorizeRegistrations(db, req.user, row, 'run this event');
      if (action === 'confirm') await confirmByHand(db, req.network, reg.id);
      else await cancelRegistration(db, req.network, reg.id, 'organizer');
      return reply.redirect(`/admin/events/${row.id}/registrations?done=saved`, 303);
    });
  }
}
