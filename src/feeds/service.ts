import { sitemapArticles } from '../news/service.js';
import { placePieces, type PlaceParts } from '../calendar/format.js';
import { findChapter, listChapters } from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import { formatRange } from '../events/format.js';
import { renderMarkdown } from '../events/service.js';
import { eventPlaces, upcomingEvents } from '../events/service.js';
import type { Network } from '../networks/service.js';
import { listVenues } from '../venues/service.js';
import { latest } from '../web/conditional.js';
import { localized, localizedText } from '../web/content.js';
import type { Locale, T } from '../web/i18n.js';
import * as q from './queries.js';
import { renderRss } from './rss.js';
import { xmlText } from './xml.js';
import { eventPath } from '../web/event-path.js';

/** A feed lists the next events; a reader that wants everything subscribes to the calendar. */
const FEED_ITEMS = 100;
/** The sitemap protocol's limit is 50,000 addresses per file; chapters and venues take a few. */
const SITEMAP_EVENTS = 45_000;
/** A network has a handful of chapters and venues (the home page lists them all too). */
const SITEMAP_PLACES = 2_000;

// Helpers other features' feeds and pages use (news: its RSS/Atom and JSON-LD).
export { scriptSafeJson } from './jsonld.js';
export { xmlText } from './xml.js';

export interface FeedBody {
  body: string;
  lastModified: Date | undefined;
}

/** Upcoming published events of the network or of one chapter, as RSS in the visitor's language. */
export async function upcomingFeed(
  db: Db,
  network: Network,
  opts: { chapterSlug?: string; baseUrl: string; t: T; locale: Locale; now?: Date },
): Promise<FeedBody> {
  const { baseUrl, t, locale } = opts;
  const chapter = opts.chapterSlug ? await findChapter(db, network, opts.chapterSlug) : undefined;
  const rows = await upcomingEvents(db, network, { chapterId: chapter?.id, now: opts.now, limit: FEED_ITEMS });
  const places = await eventPlaces(db, rows);
  const items = rows.map((e) => {
    const venue = e.venueId ? places.venues.get(e.venueId) : undefined;
    const room = e.roomId ? places.rooms.get(e.roomId) : undefined;
    const place: PlaceParts = { venue: venue ?? null, room: room ?? null, onlineUrl: e.onlineUrl };
    const itsChapter = places.chapters.get(e.chapterId);
    const chapterName = itsChapter ? localizedText(itsChapter, 'name', locale) : '';
    const when = formatRange(e.startsAt, e.endsAt, e.timeZone, locale);
    // The organisers' words in the reader's language when written, else the original: the item says which.
    const title = localized(e, 'title', locale);
    const about = localized(e, 'description', locale);
    // The venue's and room's names likewise; one written in another language than the item's says so.
    const where = placePieces(place, locale)
      .map((x) =>
        x.lang && x.lang !== title.lang ? `<span lang="${x.lang}">${xmlText(x.text)}</span>` : xmlText(x.text),
      )
      .join(', ');
    return {
      title: title.text,
      language: title.lang,
      link: baseUrl + eventPath(e),
      pubDate: e.createdAt,
      category: chapterName,
      // Markdown is sanitised when rendered; the date and place are plain text, escaped here.
      descriptionHtml: `<p>${xmlText(when)}</p>${where ? `<p>${where}</p>` : ''}${about.lang === title.lang ? renderMarkdown(about.text) : `<div lang="${about.lang}">${renderMarkdown(about.text)}</div>`}`,
    };
  });
  const path = chapter ? `/chapters/${chapter.slug}` : '';
  const body = renderRss(
    {
      title: chapter
        ? t('feeds.chapterTitle', { chapter: localizedText(chapter, 'name', locale), network: network.name })
        : t('feeds.networkTitle', { network: network.name }),
      link: `${baseUrl}${path || '/'}`,
      selfUrl: `${baseUrl}${path}/events.rss`,
      description: t('feeds.description', { name: chapter ? localizedText(chapter, 'name', locale) : network.name }),
      language: locale,
      lastBuildDate: latest(rows.map((r) => r.updatedAt)),
    },
    items,
  );
  return {
    body,
    lastModified: latest([
      ...rows.map((r) => r.updatedAt),
      ...[...places.venues.values()].map((v) => v.updatedAt),
      chapter?.updatedAt,
    ]),
  };
}

/** Home, chapters, venues and upcoming published events: the public pages worth indexing. */
export async function sitemap(db: Db, network: Network, baseUrl: string, now = new Date()): Promise<FeedBody> {
  const [chapters, venues, events, articles] = await Promise.all([
    listChapters(db, network, { limit: SITEMAP_PLACES }),
    listVenues(db, network, { limit: SITEMAP_PLACES }),
    q.selectUpcomingIds(db, network.id, now, SITEMAP_EVENTS),
    sitemapArticles(db, network.id, SITEMAP_EVENTS),
  ]);
  const url = (path: string, lastmod?: Date) =>
    `<url><loc>${xmlText(`${baseUrl}${path}`)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ''}</url>`;
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url('/'),
    ...chapters.map((c) => url(`/chapters/${encodeURIComponent(c.slug)}`, c.updatedAt)),
    url('/venues'),
    ...venues.map((v) => url(`/venues/${encodeURIComponent(v.slug)}`, v.updatedAt)),
    ...events.map((e) => url(eventPath(e), e.updatedAt)),
    ...articles.map((a) => url(a.path, a.updatedAt)),
    '</urlset>',
    '',
  ].join('\n');
  return { body, lastModified: latest([...chapters, ...venues, ...events, ...articles].map((x) => x.updatedAt)) };
}

/** Public pages are open to crawlers; administration, tickets, the API and secret feeds are not. */
export function robotsTxt(baseUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /admin',
    'Disallow: /r/',
    'Disallow: /api/',
    'Disallow: /calendar/personal/',
    'Disallow: /me/',
    '',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
