import type { EventView } from '../events/schemas.js';
import { markdownToText, wallClock } from '../events/service.js';
import { localizedText, type Translations } from '../web/content.js';
import { eventPath } from '../web/event-path.js';
import { localeOr, type Locale } from '../web/i18n.js';

/**
 * schema.org `Event` for search engines, from the event as the page shows it. Dates carry the
 * event's own offset ("2027-01-07T18:30:00+01:00"), as schema.org asks.
 */

const SCHEMA = 'https://schema.org';

/** ISO 8601 with the zone's offset at that instant. */
export function isoWithOffset(instant: Date, tz: string): string {
  const w = wallClock(instant, tz);
  const offsetMinutes = Math.round(
    (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant.getTime() / 1000) * 1000) /
      60_000,
  );
  const p = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${w.year}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}:${p(w.second)}${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`;
}

/** Seats left: in stock; no seat left (a waitlist is no seat): sold out, as schema.org defines it. */
function availability(view: EventView): string {
  if (view.status === 'cancelled') return `${SCHEMA}/SoldOut`;
  return view.seatsLeft > 0 ? `${SCHEMA}/InStock` : `${SCHEMA}/SoldOut`;
}

/** Venues have no country of their own yet: the event's time zone says it for the zones a network here uses. */
const COUNTRY_OF_ZONE: Record<string, string> = {
  'Europe/Brussels': 'BE',
  'Europe/Amsterdam': 'NL',
  'Europe/Paris': 'FR',
  'Europe/Luxembourg': 'LU',
  'Europe/Berlin': 'DE',
};

/** A session of the event's programme (calls' accepted talks, or added by hand), as schema.org subEvents. */
export interface ProgrammeItem {
  title: string;
  startsAt: Date;
  endsAt: Date;
  language: string;
  speakers: { name: string; slug: string }[];
}

export function eventJsonLd(
  view: EventView,
  opts: { baseUrl: string; networkName: string; programme?: ProgrammeItem[] | undefined },
): Record<string, unknown> {
  const url = opts.baseUrl + eventPath(view);
  const startsAt = new Date(view.startsAt);
  const endsAt = new Date(view.endsAt);
  // The place's name in the event's language (inLanguage below) when the venue wrote it in it.
  const inItsLanguage = (x: { name: string; language: Locale; translations: Translations }) =>
    localizedText(x, 'name', localeOr(view.language));
  const place = view.venue
    ? {
        '@type': 'Place',
        name: view.room ? `${inItsLanguage(view.venue)} — ${inItsLanguage(view.room)}` : inItsLanguage(view.venue),
        address: {
          '@type': 'PostalAddress',
          ...(view.venue.address ? { streetAddress: view.venue.address } : {}),
          addressLocality: view.venue.city,
          ...(COUNTRY_OF_ZONE[view.timeZone] ? { addressCountry: COUNTRY_OF_ZONE[view.timeZone] } : {}),
        },
        ...(view.venue.latitude !== null && view.venue.longitude !== null
          ? { geo: { '@type': 'GeoCoordinates', latitude: view.venue.latitude, longitude: view.venue.longitude } }
          : {}),
      }
    : undefined;
  const virtual = view.onlineUrl ? { '@type': 'VirtualLocation', url: view.onlineUrl } : undefined;
  const mode = place && virtual ? 'Mixed' : virtual ? 'Online' : 'Offline';
  const locations = [place, virtual].filter(Boolean);
  return {
    '@context': SCHEMA,
    '@type': 'Event',
    name: view.title,
    ...(view.description ? { description: markdownToText(view.description) } : {}),
    // The texts above are the organisers' original, in the event's language (also the language it is held in).
    inLanguage: view.language,
    url,
    ...(view.cover ? { image: [`${opts.baseUrl}${view.cover.url}`] } : {}),
    startDate: isoWithOffset(startsAt, view.timeZone),
    endDate: isoWithOffset(endsAt, view.timeZone),
    eventStatus: `${SCHEMA}/${view.status === 'cancelled' ? 'EventCancelled' : 'EventScheduled'}`,
    eventAttendanceMode: `${SCHEMA}/${mode}EventAttendanceMode`,
    location: locations.length === 1 ? locations[0] : locations,
    organizer: { '@type': 'Organization', name: opts.networkName, url: `${opts.baseUrl}/` },
    offers: {
      '@type': 'Offer',
      price: 0,
      priceCurrency: 'EUR',
      availability: availability(view),
      url,
      // Registration opens at its set time, else since the event was created.
      validFrom: isoWithOffset(new Date(view.registrationOpensAt ?? view.createdAt), view.timeZone),
    },
    ...(view.speakers.length ? { performer: view.speakers.map((s) => ({ '@type': 'Person', name: s.name })) } : {}),
    ...(opts.programme?.length
      ? {
          subEvent: opts.programme.map((p) => ({
            '@type': 'Event',
            name: p.title,
            startDate: isoWithOffset(p.startsAt, view.timeZone),
            endDate: isoWithOffset(p.endsAt, view.timeZone),
            inLanguage: p.language,
            performer: p.speakers.map((s) => ({
              '@type': 'Person',
              name: s.name,
              url: `${opts.baseUrl}/speakers/${s.slug}`,
            })),
          })),
        }
      : {}),
  };
}

/**
 * A chapter's page for search engines: the page (in the reader's language) about the chapter, an
 * organisation of the network. The chapter's texts as the page shows them.
 */
export function chapterJsonLd(
  chapter: { slug: string; name: string; description: string; city: string },
  opts: { baseUrl: string; networkName: string; locale: string },
): Record<string, unknown> {
  const url = `${opts.baseUrl}/chapters/${chapter.slug}`;
  return {
    '@context': SCHEMA,
    '@type': 'WebPage',
    url,
    name: chapter.name,
    inLanguage: opts.locale,
    about: {
      '@type': 'Organization',
      name: chapter.name,
      url,
      ...(chapter.description.trim() ? { description: chapter.description } : {}),
      address: { '@type': 'PostalAddress', addressLocality: chapter.city },
      parentOrganization: { '@type': 'Organization', name: opts.networkName, url: `${opts.baseUrl}/` },
    },
  };
}

/**
 * JSON for inside a <script> element: `<` as \u003c so no "</script>" or "<!--" in a title can end
 * the element; `>`, `&` and the two JavaScript line separators escaped as well. Still valid JSON.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
