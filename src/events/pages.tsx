import { ProgrammeSection, programmeOf } from '../programme/service.js';
import { eventListPages } from './list-page.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import * as registrations from '../registrations/service.js';
import { AppError, notFound } from '../web/errors.js';
import { ErrorSummary, Field, formError, Section, type FormErrors, type FormValues } from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { formatRange, formatShort } from './format.js';
import { eventPolicy, visibleTo } from './policy.js';
import * as events from './service.js';
import type { EventView } from './schemas.js';
import { AddToCalendar } from '../calendar/components.js';
import { EventPlace, GoingList, ShareLinks } from './components.js';
import { EventHead } from '../feeds/components.js';
import { msg } from '../web/i18n.js';
import { Localized, localized, OriginalMarker } from '../web/content.js';
import { localizedQuestion } from './questions.js';
import { renderMarkdown } from './markdown.js';
import { parseRsvp, registrationOpen } from './rsvp-input.js';
import { eventIdOf, eventPath } from '../web/event-path.js';
import { CoverImage } from '../web/cover.js';
import { eventCorrections, ReportSection } from './report-section.js';
import { PlaceMap } from '../maps/components.js';
import { coordinatesOf } from '../maps/service.js';

type IdParams = { Params: { id: string } };
type Form = { values: FormValues; errors: FormErrors };

