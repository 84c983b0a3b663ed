import { placeText } from '../calendar/format.js';
import { formatRange } from '../events/format.js';
import type { EventView } from '../events/schemas.js';
import { locales, type Locale } from '../web/i18n.js';
import type { CoverPicture } from '../web/cover.js';
import type { PageContext } from '../web/page.js';
import { eventJsonLd, type ProgrammeItem, scriptSafeJson } from './jsonld.js';
export { chapterJsonLd } from './jsonld.js';
import { eventPath } from '../web/event-path.js';

/** Open Graph wants language_TERRITORY; the page exists in the three languages (?lang=). */
const OG_LOCALES: Record<Locale, string> = { fr: 'fr_BE', nl: 'nl_BE', en: 'en_GB' };

/**
 * What an event page tells machines in its <head>: schema.org JSON-LD for search engines, Open
 * Graph and Twitter cards for link previews. JSON-LD is a data block, not a script: the page's
 * Content-Security-Policy (script-src 'self') does not apply to it, and no browser runs it.
 */
export function EventHead({
  ctx,
  view,
  baseUrl,
  programme,
}: {
  ctx: PageContext;
  view: EventView;
  baseUrl: string;
  programme?: ProgrammeItem[];
}) {
  const url = baseUrl + eventPath(view);
  const when = formatRange(new Date(view.startsAt), new Date(view.endsAt), view.timeZone, ctx.locale);
  const summary = [
    view.status === 'cancelled' ? ctx.t('event.cancelled', { reason: view.cancelReason ?? '' }) : null,
    when,
    placeText(view, ctx.locale),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      <link rel="canonical" href={url} />
      <meta name="description" content={summary} />
      <meta property="og:type" content="website" />
      <meta property="og:site_name" content={ctx.network.name} />
      <meta property="og:title" content={view.title} />
      <meta property="og:description" content={summary} />
      <meta property="og:url" content={url} />
      <meta property="og:locale" content={OG_LOCALES[ctx.locale]} />
      {locales
        .filter((l) => l !== ctx.locale)
        .map((l) => (
          <meta property="og:locale:alternate" content={OG_LOCALES[l]} />
        ))}
      <CoverMeta cover={view.cover} baseUrl={baseUrl} />
      <meta name="twitter:title" content={view.title} />
      <meta name="twitter:description" content={summary} />
      <script
        type="application/ld+json"
        dangerouslySetInnerHTML={{
          __html: scriptSafeJson(eventJsonLd(view, { baseUrl, networkName: ctx.network.name, programme })),
        }}
      />
    </>
  );
}

/**
 * The picture of a link preview (Open Graph, Twitter), absolute as they require, with its text
 * alternative; without a cover, the small card.
 */
export function CoverMeta({ cover, baseUrl }: { cover: CoverPicture | null; baseUrl: string }) {
  if (!cover) return <meta name="twitter:card" content="summary" />;
  return (
    <>
      <meta property="og:image" content={`${baseUrl}${cover.url}`} />
      <meta property="og:image:width" content={String(cover.width)} />
      <meta property="og:image:height" content={String(cover.height)} />
      <meta property="og:image:alt" content={cover.alt} />
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:image:alt" content={cover.alt} />
    </>
  );
}

/**
 * Link previews and schema.org for a chapter (an Organization) or a venue (a Place) page, with its
 * cover picture as `image` when it has one.
 */
export function PlaceHead({
  ctx,
  baseUrl,
  path,
  name,
  description,
  cover,
  schema,
  document,
}: {
  ctx: PageContext;
  baseUrl: string;
  path: string;
  name: string;
  description: string;
  cover: CoverPicture | null;
  schema?: Record<string, unknown>;
  /** A whole schema.org document instead of `schema` + name, url and description (the cover is added). */
  document?: Record<string, unknown>;
}) {
  const url = `${baseUrl}${path}`;
  const image = cover ? { image: [`${baseUrl}${cover.url}`] } : {};
  const jsonLd = document
    ? { ...document, ...image }
    : {
        '@context': 'https://schema.org',
        ...schema,
        name,
        url,
        ...(description ? { description } : {}),
        ...image,
      };
  return (
    <>
      <meta property="og:type" content="website" />
      <meta property="og:site_name" content={ctx.network.name} />
      <meta property="og:title" content={name} />
      <meta property="og:url" content={url} />
      <meta property="og:locale" content={OG_LOCALES[ctx.locale]} />
      {description ? <meta property="og:description" content={description} /> : null}
      <CoverMeta cover={cover} baseUrl={baseUrl} />
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptSafeJson(jsonLd) }} />
    </>
  );
}

/** <link rel="alternate"> for the RSS feed and the calendar of a page (network or chapter). */
export function FeedAlternates({ ctx, chapter }: { ctx: PageContext; chapter?: { slug: string; name: string } }) {
  const { t } = ctx;
  const base = chapter ? `/chapters/${chapter.slug}` : '';
  const name = chapter?.name ?? ctx.network.name;
  return (
    <>
      <link
        rel="alternate"
        type="application/rss+xml"
        title={t('feeds.rssTitle', { name })}
        href={`${base}/events.rss`}
      />
      <link
        rel="alternate"
        type="text/calendar"
        title={t('feeds.calendarTitle', { name })}
        href={`${base}/calendar.ics`}
      />
    </>
  );
}

/** Visible links to the same feeds, for people: subscribe in a calendar app, or in a feed reader. */
export function FeedLinks({ ctx, base, rss = true }: { ctx: PageContext; base: string; rss?: boolean }) {
  const { t } = ctx;
  return (
    <p class="feeds">
      <a href={`${base}/calendar.ics`} type="text/calendar">
        {t('feeds.subscribeCalendar')}
      </a>
      {rss ? (
        <>
          {' · '}
          <a href={`${base}/events.rss`} type="application/rss+xml">
            {t('feeds.rss')}
          </a>
        </>
      ) : null}
    </p>
  );
}
