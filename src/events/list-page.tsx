import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listChapters } from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import { listVenues } from '../venues/service.js';
import { OffsetQuerySchema } from '../web/pagination.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { PublicEventList } from './components.js';
import { listPublicEvents } from './service.js';
import { fromWallClock } from './time.js';

const PAGE = 30;
const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
/** Filters from a shared link: anything malformed is ignored rather than an error page. */
const EventsQuerySchema = OffsetQuerySchema.extend({
  chapter: z.preprocess(one, z.string().max(80).catch('')).optional(),
  venue: z.preprocess(one, z.string().max(80).catch('')).optional(),
  mode: z.preprocess(one, z.enum(['online', 'in-person']).optional().catch(undefined)),
  from: z.preprocess(one, z.iso.date().optional().catch(undefined)),
  q: z.preprocess(one, z.string().max(120).catch('')).optional(),
  when: z.preprocess(one, z.enum(['upcoming', 'past']).optional().catch(undefined)),
});

/** `/events`: the upcoming events of every chapter, filtered by chapter, venue, date, online or in person, and words. */
export function eventListPages(app: FastifyInstance, db: Db): void {
  app.get('/events', async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const f = EventsQuerySchema.parse(req.query ?? {});
    const [y, m, d] = (f.from ?? '').split('-').map(Number);
    const past = f.when === 'past';
    // Upcoming: from that day on (never before now). Past: latest first, before that day (never after now).
    const day = f.from
      ? fromWallClock({ year: y!, month: m!, day: d!, hour: 0, minute: 0 }, 'Europe/Brussels').getTime()
      : Date.now();
    const from = new Date(past ? Math.min(Date.now(), day) : Math.max(Date.now(), day));
    const text = f.q?.trim() || undefined;
    const [list, chapters, venues] = await Promise.all([
      listPublicEvents(db, req.network, {
        from,
        chapterSlug: f.chapter || undefined,
        venueSlug: f.venue || undefined,
        mode: f.mode,
        text,
        past,
        limit: PAGE + 1,
        offset: f.offset,
      }),
      listChapters(db, req.network, { limit: 500 }),
      listVenues(db, req.network, { limit: 500 }),
    ]);
    const params = (offset: number) =>
      `/events?${new URLSearchParams({
        ...(f.chapter ? { chapter: f.chapter } : {}),
        ...(f.venue ? { venue: f.venue } : {}),
        ...(f.mode ? { mode: f.mode } : {}),
        ...(f.from ? { from: f.from } : {}),
        ...(text ? { q: text } : {}),
        ...(past ? { when: 'past' } : {}),
        offset: String(offset),
      }).toString()}`;
    const title = past ? t('events.list.past') : t('events.list.title');
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <form method="get" action="/events" class="filters" role="search">
          <div>
            <label htmlFor="f-q">{t('events.list.search')}</label>
            <input id="f-q" name="q" type="search" value={text ?? ''} />
          </div>
          <div>
            <label htmlFor="f-chapter">{t('events.list.chapter')}</label>
            <select id="f-chapter" name="chapter">
              <option value="">{t('events.list.all')}</option>
              {chapters.map((c) => (
                <option value={c.slug} selected={f.chapter === c.slug}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-venue">{t('events.list.venue')}</label>
            <select id="f-venue" name="venue">
              <option value="">{t('events.list.all')}</option>
              {venues.map((v) => (
                <option value={v.slug} selected={f.venue === v.slug}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-mode">{t('events.list.mode')}</label>
            <select id="f-mode" name="mode">
              <option value="">{t('events.list.all')}</option>
              <option value="in-person" selected={f.mode === 'in-person'}>
                {t('events.list.inPerson')}
              </option>
              <option value="online" selected={f.mode === 'online'}>
                {t('event.online')}
              </option>
            </select>
          </div>
          <div>
            <label htmlFor="f-when">{t('eventsList.when')}</label>
            <select id="f-when" name="when">
              <option value="upcoming">{t('eventsList.upcoming')}</option>
              <option value="past" selected={past}>
                {t('eventsList.past')}
              </option>
            </select>
          </div>
          <div>
            <label htmlFor="f-from">{t('events.list.from')}</label>
            <input id="f-from" name="from" type="date" value={f.from ?? ''} />
          </div>
          <div>
            <button type="submit">{t('events.list.filter')}</button>
          </div>
        </form>
        {list.length ? (
          <PublicEventList ctx={ctx} list={list.slice(0, PAGE)} />
        ) : (
          <p class="muted">{past ? t('eventsList.nonePast') : t('events.list.none')}</p>
        )}
        <p>
          {/* Past events run latest first: the next page holds earlier ones. */}
          {f.offset > 0 ? (
            <a href={params(Math.max(0, f.offset - PAGE))} rel="prev">
              {past ? t('events.list.later') : t('events.list.earlier')}
            </a>
          ) : null}{' '}
          {list.length > PAGE ? (
            <a href={params(f.offset + PAGE)} rel="next">
              {past ? t('events.list.earlier') : t('events.list.later')}
            </a>
          ) : null}
        </p>
      </Layout>,
    );
  });
}
