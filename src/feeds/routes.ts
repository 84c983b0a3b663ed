import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { sendCached } from '../web/conditional.js';
import { translator } from '../web/i18n.js';
import * as feeds from './service.js';

const RSS = 'application/rss+xml; charset=utf-8';

/** News feeds, sitemap and robots.txt: the site as machines read it. */
export function feedRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const hide = { schema: { hide: true } };
  const { baseUrl } = config;

  // Feeds are written in the visitor's language: a shared cache must keep one copy per language.
  const rss = (req: FastifyRequest, reply: FastifyReply, feed: feeds.FeedBody) =>
    sendCached(req, reply.header('vary', 'Accept-Language, Cookie'), {
      body: feed.body,
      type: RSS,
      lastModified: feed.lastModified,
      cacheControl: 'public, max-age=300',
    });

  app.get('/events.rss', hide, async (req, reply) =>
    rss(
      req,
      reply,
      await feeds.upcomingFeed(db, req.network, { baseUrl, t: translator(req.locale), locale: req.locale }),
    ),
  );

  app.get<{ Params: { slug: string } }>('/chapters/:slug/events.rss', hide, async (req, reply) =>
    rss(
      req,
      reply,
      await feeds.upcomingFeed(db, req.network, {
        chapterSlug: req.params.slug,
        baseUrl,
        t: translator(req.locale),
        locale: req.locale,
      }),
    ),
  );

  app.get('/sitemap.xml', hide, async (req, reply) => {
    const map = await feeds.sitemap(db, req.network, baseUrl);
    return sendCached(req, reply, {
      body: map.body,
      type: 'application/xml; charset=utf-8',
      lastModified: map.lastModified,
      cacheControl: 'public, max-age=3600',
    });
  });

  app.get('/robots.txt', hide, async (_req, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(feeds.robotsTxt(baseUrl)),
  );
}
