import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { xmlText } from '../feeds/service.js';
import { findChapter } from '../chapters/service.js';
import { sendCached } from '../web/conditional.js';
import { translator } from '../web/i18n.js';
import type { ArticleView } from './schemas.js';
import * as news from './service.js';

const FEED_SIZE = 30;

interface FeedFilter {
  chapter?: string;
  category?: string;
  tag?: string;
}

function filterOf(req: FastifyRequest): FeedFilter {
  const query = req.query as Record<string, unknown>;
  const pick = (k: string) => (typeof query[k] === 'string' && query[k] ? String(query[k]).slice(0, 300) : undefined);
  return Object.fromEntries(
    Object.entries({ chapter: pick('chapter'), category: pick('category'), tag: pick('tag') }).filter(([, v]) => v),
  );
}

async function feedItems(db: Db, req: FastifyRequest, filter: FeedFilter) {
  // One item per story, in the reader's language (the channel's) when translated, else the original.
  const one = { ...filter, oneLanguage: req.locale };
  const { rows } = await news.listArticles(db, req.network, null, one, { limit: FEED_SIZE, offset: 0 });
  return news.presentArticles(db, req.network.id, rows);
}

async function feedName(db: Db, req: FastifyRequest, filter: FeedFilter): Promise<string> {
  const parts = [req.network.name];
  if (filter.chapter) parts.push((await findChapter(db, req.network, filter.chapter)).name);
  if (filter.category) parts.push((await news.findCategory(db, req.network, filter.category))?.name ?? filter.category);
  if (filter.tag) parts.push((await news.findTag(db, req.network, filter.tag))?.name ?? filter.tag);
  return parts.join(' · ');
}

const latest = (items: ArticleView[]) =>
  items.reduce<Date | undefined>((m, v) => {
    const d = new Date(v.updatedAt);
    return !m || d > m ? d : m;
  }, undefined);

export function rssOf(
  items: ArticleView[],
  o: { baseUrl: string; title: string; self: string; description: string; language: string },
) {
  const item = (v: ArticleView) =>
    [
      '<item>',
      `<title>${xmlText(v.title)}</title>`,
      `<link>${xmlText(o.baseUrl + v.url)}</link>`,
      `<guid isPermaLink="false">${v.id}</guid>`,
      v.publishedAt ? `<pubDate>${new Date(v.publishedAt).toUTCString()}</pubDate>` : '',
      ...v.authors.map((a) => `<dc:creator>${xmlText(a.name)}</dc:creator>`),
      ...v.categories.map((c) => `<category>${xmlText(c.name)}</category>`),
      // Each article is in its own language, whatever the channel's (the reader's).
      `<dc:language>${v.language}</dc:language>`,
      `<description>${xmlText(v.excerpt)}</description>`,
      `<content:encoded>${xmlText(v.bodyHtml)}</content:encoded>`,
      '</item>',
    ].join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    '<channel>',
    `<title>${xmlText(o.title)}</title>`,
    `<link>${xmlText(`${o.baseUrl}/news`)}</link>`,
    `<atom:link href="${xmlText(o.self)}" rel="self" type="application/rss+xml"/>`,
    `<description>${xmlText(o.description)}</description>`,
    `<language>${o.language}</language>`,
    ...items.map(item),
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function atomOf(
  items: ArticleView[],
  o: { baseUrl: string; title: string; self: string; updated: Date; language: string },
) {
  // xml:lang (RFC 4287 §2): the feed's own texts in the reader's language, each entry in its article's.
  const entry = (v: ArticleView) =>
    [
      `<entry xml:lang="${v.language}">`,
      `<title>${xmlText(v.title)}</title>`,
      `<link rel="alternate" href="${xmlText(o.baseUrl + v.url)}"/>`,
      `<id>urn:uuid:${v.id}</id>`,
      `<published>${v.publishedAt ?? v.createdAt}</published>`,
      `<updated>${v.updatedAt}</updated>`,
      ...v.authors.map((a) => `<author><name>${xmlText(a.name)}</name></author>`),
      ...v.categories.map((c) => `<category term="${xmlText(c.path)}" label="${xmlText(c.name)}"/>`),
      `<summary>${xmlText(v.excerpt)}</summary>`,
      `<content type="html">${xmlText(v.bodyHtml)}</content>`,
      '</entry>',
    ].join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${o.language}">`,
    `<title>${xmlText(o.title)}</title>`,
    `<id>${xmlText(o.self)}</id>`,
    `<link rel="self" href="${xmlText(o.self)}"/>`,
    `<link rel="alternate" href="${xmlText(`${o.baseUrl}/news`)}"/>`,
    `<updated>${o.updated.toISOString()}</updated>`,
    `<author><name>${xmlText(o.title)}</name></author>`,
    ...items.map(entry),
    '</feed>',
    '',
  ].join('\n');
}

/** RSS and Atom of the network's news, or of one chapter, category or tag (`?chapter=`, `?category=`, `?tag=`). */
export function newsFeeds(app: FastifyInstance, db: Db, config: Config): void {
  const hide = { schema: { hide: true } };
  const send = (req: FastifyRequest, reply: FastifyReply, body: string, type: string, lastModified?: Date) =>
    sendCached(req, reply.header('vary', 'Accept-Language, Cookie'), {
      body,
      type,
      lastModified,
      cacheControl: 'public, max-age=300',
    });
  const self = (req: FastifyRequest) => `${config.baseUrl}${req.url}`;

  app.get('/news.rss', hide, async (req, reply) => {
    const filter = filterOf(req);
    const items = await feedItems(db, req, filter);
    const title = await feedName(db, req, filter);
    const t = translator(req.locale);
    const body = rssOf(items, {
      baseUrl: config.baseUrl,
      title,
      self: self(req),
      description: t('news.feedDescription', { name: title }),
      language: req.locale,
    });
    return send(req, reply, body, 'application/rss+xml; charset=utf-8', latest(items));
  });
  app.get('/news.atom', hide, async (req, reply) => {
    const filter = filterOf(req);
    const items = await feedItems(db, req, filter);
    const updated = latest(items) ?? new Date(0);
    const body = atomOf(items, {
      baseUrl: config.baseUrl,
      title: await feedName(db, req, filter),
      self: self(req),
      updated,
      language: req.locale,
    });
    return send(req, reply, body, 'application/atom+xml; charset=utf-8', latest(items));
  });
}
