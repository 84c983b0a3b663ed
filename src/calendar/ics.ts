import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalTemporalPlainDateTimeStub,
  type ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { pad, wallClock } from '../events/service.js';
import { placeLanguage, placeText, type PlaceParts } from './format.js';
import type { EventRow } from './queries.js';
import { escapeText, foldLines, paramValue } from './ics-text.js';
import { eventPath } from '../web/event-path.js';
import { isLocale } from '../web/i18n.js';

export { escapeText, foldLines, paramValue };

/**
 * iCalendar (RFC 5545) text for a list of events. Each event keeps its own time zone: DTSTART
 * and DTEND carry TZID and the calendar a VTIMEZONE for every zone used, so an 18:30 meetup in
 * Brussels stays at 18:30 on both sides of a daylight-saving change in any client.
 */

export interface IcsOptions {
  baseUrl: string;
  networkName: string;
  calendarName: string;
  /** PUBLISH for feeds; REQUEST (an invitation) or CANCEL in e-mails. */
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  /**
   * When the iTIP message is created (RFC 5546 DTSTAMP). Feeds leave it out: their DTSTAMP is the
   * event's last change, so the same data gives the same body.
   */
  stamp?: Date;
  /** The sender's mailbox (MAIL_FROM), the organiser when BASE_URL's host is no mail domain (an IP). */
  mailFrom?: string;
}

export interface IcsEntry {
  event: EventRow;
  place: PlaceParts;
  /** Personal feeds mark a waitlisted seat as tentative; public feeds follow the event. */
  tentative?: boolean;
  /** In an e-mail invitation: the person it is for. */
  attendee?: { name: string; email: string };
  /** A METHOD:CANCEL for this attendee only (RFC 5546 §3.2.5): the event goes on, so no STATUS. */
  uninvite?: boolean;
  /** The event's programme as text lines (single-event downloads). */
  programme?: string;
}

/** How often calendar apps should poll (REFRESH-INTERVAL / X-PUBLISHED-TTL), in seconds. */
const TTL_SECONDS = 3600;

const knownZones = new Map<string, boolean>();
/** Only zones the generator can describe get a TZID; any other is written in UTC, still exact. */
function hasVtimezone(tz: string): boolean {
  let known = knownZones.get(tz);
  if (known === undefined) {
    known = tz !== 'UTC' && getVtimezoneComponent(tz) !== null;
    knownZones.set(tz, known);
  }
  return known;
}

/**
 * The instant as a wall-clock time in `tz`, in the Temporal.ZonedDateTime shape ical-generator
 * accepts. A plain Date with a TZID would be printed in the server process's own zone.
 */
