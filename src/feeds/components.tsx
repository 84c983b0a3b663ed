import { placeText } from '../calendar/format.js';
import { formatRange } from '../events/format.js';
import type { EventView } from '../events/schemas.js';
import { locales, type Locale } from '../web/i18n.js';
import type { PageContext } from '../web/page.js';
import { chapterJsonLd, eventJsonLd, type ProgrammeItem, scriptSafeJson } from './jsonld.js';
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
    placeText(view),
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
      <meta name="twitter:card" content="summary" />
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

/** A chapter page's schema.org description, with its name and description as the page shows them. */
export function ChapterJsonLd({
  ctx,
  chapter,
  baseUrl,
}: {
  ctx: PageContext;
  chapter: { slug: string; name: string; description: string; city: string };
  baseUrl: string;
}) {
  return (
    <script
      type="application/ld+json"
      dangerouslySetInnerHTML={{
        __html: scriptSafeJson(chapterJsonLd(chapter, { baseUrl, networkName: ctx.network.name, locale: ctx.locale })),
      }}
    />
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
