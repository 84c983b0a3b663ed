import { formatDayTime } from '../events/format.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatRate } from '../web/money.js';
import type { Db } from '../db/connection.js';
import { findVenue, venuesManagedBy } from '../venues/service.js';
import { csvDocument } from '../web/csv.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { authorize, isAdmin } from '../web/policy.js';
import { IsoDateSchema } from '../web/schemas.js';
import { definitionKeys } from './messages.js';
import { reportPolicy } from './policy.js';
import { venueDashboard } from './venue.js';
import { TableWrap } from '../web/table-wrap.js';
import { Localized, localized } from '../web/content.js';

const range = (req: FastifyRequest) => {
  const q = req.query as { from?: string; to?: string };
  const day = (s: string | undefined) => (IsoDateSchema.safeParse(s).success ? s : undefined);
  return { from: day(q.from), to: day(q.to) };
};

/** The venue partner's dashboard: `/venues/{slug}/dashboard` (its managers and admins), and its contacts as CSV. */
export function venueDashboardPages(app: FastifyInstance, db: Db): void {
  const allowed = async (req: FastifyRequest, slug: string) => {
    authorize(req.user, true, "see the venue's dashboard");
    const venue = await findVenue(db, req.network, slug);
    const managed = await venuesManagedBy(db, req.network, req.user.id);
    authorize(req.user, reportPolicy.venue(isAdmin(req.user), managed, venue.id), `see the dashboard of ${venue.name}`);
    return req.user;
  };

  app.get<{ Params: { slug: string } }>('/venues/:slug/dashboard', async (req, reply) => {
    const user = await allowed(req, req.params.slug);
    const d = await venueDashboard(db, req.network, user, req.params.slug, range(req));
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const shown = (n: number | null) => (n === null ? t('venueDash.hidden') : String(n));
    const title = t('venueDash.title', { venue: d.venue.name });
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <form method="get" class="inline">
          <label htmlFor="f-from">{t('venueDash.from')}</label>{' '}
          <input id="f-from" type="date" name="from" value={d.from} /> <label htmlFor="f-to">{t('venueDash.to')}</label>{' '}
          <input id="f-to" type="date" name="to" value={d.to} /> <button type="submit">{t('reports.show')}</button>
        </form>
        <dl>
          <dt>{t('venueDash.hosted')}</dt>
          <dd>{d.eventsHosted}</dd>
          <dt>{t('venueDash.brought')}</dt>
          <dd>{shown(d.peopleBrought)}</dd>
          <dt>{t('reports.uniques')}</dt>
          <dd>{shown(d.uniqueAttendees)}</dd>
          <dt>{t('venueDash.firstTime')}</dt>
          <dd>{shown(d.firstTimeVisitors)}</dd>
          <dt>{t('venueDash.returning')}</dt>
          <dd>{shown(d.returningVisitors)}</dd>
          <dt>{t('venueDash.occupancy')}</dt>
          <dd>{d.seatOccupancy === null ? '—' : formatRate(Math.round(d.seatOccupancy * 10_000), locale)}</dd>
        </dl>
        <h2>{t('venueDash.contacts')}</h2>
        <p class="muted">{t('venueDash.logged')}</p>
        {d.contacts.length ? (
          <>
            <TableWrap>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('field.name')}</th>
                    <th scope="col">{t('login.email')}</th>
                    <th scope="col">{t('reports.events')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.contacts.map((c) => (
                    <tr>
                      <td>{c.name}</td>
                      <td>{c.email}</td>
                      <td>
                        {`${formatDayTime(new Date(c.starts_at), locale, 'medium')} · `}
                        <Localized value={localized({ ...c, title: c.event_title }, 'title', locale)} t={t} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <p>
              <a href={`/venues/${d.venue.slug}/dashboard.csv?from=${d.from}&to=${d.to}`}>{t('venueDash.export')}</a>
            </p>
          </>
        ) : (
          <p class="muted">{d.consentedContacts === null ? `${t('venueDash.hidden')}.` : t('venueDash.noContacts')}</p>
        )}
        <details>
          <summary>{t('reports.definitions')}</summary>
          <ul>
            {definitionKeys.map((k) => (
              <li>{t(`figures.def.${k}`)}</li>
            ))}
          </ul>
        </details>
      </Layout>,
    );
  });

  app.get<{ Params: { slug: string } }>('/venues/:slug/dashboard.csv', async (req, reply) => {
    const user = await allowed(req, req.params.slug);
    const d = await venueDashboard(db, req.network, user, req.params.slug, range(req), 'venue.contacts.export');
    const csv = csvDocument([
      ['name', 'email', 'event', 'starts_at', 'shared_at'],
      ...d.contacts.map((c) => [c.name, c.email, c.event_title, c.starts_at, c.shared_at]),
    ]);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="${d.venue.slug}-contacts-${d.from}-${d.to}.csv"`)
      .send(csv);
  });
}
