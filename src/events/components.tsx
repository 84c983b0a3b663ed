import { Localized, localized, LocalizedName, type Translations } from '../web/content.js';
import { type CoverRef, coverView } from '../storage/service.js';
import { CoverImage } from '../web/cover.js';
import type { PageContext } from '../web/page.js';
import type { WhoIsGoing } from '../registrations/service.js';
import { formatShort, spansYears } from './format.js';
import type { EventView } from './schemas.js';
import { eventPath } from '../web/event-path.js';
import { DirectionsLinks } from '../maps/components.js';
import { coordinatesOf, osmUrl } from '../maps/service.js';

// Pieces of events' pages that other features' pages embed (a chapter's or venue's list of events).

/** An event's title in the reader's language when written, else the original, marked with its `lang`. */
function EventTitleLink({ ctx, e }: { ctx: PageContext; e: { id: string; title: string } & Partial<Titled> }) {
  const title = e.language
    ? localized({ ...e, language: e.language, translations: e.translations ?? {} }, 'title', ctx.locale)
    : undefined;
  return (
    <a href={eventPath(e)} lang={title && title.lang !== ctx.locale ? title.lang : undefined}>
      {title?.text ?? e.title}
    </a>
  );
}

interface Titled {
  language: string;
  translations: Translations;
}

/** One event in a list: its title and short date. */
export function EventListItem({
  ctx,
  e,
  withYear,
}: {
  ctx: PageContext;
  e: { id: string; title: string; startsAt: Date; timeZone: string; kind: string; status: string } & Partial<Titled>;
  /** The list runs over several years (spansYears): say the year of each date. */
  withYear?: boolean;
}) {
  return (
    <li>
      <EventTitleLink ctx={ctx} e={e} />{' '}
      <span class="muted">· {formatShort(e.startsAt, e.timeZone, ctx.locale, withYear ? { withYear } : {})}</span>
    </li>
  );
}

/** Events of the public lists: title, date, chapter and place (or "online"). */
export function PublicEventList({
  ctx,
  list,
}: {
  ctx: PageContext;
  list: (Partial<Titled> & {
    id: string;
    title: string;
    startsAt: Date;
    timeZone: string;
    chapter: string;
    chapterLanguage?: string;
    chapterTranslations?: Translations;
    venue: string | null;
    cover?: CoverRef | null;
  })[];
}) {
  const withYear = spansYears(list.map((e) => e.startsAt));
  return (
    <ul class="event-list">
      {list.map((e) => (
        <li>
          <CoverImage cover={coverView(e.cover)} variant="card" sizes="6rem" />
          <EventTitleLink ctx={ctx} e={e} />{' '}
          <span class="muted">
            · {formatShort(e.startsAt, e.timeZone, ctx.locale, withYear ? { withYear } : {})} ·{' '}
            <ChapterName ctx={ctx} e={e} /> · {e.venue ?? ctx.t('event.online')}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The chapter's name in the reader's language when written (the list's own query brings its translations). */
function ChapterName({
  ctx,
  e,
}: {
  ctx: PageContext;
  e: { chapter: string; chapterLanguage?: string; chapterTranslations?: Translations };
}) {
  if (!e.chapterLanguage) return <>{e.chapter}</>;
  const name = localized(
    { name: e.chapter, language: e.chapterLanguage, translations: e.chapterTranslations ?? {} },
    'name',
    ctx.locale,
  );
  return name.lang === ctx.locale ? name.text : <span lang={name.lang}>{name.text}</span>;
}

// Where an event is and how to tell others about it: used by the event page and the ticket page.

/** OpenStreetMap's search for the address: a plain link, no map tiles or script on our pages. */
export const mapUrl = (venue: { address: string; city: string }): string =>
  `https://www.openstreetmap.org/search?query=${encodeURIComponent([venue.address, venue.city].filter(Boolean).join(', '))}`;

/** A map at the venue's coordinates and directions to it; without coordinates, a search for its address. */
function VenueMapLinks({ ctx, venue }: { ctx: PageContext; venue: NonNullable<EventView['venue']> }) {
  const at = coordinatesOf(venue);
  return (
    <>
      <a href={at ? osmUrl(at) : mapUrl(venue)} rel="noopener nofollow" class="map-link">
        {ctx.t('eventShare.map')}
      </a>
      {at ? (
        <>
          {' · '}
          <DirectionsLinks ctx={ctx} at={at} />
        </>
      ) : null}
    </>
  );
}

/** The venue (linked), its room and address with a map link, and the online link. */
export function EventPlace({ ctx, view }: { ctx: PageContext; view: Pick<EventView, 'venue' | 'room' | 'onlineUrl'> }) {
  const { t } = ctx;
  return (
    <>
      {view.venue ? (
        <>
          <a href={`/venues/${view.venue.slug}`}>
            <LocalizedName row={view.venue} t={t} />
          </a>
          {view.room ? (
            <>
              {' — '}
              <Localized value={localized(view.room, 'name', ctx.locale)} t={t} />
            </>
          ) : null}
          , <span class="address">{[view.venue.address, view.venue.city].filter(Boolean).join(', ')}</span> ·{' '}
          <VenueMapLinks ctx={ctx} venue={view.venue} />
        </>
      ) : null}
      {view.venue && view.onlineUrl ? ' · ' : null}
      {view.onlineUrl ? (
        <a href={view.onlineUrl} rel="noopener nofollow">
          {t('event.onlineLink')}
        </a>
      ) : null}
    </>
  );
}

/**
 * Share links that work without JavaScript: the address to copy (a read-only field), an e-mail
 * and LinkedIn. Nothing is loaded from those services until the visitor follows a link.
 */
export function ShareLinks({ ctx, title, url }: { ctx: PageContext; title: string; url: string }) {
  const { t } = ctx;
  const mail = `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(`${title}\n${url}`)}`;
  return (
    <section id="share" aria-labelledby="share-title">
      <h2 id="share-title">{t('eventShare.title')}</h2>
      <label htmlFor="share-url">{t('eventShare.link')}</label>
      <input id="share-url" type="url" value={url} readOnly />
      <p class="actions">
        <a href={mail}>{t('eventShare.email')}</a>
        <a
          href={`https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(url)}`}
          rel="noopener nofollow"
        >
          LinkedIn
        </a>
      </p>
    </section>
  );
}

/** The members going who chose to show their name; a link to their profile when they are in the directory. */
export function GoingList({ ctx, going }: { ctx: PageContext; going: WhoIsGoing }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="who-is-going">
      <h2 id="who-is-going">{t('eventShare.whoIsGoing')}</h2>
      <ul class="inline-list">
        {going.people.map((p) => (
          <li>{p.memberId ? <a href={`/members/${p.memberId}`}>{p.name}</a> : p.name}</li>
        ))}
      </ul>
      {going.more > 0 ? <p class="muted">{t('eventShare.andMore', { count: going.more })}</p> : null}
    </section>
  );
}
