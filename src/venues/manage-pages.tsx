import { intlLocales } from '../web/i18n.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { Section } from '../web/forms.js';
import { Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { sharedContacts, venueActivity, venueForActivity, venueTotals } from './activity.js';
import type { VenueEventActivity } from './schemas.js';
import { eventPath } from '../web/event-path.js';
import { TableWrap } from '../web/table-wrap.js';
import { formatDayTime } from '../events/format.js';
import { Localized, localized, localizedText } from '../web/content.js';

/** The venue managers' page: events held at the venue with attendance, and per event the contacts shared with the venue. */

type Params = { Params: { slug: string }; Querystring: { cursor?: string; phase?: string } };
type EventParams = { Params: { slug: string; eventId: string } };
const PAGE = 20;

const when = (ctx: PageContext, iso: string, timeZone: string) =>
  formatDayTime(new Date(iso), ctx.locale, 'medium', { timeZone });

function Figures({ ctx, e }: { ctx: PageContext; e: VenueEventActivity }) {
  const n = (x: number) => new Intl.NumberFormat(intlLocales[ctx.locale]).format(x);
  return (
    <>
      <td>{n(e.confirmed)}</td>
      <td>{n(e.waitlisted)}</td>
      <td>{n(e.checkedIn)}</td>
      <td>{n(e.capacity)}</td>
    </>
  );
}

function FigureHeads({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <>
      <th scope="col">{t('consent.manage.confirmed')}</th>
      <th scope="col">{t('consent.manage.waitlisted')}</th>
      <th scope="col">{t('consent.manage.checkedIn')}</th>
      <th scope="col">{t('consent.manage.capacity')}</th>
    </>
  );
}

function Phase({ ctx, e }: { ctx: PageContext; e: VenueEventActivity }) {
  const { t } = ctx;
  return (
    <span class="muted">
      {e.status === 'cancelled'
        ? t('consent.manage.cancelled')
        : e.phase === 'upcoming'
          ? t('consent.manage.upcoming')
          : t('consent.manage.past')}
    </span>
  );
}

/** What the venue has hosted, in total: the figures a manager reports on. */
function Totals({ ctx, totals }: { ctx: PageContext; totals: Awaited<ReturnType<typeof venueTotals>> }) {
  const { t } = ctx;
  const n = (x: number) => new Intl.NumberFormat(intlLocales[ctx.locale]).format(x);
  const rate =
    totals.attendanceRate === null
      ? ''
      : ` (${new Intl.NumberFormat(intlLocales[ctx.locale], { style: 'percent' }).format(totals.attendanceRate)})`;
  return (
    <dl id="venue-totals">
      <dt>{t('consent.manage.totalEvents')}</dt>
      <dd>{n(totals.pastEvents)}</dd>
      <dt>{t('consent.manage.confirmed')}</dt>
      <dd>{n(totals.confirmed)}</dd>
      <dt>{t('consent.manage.checkedIn')}</dt>
      <dd>
        {n(totals.checkedIn)}
        {rate}
      </dd>
      <dt>{t('consent.manage.shared')}</dt>
      <dd>{n(totals.sharedContacts)}</dd>
    </dl>
  );
}

/**
 * Past events first: they carry the figures a manager comes for (the upcoming ones, a year of
 * empty dates, used to push them to page 2). Upcoming ones are one link away.
 */
async function managePage(db: Db, req: FastifyRequest<Params>, reply: FastifyReply) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const venue = await venueForActivity(db, req.network, req.user, req.params.slug);
  const phase = req.query.phase === 'upcoming' ? 'upcoming' : 'past';
  const cursor = typeof req.query.cursor === 'string' ? req.query.cursor : undefined;
  const [page, totals] = await Promise.all([
    venueActivity(db, req.network, venue, { cursor, limit: PAGE, phase }),
    venueTotals(db, req.network, venue),
  ]);
  const title = t('consent.manage.title', { venue: venue.name });
  const base = `/venues/${venue.slug}/manage${phase === 'upcoming' ? '?phase=upcoming' : ''}`;
  const more = (c: string) => `${base}${base.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(c)}`;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/venues/${venue.slug}`}>{venue.name}</a> ·{' '}
        <a href={`/venues/${venue.slug}/dashboard`}>{t('venueDash.title', { venue: venue.name })}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('consent.manage.intro')}</p>
      <Section title={t('consent.manage.totals', { venue: venue.name })}>
        <Totals ctx={ctx} totals={totals} />
      </Section>
      <nav aria-label={t('consent.manage.phases')}>
        <ul>
          <li>
            <a href={`/venues/${venue.slug}/manage`} aria-current={phase === 'past' ? 'page' : undefined}>
              {t('consent.manage.pastEvents')}
            </a>
          </li>
          <li>
            <a
              href={`/venues/${venue.slug}/manage?phase=upcoming`}
              aria-current={phase === 'upcoming' ? 'page' : undefined}
            >
              {t('consent.manage.upcomingEvents')}
            </a>
          </li>
        </ul>
      </nav>
      <h2>{phase === 'past' ? t('consent.manage.pastEvents') : t('consent.manage.upcomingEvents')}</h2>
      {page.items.length ? (
        <TableWrap>
          <table id="venue-events">
            <thead>
              <tr>
                <th scope="col">{t('consent.manage.event')}</th>
                <th scope="col">{t('consent.manage.date')}</th>
                <th scope="col">{t('consent.manage.room')}</th>
                <FigureHeads ctx={ctx} />
                <th scope="col">{t('consent.manage.shared')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((e) => (
                <tr data-event={e.id}>
                  <td>
                    {/* In the manager's language; an untranslated original keeps its lang and says so. */}
                    <a href={eventPath(e)}>
                      <Localized value={localized(e, 'title', ctx.locale)} t={t} />
                    </a>{' '}
                    <Phase ctx={ctx} e={e} />
                  </td>
                  <td>
                    <time dateTime={e.startsAt}>{when(ctx, e.startsAt, e.timeZone)}</time>
                  </td>
                  <td>{e.room ?? ''}</td>
                  <Figures ctx={ctx} e={e} />
                  <td>
                    <a href={`/venues/${venue.slug}/manage/events/${e.id}`}>
                      {new Intl.NumberFormat(intlLocales[ctx.locale]).format(e.sharedContacts)}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p class="muted">{phase === 'past' ? t('consent.manage.none') : t('consent.manage.noUpcoming')}</p>
      )}
      {cursor || page.nextCursor ? (
        <p>
          {cursor ? <a href={base}>{t('consent.manage.first')}</a> : null}
          {cursor && page.nextCursor ? ' · ' : null}
          {page.nextCursor ? (
            <a href={more(page.nextCursor)} rel="next">
              {t('consent.manage.next')}
            </a>
          ) : null}
        </p>
      ) : null}
    </Layout>,
  );
}

async function contactsPage(db: Db, req: FastifyRequest<EventParams>, reply: FastifyReply) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const venue = await venueForActivity(db, req.network, req.user, req.params.slug);
  const { event, items } = await sharedContacts(db, req.network, venue, req.params.eventId);
  return sendPage(
    // The page lists personal data: keep it out of referrers.
    reply.header('referrer-policy', 'no-referrer'),
    <Layout ctx={ctx} title={`${localizedText(event, 'title', ctx.locale)} · ${venue.name}`}>
      <p>
        <a href={`/venues/${venue.slug}/manage`}>{t('consent.manage.back', { venue: venue.name })}</a>
      </p>
      <h1>
        <Localized value={localized(event, 'title', ctx.locale)} t={t} />
      </h1>
      <p>
        <time dateTime={event.startsAt}>{when(ctx, event.startsAt, event.timeZone)}</time>
        {event.room ? ` · ${event.room}` : ''} · <Phase ctx={ctx} e={event} />
      </p>
      <TableWrap>
        <table>
          <thead>
            <tr>
              <FigureHeads ctx={ctx} />
            </tr>
          </thead>
          <tbody>
            <tr>
              <Figures ctx={ctx} e={event} />
            </tr>
          </tbody>
        </table>
      </TableWrap>
      <Section title={t('consent.manage.contacts')}>
        <p class="help">{t('consent.manage.contactsHelp')}</p>
        {items.length ? (
          <TableWrap>
            <table id="shared-contacts">
              <thead>
                <tr>
                  <th scope="col">{t('consent.manage.name')}</th>
                  <th scope="col">{t('consent.manage.email')}</th>
                  <th scope="col">{t('consent.manage.sharedOn')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr>
                    <td>{c.name}</td>
                    <td>
                      <a href={`mailto:${c.email}`}>{c.email}</a>
                    </td>
                    <td>
                      <time dateTime={c.sharedAt}>{when(ctx, c.sharedAt, event.timeZone)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p class="muted">{t('consent.manage.noContacts')}</p>
        )}
      </Section>
    </Layout>,
  );
}

/** Registered from venuePages. */
export function venueManagePages(app: FastifyInstance, db: Db): void {
  app.get<Params>('/venues/:slug/manage', (req, reply) => managePage(db, req, reply));
  app.get<EventParams>('/venues/:slug/manage/events/:eventId', (req, reply) => contactsPage(db, req, reply));
}
