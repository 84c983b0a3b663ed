import { colon, intlLocales } from '../web/i18n.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AssignPersonSchema } from '../chapters/schemas.js';
import type { Db } from '../db/connection.js';
import { filled, formError, formValues, parseForm, Section } from '../web/forms.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { FeedLinks, PlaceHead } from '../feeds/components.js';
import { coverView } from '../storage/service.js';
import { CoverImage } from '../web/cover.js';
import type { Config } from '../config.js';
import { coordinatesOf, geocoderFor } from '../maps/service.js';
import { PlaceMap } from '../maps/components.js';
import { PublicEventList } from '../events/components.js';
import { listPublicEvents } from '../events/service.js';
import { authorize, refusalText } from '../web/policy.js';
import { Localized, localized, LocalizedName, localizedText } from '../web/content.js';
import { venueManagePages } from './manage-pages.js';
import { CHANGE_SLUG, venuePolicy } from './policy.js';
import { VenueCreateSchema, VenueUpdateSchema } from './schemas.js';
import * as venues from './service.js';
import { parseVenueForm, newVenuePage, editVenuePage } from './edit-pages.js';
import { TableWrap } from '../web/table-wrap.js';

type Params = { Params: { slug: string } };

async function venueListPage(db: Db, req: FastifyRequest, reply: FastifyReply) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const rows = await venues.listVenues(db, req.network, { limit: 500 });
  const rooms = await venues.roomsOf(
    db,
    req.network,
    rows.map((v) => v.id),
  );
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('venue.list')}>
      <h1>{t('venue.list')}</h1>
      {rows.length ? (
        <ul class="cards">
          {rows.map((v) => (
            <li class="card">
              <h2>
                <a href={`/venues/${v.slug}`}>
                  <LocalizedName row={v} t={t} />
                </a>
              </h2>
              <p>
                {t(`kind.${v.kind}`)} · {v.city}
              </p>
              {(rooms.get(v.id) ?? []).length ? (
                <p class="muted">
                  {(rooms.get(v.id) ?? [])
                    .map(
                      (r) =>
                        `${localizedText(r, 'name', ctx.locale)}${colon(ctx.locale)}${t('venue.seats', { count: r.capacity })}`,
                    )
                    .join(' · ')}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('venue.none')}</p>
      )}
      {venuePolicy.create(req.user) ? (
        <p>
          <a href="/admin/venues/new">{t('admin.newVenue')}</a>
        </p>
      ) : null}
    </Layout>,
  );
}

async function venuePage(db: Db, config: Config, req: FastifyRequest<Params>, reply: FastifyReply) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const venue = await venues.findVenue(db, req.network, req.params.slug);
  const rooms = (await venues.roomsOf(db, req.network, [venue.id])).get(venue.id) ?? [];
  const chapters = (await venues.hostedChapters(db, req.network, [venue.id])).get(venue.id) ?? [];
  // What is on here next, and what it has hosted: a few of each, the rest on /events.
  const here = { from: new Date(), venueSlug: venue.slug, offset: 0 };
  const [upcoming, past] = await Promise.all([
    listPublicEvents(db, req.network, { ...here, limit: 10 }),
    listPublicEvents(db, req.network, { ...here, past: true, limit: 5 }),
  ]);
  const at = coordinatesOf(venue);
  // The venue's words in the reader's language when written, else the original (the description marked).
  const name = localized(venue, 'name', ctx.locale);
  const about = localized(venue, 'description', ctx.locale);
  const cover = coverView(venue.cover);
  const eventsHere = (when: string) => `/events?venue=${encodeURIComponent(venue.slug)}${when}`;
  return sendPage(
    reply,
    <Layout
      ctx={ctx}
      title={name.text}
      head={
        <PlaceHead
          ctx={ctx}
          baseUrl={config.baseUrl}
          path={`/venues/${venue.slug}`}
          name={name.text}
          description={about.text}
          cover={cover}
          schema={{
            '@type': 'Place',
            address: {
              '@type': 'PostalAddress',
              ...(venue.address ? { streetAddress: venue.address } : {}),
              addressLocality: venue.city,
            },
            ...(at ? { geo: { '@type': 'GeoCoordinates', latitude: at.latitude, longitude: at.longitude } } : {}),
          }}
        />
      }
    >
      <h1>
        <Localized value={name} t={t} marker={false} />
      </h1>
      <CoverImage cover={cover} />
      <dl>
        <dt>{t('venue.kind')}</dt>
        <dd>{t(`kind.${venue.kind}`)}</dd>
        <dt>{t('venue.address')}</dt>
        <dd>{[venue.address, venue.city].filter(Boolean).join(', ')}</dd>
        {venue.affiliation ? (
          <>
            <dt>{t('venue.affiliation')}</dt>
            <dd>{venue.affiliation}</dd>
          </>
        ) : null}
        {venue.coworkers !== null ? (
          <>
            <dt>{t('venue.coworkers')}</dt>
            <dd>{new Intl.NumberFormat(intlLocales[ctx.locale]).format(venue.coworkers)}</dd>
          </>
        ) : null}
        {venue.website ? (
          <>
            <dt>{t('venue.website')}</dt>
            <dd>
              <a href={venue.website} rel="noopener nofollow">
                {venue.website}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {about.text ? (
        <p class="pre-line">
          <Localized value={about} t={t} />
        </p>
      ) : null}
      <Section title={t('venue.rooms')}>
        {rooms.length ? (
          <TableWrap>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('venue.room')}</th>
                  <th scope="col">{t('venue.capacity')}</th>
                </tr>
              </thead>
              <tbody>
                {rooms.map((r) => (
                  <tr>
                    <td>
                      <Localized value={localized(r, 'name', ctx.locale)} t={t} />
                    </td>
                    <td>{t('venue.seats', { count: r.capacity })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p class="muted">{t('venue.noRooms')}</p>
        )}
      </Section>
      {at ? <PlaceMap ctx={ctx} at={at} place={name.text} tiles={config.mapTilesUrl} /> : null}
      <Section title={t('event.upcoming')}>
        {upcoming.length ? (
          <>
            <PublicEventList ctx={ctx} list={upcoming} />
            <p>
              <a href={eventsHere('')}>{t('eventsList.allUpcoming')}</a>
            </p>
          </>
        ) : (
          <p class="muted">{t('eventsList.noUpcoming')}</p>
        )}
      </Section>
      {past.length ? (
        <Section title={t('events.list.past')}>
          <PublicEventList ctx={ctx} list={past} />
          <p>
            <a href={eventsHere('&when=past')}>{t('eventsList.allPast')}</a>
          </p>
        </Section>
      ) : null}
      {chapters.length ? (
        <Section title={t('venue.hosts')}>
          <ul>
            {chapters.map((c) => (
              <li>
                <a href={`/chapters/${c.slug}`}>
                  <LocalizedName row={c} t={t} />
                </a>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <FeedLinks ctx={ctx} base={`/venues/${venue.slug}`} rss={false} />
      {(await venuePolicy.edit(db, req.user, venue)) ? (
        <p>
          <a href={`/admin/venues/${venue.slug}`}>{t('admin.edit')}</a>
        </p>
      ) : null}
      {(await venuePolicy.seeActivity(db, req.user, venue)) ? (
        <p>
          <a href={`/venues/${venue.slug}/manage`}>{t('consent.manage.link')}</a>
        </p>
      ) : null}
    </Layout>,
  );
}

export function venuePages(app: FastifyInstance, db: Db, config: Config): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get('/venues', (req, reply) => venueListPage(db, req, reply));
  app.get<Params>('/venues/:slug', (req, reply) => venuePage(db, config, req, reply));
  venueManagePages(app, db);

  app.get('/admin/venues/new', (req, reply) => {
    authorize(req.user, venuePolicy.create(req.user), 'create venues');
    return newVenuePage(req, reply);
  });

  app.post('/admin/venues', csrf, async (req, reply) => {
    authorize(req.user, venuePolicy.create(req.user), 'create venues');
    const form = parseVenueForm(VenueCreateSchema, req.body);
    if (!form.ok) return newVenuePage(req, reply, form);
    try {
      const geocode = geocoderFor(config, (why) => req.log.warn(why));
      const row = await venues.createVenue(db, req.network, form.data, req.user, geocode);
      return reply.redirect(`/admin/venues/${row.slug}?done=created`, 303);
    } catch (err) {
      return newVenuePage(req, reply, formError(err, form.values));
    }
  });

  app.get<Params>('/admin/venues/:slug', (req, reply) => editVenuePage(db, req, reply));

  app.post<Params>('/admin/venues/:slug', csrf, async (req, reply) => {
    const venue = await venues.findVenue(db, req.network, req.params.slug);
    authorize(req.user, await venuePolicy.edit(db, req.user, venue), `edit the venue ${venue.name}`);
    // Managers edit the venue and its rooms; its URL name stays with the network's admins. The form
    // answers as the API does (403, said on the form) instead of dropping the field silently.
    const body = { ...(req.body as Record<string, unknown>) };
    if (!venuePolicy.changeSlug(req.user) && filled(body.slug))
      return editVenuePage(
        db,
        req,
        reply,
        { venue: { values: formValues(body), errors: { '(form)': refusalText(CHANGE_SLUG) } } },
        403,
      );
    const form = parseVenueForm(VenueUpdateSchema, body);
    if (!form.ok) return editVenuePage(db, req, reply, { venue: form }, 400);
    try {
      const row = await venues.updateVenue(db, req.network, req.params.slug, form.data, req.user);
      return reply.redirect(`/admin/venues/${row.slug}?done=saved`, 303);
    } catch (err) {
      return editVenuePage(db, req, reply, { venue: formError(err, form.values) }, 409);
    }
  });

  app.post<Params>('/admin/venues/:slug/managers', csrf, async (req, reply) => {
    authorize(req.user, venuePolicy.manageManagers(req.user), 'appoint venue managers');
    const form = parseForm(AssignPersonSchema, req.body);
    if (!form.ok) return editVenuePage(db, req, reply, { manager: form }, 400);
    try {
      await venues.addManager(db, req.network, req.params.slug, form.data.email, req.user);
      return reply.redirect(`/admin/venues/${req.params.slug}?done=added`, 303);
    } catch (err) {
      return editVenuePage(db, req, reply, { manager: formError(err, form.values) }, 404);
    }
  });
}
