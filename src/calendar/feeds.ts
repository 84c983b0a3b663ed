import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { sendCached } from '../web/conditional.js';
import * as calendar from './service.js';
import { eventIdOf } from '../web/event-path.js';

const ICS = 'text/calendar; charset=utf-8';
/** Public feeds may sit in shared caches for a few minutes; calendar apps poll far less often. */
const PUBLIC = 'public, max-age=300';
/** The personal feed is a secret: no shared cache, and the address never leaks through a Referer. */
const PRIVATE = 'private, max-age=300';

function send(
  req: FastifyRequest,
  reply: FastifyReply,
  feed: calendar.CalendarBody,
  cacheControl: string,
  filename?: string,
) {
  if (filename) reply.header('content-disposition', `attachment; filename="${filename}"`);
  return sendCached(req, reply, { body: feed.body, type: ICS, lastModified: feed.lastModified, cacheControl });
}

/** iCalendar feeds: the network's, each chapter's and venue's, one event's, and a member's own. */
export function calendarFeeds(app: FastifyInstance, db: Db, config: Config): void {
  const hide = { schema: { hide: true } };

  app.get('/calendar.ics', hide, async (req, reply) =>
    send(req, reply, await calendar.publicCalendar(db, req.network, { kind: 'network' }, config), PUBLIC),
  );

  app.get<{ Params: { slug: string } }>('/chapters/:slug/calendar.ics', hide, async (req, reply) =>
    send(
      req,
      reply,
      await calendar.publicCalendar(db, req.network, { kind: 'chapter', slug: req.params.slug }, config),
      PUBLIC,
    ),
  );

  app.get<{ Params: { slug: string } }>('/venues/:slug/calendar.ics', hide, async (req, reply) =>
    send(
      req,
      reply,
      await calendar.publicCalendar(db, req.network, { kind: 'venue', slug: req.params.slug }, config),
      PUBLIC,
    ),
  );

  app.get<{ Params: { id: string } }>('/events/:id.ics', hide, async (req, reply) => {
    // `/events/{id}-{slug}.ics` as linked from the page, and the bare-id address of before.
    const id = eventIdOf(req.params.id) ?? req.params.id;
    const feed = await calendar.eventCalendar(db, req.network, id, req.user, config);
    // A draft is seen by its organisers only: keep it out of shared caches.
    return send(req, reply, feed, req.user ? 'private, no-cache' : PUBLIC, `event-${id}.ics`);
  });

  app.get<{ Params: { token: string } }>('/calendar/personal/:token.ics', hide, async (req, reply) => {
    reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
    return send(req, reply, await calendar.personalCalendar(db, req.network, req.params.token, config), PRIVATE);
  });
}