function RsvpForm({ ctx, view, form }: { ctx: PageContext; view: EventView; form?: Form }) {
  const { t } = ctx;
  const values = form?.values ?? { name: ctx.user?.name ?? '', email: ctx.user?.email ?? '' };
  const full = view.seatsLeft === 0;
  return (
    <form method="post" action={`${eventPath(view)}/register`} class="stack" novalidate>
      <CsrfField ctx={ctx} />
      <Field
        name="name"
        label={t('event.yourName')}
        values={values}
        errors={form?.errors}
        autocomplete="name"
        required
      />
      <Field
        name="email"
        type="email"
        label={t('event.yourEmail')}
        values={values}
        errors={form?.errors}
        autocomplete="email"
        required
      />
      {view.questions.map((q) => {
        // The organisers' question in the reader's language, else the original (marked); answers are the original choices.
        const shown = localizedQuestion(q, view.language, ctx.locale);
        const id = `f-answers-${q.id}`;
        const error = form?.errors[`answers.${q.id}`];
        const common = {
          id,
          name: `answer_${q.id}`,
          required: q.required,
          'aria-invalid': error ? ('true' as const) : undefined,
          'aria-describedby': error ? `${id}-error` : undefined,
        };
        return (
          <div>
            <label htmlFor={id}>
              <Localized value={shown.label} t={t} />
            </label>
            {q.type === 'choice' ? (
              <select {...common} lang={shown.choicesLang === ctx.locale ? undefined : shown.choicesLang}>
                {q.required ? null : <option value="" />}
                {shown.choices.map((c) => (
                  <option value={c.value} selected={values[`answer_${q.id}`] === c.value}>
                    {c.text}
                  </option>
                ))}
              </select>
            ) : (
              <input type="text" {...common} value={values[`answer_${q.id}`] ?? ''} />
            )}
            {error ? (
              <p class="field-error" id={`${id}-error`}>
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      {view.venue ? (
        <div>
          <input
            type="checkbox"
            id="f-shareWithVenue"
            name="shareWithVenue"
            checked={values.shareWithVenue === 'on'}
            aria-describedby="f-shareWithVenue-help"
          />{' '}
          <label htmlFor="f-shareWithVenue" class="inline">
            {t('consent.share', { venue: localized(view.venue, 'name', ctx.locale).text })}
          </label>
          <p class="help" id="f-shareWithVenue-help">
            {t('consent.shareHelp')}
          </p>
        </div>
      ) : null}
      <div>
        <button type="submit">{full ? t('event.joinWaitlist') : t('event.register')}</button>
      </div>
    </form>
  );
}

async function eventPage(
  db: Db,
  config: Config,
  req: FastifyRequest<IdParams>,
  reply: FastifyReply,
  form?: Form,
  status = 200,
) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const row = await events.findEvent(db, req.network, eventIdOf(req.params.id) ?? req.params.id);
  const canManage = await eventPolicy.manageEvent(db, req.user, row);
  if (!visibleTo(row, canManage)) throw notFound(msg('event.problem.thisEvent'));
  // The UUID-only address of before and a renamed event's old slug: one 301 to the canonical address, query kept.
  const canonical = eventPath(row);
  if (req.method !== 'POST' && `/events/${req.params.id}` !== canonical) {
    const query = req.url.indexOf('?');
    return reply.redirect(canonical + (query < 0 ? '' : req.url.slice(query)), 301);
  }
  const view = await events.viewEvent(db, row);
  const open = registrationOpen(row);
  const own = req.user ? await registrations.findOwnRegistration(db, req.network, row.id, req.user) : undefined;
  const ownPosition = own ? await registrations.waitlistPosition(db, own) : undefined;
  const sessions = await programmeOf(db, req.network, row.id);
  const notes = row.status === 'draft' ? [] : await eventCorrections(db, row.id);
  const going = row.status === 'published' ? await registrations.whoIsGoing(db, row.id) : undefined;
  // The organisers' words in the reader's language when written, else the original, marked as such.
  const title = localized(row, 'title', ctx.locale);
  const about = localized(row, 'description', ctx.locale);
  return sendPage(
    reply,
    <Layout
      ctx={ctx}
      title={title.text}
      head={<EventHead ctx={ctx} view={view} baseUrl={config.baseUrl} programme={sessions} />}
    >
      <p>
        <a href={`/chapters/${view.chapter.slug}`}>{view.chapter.name}</a> · {t(`kindEvent.${view.kind}`)}
      </p>
      <h1>
        <Localized value={title} t={t} />
      </h1>
      <CoverImage cover={view.cover} />
      {view.status === 'cancelled' ? (
        <p class="errors" role="status">
          {t('event.cancelled', { reason: view.cancelReason ?? '' })}
        </p>
      ) : null}
      {view.status === 'draft' ? <p class="notice">{t('event.draft')}</p> : null}
      <dl>
        <dt>{t('event.when')}</dt>
        <dd>
          <time dateTime={view.startsAt}>{formatRange(row.startsAt, row.endsAt, row.timeZone, ctx.locale)}</time>
        </dd>
        <dt>{t('event.where')}</dt>
        <dd>
          <EventPlace ctx={ctx} view={view} />
        </dd>
      </dl>
      {view.status !== 'cancelled' ? <AddToCalendar ctx={ctx} view={view} baseUrl={config.baseUrl} /> : null}
      {view.status === 'published' ? (
        <p>
          <strong>
            {view.seatsLeft > 0
              ? t('event.seatsLeft', { count: view.seatsLeft, capacity: view.capacity })
              : t('event.full', { count: view.waitlistCount })}
          </strong>{' '}
          <span id="going">{t('eventShare.going', { count: view.confirmedCount })}</span>
        </p>
      ) : null}
      {going?.people.length ? <GoingList ctx={ctx} going={going} /> : null}
      {/* Sanitised when rendered from Markdown (src/events/markdown.ts). */}
      <div
        lang={about.lang === ctx.locale ? undefined : about.lang}
        data-report-body="1"
        dangerouslySetInnerHTML={{
          __html: about.lang === view.language ? view.descriptionHtml : renderMarkdown(about.text),
        }}
      />
      {about.fallback && !title.fallback ? <OriginalMarker lang={about.lang} t={t} /> : null}
      <ProgrammeSection ctx={ctx} programme={sessions} timeZone={row.timeZone} />
      {view.venue && coordinatesOf(view.venue) ? (
        <PlaceMap
          ctx={ctx}
          at={coordinatesOf(view.venue)!}
          place={localized(view.venue, 'name', ctx.locale).text}
          tiles={config.mapTilesUrl}
        />
      ) : null}
      {view.speakers.length ? (
        <Section title={t('event.speakers')}>
          <ul>
            {view.speakers.map((s) => (
              <li>
                <strong>{s.name}</strong>
                {s.talk ? ` — ${s.talk}` : ''}
                {s.bio ? <p class="muted">{s.bio}</p> : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {own ? (
        <p class="notice" role="status">
          {own.status === 'confirmed' ? t('ticket.confirmed') : t('ticket.waitlisted', { position: ownPosition ?? 0 })}{' '}
          <a href={`/r/${own.secret}`}>{t('ticket.title')}</a>
        </p>
      ) : null}
      {view.status === 'published' && !own ? (
        <Section title={t('event.register')}>
          <ErrorSummary ctx={ctx} errors={form?.errors} />
          {!open ? (
            <p>
              {row.registrationOpensAt && row.registrationOpensAt > new Date() && row.startsAt > new Date()
                ? t('event.opensAt', { when: formatShort(row.registrationOpensAt, row.timeZone, ctx.locale) })
                : t('event.registrationClosed')}
            </p>
          ) : !view.guestRegistration && !ctx.user ? (
            <p>{t('event.membersOnly')}</p>
          ) : view.seatsLeft === 0 && !view.waitlist ? (
            <p>{t('event.registrationClosed')}</p>
          ) : (
            <RsvpForm ctx={ctx} view={view} form={form} />
          )}
        </Section>
      ) : null}
      {view.status === 'published' ? (
        <ShareLinks ctx={ctx} title={view.title} url={config.baseUrl + eventPath(view)} />
      ) : null}
      {row.status === 'draft' ? null : <ReportSection ctx={ctx} eventId={view.id} notes={notes} />}
      {canManage ? (
        <p>
          <a href={`/admin/events/${view.id}`}>{t('event.manage')}</a>
        </p>
      ) : null}
    </Layout>,
    status,
  );
}

export function eventPages(app: FastifyInstance, db: Db, config: Config): void {
  const csrf = { preHandler: app.csrfProtection };

  eventListPages(app, db);
  app.get<IdParams>('/events/:id', (req, reply) => eventPage(db, config, req, reply));

  app.post<IdParams>(
    '/events/:id/register',
    { ...csrf, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const form = parseRsvp(req.body);
      if (!form.ok) return eventPage(db, config, req, reply, form, 400);
      try {
        const { registration, created } = await registrations.registerForEvent(
          db,
          req.network,
          eventIdOf(req.params.id) ?? req.params.id,
          {
            name: form.data.name!,
            email: form.data.email!,
            answers: form.data.answers,
            shareWithVenue: form.data.shareWithVenue,
          },
          { userId: req.user?.id, locale: req.locale },
        );
        // A repeat of someone else's e-mail must not reveal their link; a signed-in member gets their own.
        if (created || (req.user && registration.userId === req.user.id))
          return reply.redirect(`/r/${registration.secret}`, 303);
        return eventPage(
          db,
          config,
          req,
          reply,
          { values: form.values, errors: { email: pageContext(req, reply).t('event.alreadyRegistered') } },
          200,
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'conflict')
          return eventPage(db, config, req, reply, { values: form.values, errors: { '(form)': err.detail } }, 409);
        return eventPage(db, config, req, reply, formError(err, form.values), 400);
      }
    },
  );
}
