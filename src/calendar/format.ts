/**
 * Small pure helpers shared by the iCalendar feeds, the event page's "add to calendar" links and
 * the news feeds: where an event takes place as one line, and the links of calendar services.
 */

import { localized, type Translations } from '../web/content.js';
import { isLocale, type Locale } from '../web/i18n.js';

/** A venue's or a room's name, with the language it is written in and its translations when known. */
type Named = { name: string; language?: string; translations?: Translations };

export interface PlaceParts {
  venue: (Named & { address: string; city: string }) | null;
  room: Named | null;
  onlineUrl: string | null;
}

/** A piece of a place's line, with the language it is in when it is a name written in one. */
export interface PlacePiece {
  text: string;
  lang?: Locale;
}

const nameIn = (x: Named, locale: Locale | undefined): PlacePiece => {
  if (!locale || !x.language || !isLocale(x.language)) return { text: x.name };
  const name = localized({ ...x, language: x.language, translations: x.translations ?? {} }, 'name', locale);
  return { text: name.text, lang: name.lang };
};

/**
 * The venue's name, the room's, the address and the city (or the online link): the names in
 * `locale` when translated, else as written, each saying its language. Without `locale`, as written.
 */
export function placePieces(p: PlaceParts, locale?: Locale): PlacePiece[] {
  if (!p.venue) return p.onlineUrl ? [{ text: p.onlineUrl }] : [];
  return [
    nameIn(p.venue, locale),
    ...(p.room?.name ? [nameIn(p.room, locale)] : []),
    { text: p.venue.address },
    { text: p.venue.city },
  ].filter((x) => x.text);
}

/** "Switch, Event room, Rue de la Station 1, Charleroi"; the online link when there is no venue. */
export function placeText(p: PlaceParts, locale?: Locale): string {
  return placePieces(p, locale)
    .map((x) => x.text)
    .join(', ');
}

/** For a mail: "Switch, Event room, Rue …, Charleroi · https://meet…" (the venue, then the online link). */
export const placeAndLink = (p: PlaceParts, locale: Locale): string =>
  [p.venue ? placeText({ ...p, onlineUrl: null }, locale) : '', p.onlineUrl ?? ''].filter(Boolean).join(' · ');

/** The language a place's line is in: its venue's name's (what a reader hears first), if known. */
export const placeLanguage = (p: PlaceParts, locale: Locale): Locale | undefined =>
  placePieces(p, locale).find((x) => x.lang)?.lang;

/** 20270107T173000Z: the UTC form both Google Calendar and iCalendar understand. */
export function utcStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface LinkEvent {
  title: string;
  startsAt: Date;
  endsAt: Date;
  details: string;
  location: string;
}

export function googleCalendarUrl(e: LinkEvent): string {
  const q = new URLSearchParams({
    action: 'TEMPLATE',
    text: e.title,
    dates: `${utcStamp(e.startsAt)}/${utcStamp(e.endsAt)}`,
    details: e.details,
    location: e.location,
  });
  return `https://calendar.google.com/calendar/render?${q.toString()}`;
}

export function outlookCalendarUrl(e: LinkEvent): string {
  const q = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: e.title,
    startdt: e.startsAt.toISOString(),
    enddt: e.endsAt.toISOString(),
    location: e.location,
    body: e.details,
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${q.toString()}`;
}