function zoned(instant: Date, tz: string): ICalTemporalZonedDateTimeStub {
  const w = wallClock(instant, tz);
  const local = `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  const fields = { year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute, second: w.second };
  const self: ICalTemporalZonedDateTimeStub = {
    ...fields,
    timeZoneId: tz,
    toPlainDateTime: () => plain,
    withTimeZone: (other: string) => (other === tz ? self : zoned(instant, other)),
    toInstant: () => ({
      epochMilliseconds: instant.getTime(),
      toJSON: () => instant.toISOString(),
      toString: () => instant.toISOString(),
      toZonedDateTimeISO: (other: string) => zoned(instant, other),
    }),
    toJSON: () => `${local}[${tz}]`,
    toString: () => `${local}[${tz}]`,
  };
  const plain: ICalTemporalPlainDateTimeStub = {
    ...fields,
    toPlainDate: () => ({
      year: w.year,
      month: w.month,
      day: w.day,
      toJSON: () => local.slice(0, 10),
      toString: () => local.slice(0, 10),
    }),
    toZonedDateTime: () => self,
    toJSON: () => local,
    toString: () => local,
  };
  return self;
}

const hostOf = (baseUrl: string) => new URL(baseUrl).hostname;

/**
 * ORGANIZER needs a mailbox: MAIL_FROM's address, the one the network's e-mails (and their iTIP
 * invitations) come from, so a feed and an invitation name the same organiser and a client
 * matches them. Without a usable MAIL_FROM: noreply@ the host name (localhost for an IP, which
 * is no mail domain).
 */
export function organizerEmail(baseUrl: string, mailFrom?: string): string {
  const from = mailFrom ? (/<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom).trim() : undefined;
  if (from && /^[^\s@<>"]+@[^\s@<>"]+$/.test(from)) return from;
  const host = hostOf(baseUrl);
  const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  return isIp || host === 'localhost' ? 'noreply@localhost' : `noreply@${host}`;
}

/**
 * A wall-clock time that happens twice (02:30 on the night clocks go back): with a TZID every
 * client reads the second one, so such a time is written in UTC instead, exact either way.
 */
export function isAmbiguous(instant: Date, tz: string): boolean {
  const w = wallClock(instant, tz);
  return [-3_600_000, -1_800_000, 1_800_000, 3_600_000].some((d) => {
    const o = wallClock(new Date(instant.getTime() + d), tz);
    return o.year === w.year && o.month === w.month && o.day === w.day && o.hour === w.hour && o.minute === w.minute;
  });
}

/** Stable across requests and servers: the event's id at the network's host name. */
export const eventUid = (eventId: string, baseUrl: string) => `${eventId}@${hostOf(baseUrl)}`;

function description(e: EventRow, place: PlaceParts, url: string, programme?: string): string {
  const parts = [
    e.status === 'cancelled' ? e.cancelReason : null,
    e.description,
    programme,
    place.venue && e.onlineUrl ? e.onlineUrl : null,
    url,
  ];
  return parts.filter((p): p is string => Boolean(p?.trim())).join('\n\n');
}

/**
 * The organisers' texts are written in the event's own language (its original, the one a feed
 * shows): RFC 5545 §3.2.10 LANGUAGE on SUMMARY, DESCRIPTION and LOCATION tells a client which, so
 * a screen reader or a spell checker reads "Rencontre" in French on an English phone. LOCATION
 * names the venue and room in the event's language when the venue wrote them in it, else as the
 * venue wrote them, in the language they are in.
 */
const TEXT_WITH_LANGUAGE = /^(SUMMARY|DESCRIPTION|LOCATION)([;:])/gm;
/** A BCP 47 tag; a stored language that is none (never expected) is left out rather than written unchecked. */
const languageParam = (language: string) =>
  /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(language) ? `;LANGUAGE=${language}` : '';

/**
 * ical-generator builds the calendar's properties and each VEVENT; the calendar is put together
 * here because the library's own toString() folds lines with a new TextEncoder per character
 * (measured: ~180 ms of a 200 ms render of 500 events) and writes the refresh interval after the
 * VTIMEZONEs, where RFC 5545 wants calendar properties before any component.
 */
export function renderCalendar(opts: IcsOptions, entries: IcsEntry[]): string {
  const method = {
    PUBLISH: ICalCalendarMethod.PUBLISH,
    REQUEST: ICalCalendarMethod.REQUEST,
    CANCEL: ICalCalendarMethod.CANCEL,
  }[opts.method ?? 'PUBLISH'];
  const calendar = ical({ prodId: '//Essaim//Calendar//EN', method, ttl: TTL_SECONDS });
  // Without events yet: the calendar's own properties (folded by the library), then END:VCALENDAR.
  // The library writes NAME and X-WR-CALNAME unescaped (a line break in a title would start a new
  // property), so they are written here as TEXT.
  const name = escapeText(opts.calendarName);
  const properties =
    calendar.toString().replace(/END:VCALENDAR$/, '') + foldLines(`NAME:${name}\r\nX-WR-CALNAME:${name}\r\n`);
  // A sender address of no real person: ORGANIZER needs a mailto, replies are not expected.
  const organizerLine = `ORGANIZER;CN=${paramValue(opts.networkName)}:mailto:${organizerEmail(opts.baseUrl, opts.mailFrom)}`;
  const zones = new Set<string>();
  const vevents = entries.map(({ event: e, place, tentative, attendee, uninvite, programme }) => {
    const url = opts.baseUrl + eventPath(e);
    const inZone =
      hasVtimezone(e.timeZone) && !isAmbiguous(e.startsAt, e.timeZone) && !isAmbiguous(e.endsAt, e.timeZone);
    if (inZone) zones.add(e.timeZone);
    const status = uninvite
      ? null
      : e.status === 'cancelled'
        ? ICalEventStatus.CANCELLED
        : tentative
          ? ICalEventStatus.TENTATIVE
          : ICalEventStatus.CONFIRMED;
    const text = description(e, place, url, programme);
    // The venue's and room's names in the event's language when translated, else as written: LOCATION says which.
    const eventLocale = isLocale(e.language) ? e.language : undefined;
    const location = placeText(place, eventLocale) || null;
    const locationLanguage = (eventLocale && placeLanguage(place, eventLocale)) ?? e.language;
    // Everything the VEVENT is made of: the same inputs give the same text, so it is made once.
    const key = JSON.stringify([
      opts.baseUrl,
      opts.networkName,
      e.id,
      e.sequence,
      e.title,
      e.language,
      text,
      location,
      locationLanguage,
      status,
      e.timeZone,
      inZone,
      e.startsAt.getTime(),
      e.endsAt.getTime(),
      e.updatedAt.getTime(),
      e.createdAt.getTime(),
      opts.stamp?.getTime() ?? null,
      organizerLine,
      attendee ?? null,
    ]);
    // Parameter values are written here, RFC 6868-encoded: the library escapes " as \", which
    // RFC 5545 forbids inside a quoted value (clients drop the line or cut the name).
    const people = [
      organizerLine,
      ...(attendee
        ? [
            `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE;CN=${paramValue(attendee.name)}:MAILTO:${attendee.email}`,
          ]
        : []),
    ].join('\r\n');
    return remembered(key, () =>
      foldLines(
        calendar
          .createEvent({
            id: eventUid(e.id, opts.baseUrl),
            sequence: e.sequence,
            start: inZone ? zoned(e.startsAt, e.timeZone) : e.startsAt,
            end: inZone ? zoned(e.endsAt, e.timeZone) : e.endsAt,
            timezone: inZone ? e.timeZone : null,
            // A feed's body must not change between two requests for the same data: no "now" in it.
            stamp: opts.stamp ?? e.updatedAt,
            lastModified: e.updatedAt,
            created: e.createdAt,
            summary: e.title,
            description: text,
            location,
            url,
            status,
          })
          .toString()
          .replace(
            TEXT_WITH_LANGUAGE,
            (_, property: string, after: string) =>
              `${property}${languageParam(property === 'LOCATION' ? locationLanguage : e.language)}${after}`,
          )
          .replace(/END:VEVENT\r\n$/, `${people}\r\nEND:VEVENT\r\n`),
      ),
    );
  });
  const vtimezones = [...zones]
    .sort()
    .map((tz) => foldLines(`${getVtimezoneComponent(tz)!.replace(/\r?\n/g, '\r\n').trim()}\r\n`));
  // RFC 5545 §3.1: every content line, the last one too, ends with CRLF.
  return `${properties}${vtimezones.join('')}${vevents.join('')}END:VCALENDAR\r\n`;
}

/**
 * Rendered VEVENTs by their inputs. Calendar apps poll the same feeds over and over, and most
 * events do not change between two polls: a feed of 500 events is then mostly a concatenation.
 * Bounded (oldest out first), per process; a key holds every input, so nothing goes stale. The
 * bound is in characters, keys (which hold the description) and texts together: a count alone
 * let a network of long descriptions hold tens of megabytes.
 */
const VEVENT_CACHE_CHARS = 8_000_000;
const veventCache = new Map<string, string>();
let veventChars = 0;
function remembered(key: string, render: () => string): string {
  const hit = veventCache.get(key);
  if (hit !== undefined) return hit;
  const text = render();
  const size = key.length + text.length;
  if (size > VEVENT_CACHE_CHARS / 100) return text;
  veventCache.set(key, text);
  veventChars += size;
  for (const [k, v] of veventCache) {
    if (veventChars <= VEVENT_CACHE_CHARS) break;
    veventCache.delete(k);
    veventChars -= k.length + v.length;
  }
  return text;
}
