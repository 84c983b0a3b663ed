import type { PageContext } from '../web/page.js';
import { formatShort, spansYears } from './format.js';

// Pieces of events' pages that other features' pages embed (a chapter's or venue's list of events).

/** One event in a list: its title and short date. */
export function EventListItem({
  ctx,
  e,
  withYear,
}: {
  ctx: PageContext;
  e: { id: string; title: string; startsAt: Date; timeZone: string; kind: string; status: string };
  /** The list runs over several years (spansYears): say the year of each date. */
  withYear?: boolean;
}) {
  return (
    <li>
      <a href={`/events/${e.id}`}>{e.title}</a>{' '}
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
  list: {
    id: string;
    title: string;
    startsAt: Date;
    timeZone: string;
    chapter: string;
    venue: string | null;
  }[];
}) {
  const withYear = spansYears(list.map((e) => e.startsAt));
  return (
    <ul class="event-list">
      {list.map((e) => (
        <li>
          <a href={`/events/${e.id}`}>{e.title}</a>{' '}
          <span class="muted">
            · {formatShort(e.startsAt, e.timeZone, ctx.locale, withYear ? { withYear } : {})} · {e.chapter} ·{' '}
            {e.venue ?? ctx.t('event.online')}
          </span>
        </li>
      ))}
    </ul>
  );
}
