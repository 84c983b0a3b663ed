import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { articleSlugsStartingWith, findArticleBySlug, findAuthor, findCategory, findTag } from '../news/service.js';
import { findRedirect, redirectKey } from './service.js';

/** A truncated old slug must be this long before it may stand for an article (never "le", "a"). */
const MIN_PREFIX = 12;

/**
 * Where an old (WordPress) address lives now, or undefined: the redirect table first, then the
 * WordPress shapes — /category/a/b/, /tag/x/, /author/x/, /feed/, /page/N/, /YYYY/MM/DD/slug/ —
 * and a slug cut short that starts exactly one article's slug (several: no guess).
 */
export async function oldAddressTarget(db: Db, req: FastifyRequest): Promise<string | undefined> {
  const network = req.network;
  const stored = await findRedirect(db, network.id, req.url);
  if (stored) return stored;
  const key = redirectKey(req.url);
  if (key.includes('?')) return undefined;
  const parts = key.split('/').filter(Boolean);
  const feed = parts.at(-1) === 'feed' || parts.at(-1) === 'rss';
  const segs = feed ? parts.slice(0, -1) : parts;
  if (segs[0] === 'category' && segs.length > 1) {
    const path = segs.slice(1).join('/');
    if (!(await findCategory(db, network, path))) return undefined;
    return feed ? `/news.rss?category=${encodeURIComponent(path)}` : `/news/category/${path}`;
  }
  if (segs[0] === 'tag' && segs.length === 2) {
    if (!(await findTag(db, network, segs[1]!))) return undefined;
    return feed ? `/news.rss?tag=${encodeURIComponent(segs[1]!)}` : `/news/tag/${segs[1]}`;
  }
  if (segs[0] === 'author' && segs.length === 2)
    return (await findAuthor(db, network, segs[1]!)) ? `/news/author/${segs[1]}` : undefined;
  if (segs.length === 0 && feed) return '/news.rss';
  if (parts.join('/') === 'feed/atom') return '/news.atom';
  if (segs[0] === 'page' && /^\d{1,5}$/.test(segs[1] ?? '') && segs.length === 2)
    return segs[1] === '1' ? '/news' : `/news?page=${segs[1]}`;
  // /2011/06/10/slug/, /2011/06/slug/, /slug/
  const slug = segs.filter((s) => !/^\d{1,4}$/.test(s)).at(-1);
  if (!slug || segs.length > 5 || !/^[a-z0-9-]+$/.test(slug)) return undefined;
  const exact = await findArticleBySlug(db, network, slug);
  if (exact && (exact.status === 'published' || exact.status === 'unlisted')) return `/news/${exact.slug}`;
  if (slug.length < MIN_PREFIX) return undefined;
  const starting = await articleSlugsStartingWith(db, network.id, slug);
  return starting.length === 1 ? `/news/${starting[0]!.slug}` : undefined;
}

/** `/?p=23`, `/?page_id=7`, `/?feed=rss2` reach the home page route: answered before it. */
export function oldQueryRedirects(app: FastifyInstance, db: Db): void {
  app.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' || !/^\/(index\.php)?\?(.*&)?(p|page_id|feed|cat)=/.test(req.url)) return;
    if (/[?&]feed=/.test(req.url) && !/[?&](p|page_id)=/.test(req.url)) return reply.redirect('/news.rss', 301);
    const to = await findRedirect(db, req.network.id, req.url.replace(/^\/index\.php/, '/'));
    if (to) return reply.redirect(to, 301);
  });
}
