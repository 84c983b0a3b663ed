import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalTemporalPlainDateTimeStub,
  type ICalTemporalZonedDateTimeStub,
} from 'ical-generator';
import { pad, wallClock } from '../events/time.js';
import { placeText, type PlaceParts } from './format.js';
import type { EventRow } from './queries.js';

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
}

export interface IcsEntry {
  event: EventRow;
  place: PlaceParts;
  /** Personal feeds mark a waitlisted seat as tentative; public feeds follow the event. */
  tentative?: boolean;
  /** In an e-mail invitation: the person it is for. */
  attendee?: { name: string; email: string };
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
  const calendar = ical({ prodId: '//Essaim//Calendar//EN', method, name: opts.calendarName, ttl: TTL_SECONDS });
  // Without events yet: the calendar's own properties (folded by the library), then END:VCALENDAR.
  const properties = calendar.toString().replace(/END:VCALENDAR$/, '');
  // A sender address of no real person: ORGANIZER needs a mailto, replies are not expected.
  const organizer = { name: opts.networkName, email: `noreply@${hostOf(opts.baseUrl)}` };
  const zones = new Set<string>();
  const vevents = entries.map(({ event: e, place, tentative, attendee, programme }) => {
    const url = `${opts.baseUrl}/events/${e.id}`;
    const inZone = hasVtimezone(e.timeZone);
    if (inZone) zones.add(e.timeZone);
    const status =
      e.status === 'cancelled'
        ? ICalEventStatus.CANCELLED
        : tentative
          ? ICalEventStatus.TENTATIVE
          : ICalEventStatus.CONFIRMED;
    const text = description(e, place, url, programme);
    const location = placeText(place) || null;
    // Everything the VEVENT is made of: the same inputs give the same text, so it is made once.
    const key = JSON.stringify([
      opts.baseUrl,
      opts.networkName,
      e.id,
      e.sequence,
      e.title,
      text,
      location,
      status,
      e.timeZone,
      inZone,
      e.startsAt.getTime(),
      e.endsAt.getTime(),
      e.updatedAt.getTime(),
      e.createdAt.getTime(),
      attendee ?? null,
    ]);
    return remembered(key, () =>
      foldLines(
        calendar
          .createEvent({
            id: eventUid(e.id, opts.baseUrl),
            sequence: e.sequence,
            start: inZone ? zoned(e.startsAt, e.timeZone) : e.startsAt,
            end: inZone ? zoned(e.endsAt, e.timeZone) : e.endsAt,
            timezone: inZone ? e.timeZone : null,
            // The body must not change between two requests for the same data: no "now" in it.
            stamp: e.updatedAt,
            lastModified: e.updatedAt,
            created: e.createdAt,
            summary: e.title,
            description: text,
            location,
            url,
            organizer,
            status,
            attendees: attendee
              ? [
                  {
                    name: attendee.name,
                    email: attendee.email,
                    rsvp: false,
                    status: ICalAttendeeStatus.ACCEPTED,
                    role: ICalAttendeeRole.REQ,
                  },
                ]
              : [],
          })
          .toString(),
      ),
    );
  });
  const vtimezones = [...zones]
    .sort()
    .map((tz) => foldLines(`${getVtimezoneComponent(tz)!.replace(/\r?\n/g, '\r\n').trim()}\r\n`));
  return `${properties}${vtimezones.join('')}${vevents.join('')}END:VCALENDAR`;
}

/**
 * Rendered VEVENTs by their inputs. Calendar apps poll the same feeds over and over, and most
 * events do not change between two polls: a feed of 500 events is then mostly a concatenation.
 * Bounded (oldest out first), per process; a key holds every input, so nothing goes stale.
 */
const VEVENT_CACHE_SIZE = 10_000;
const veventCache = new Map<string, string>();
function remembered(key: string, render: () => string): string {
  const hit = veventCache.get(key);
  if (hit !== undefined) return hit;
  const text = render();
  veventCache.set(key, text);
  if (veventCache.size > VEVENT_CACHE_SIZE) veventCache.delete(veventCache.keys().next().value!);
  return text;
}

/**
 * RFC 5545 §3.1: lines of at most 75 octets, continued after CRLF and a space, never cut inside
 * a UTF-8 character (the folding ical-generator does, without its cost).
 */
export function foldLines(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      if (Buffer.byteLength(line) <= 74) return line;
      let out = '';
      let bytes = 0;
      for (const ch of line) {
        const cp = ch.codePointAt(0)!;
        const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        bytes += size;
        if (bytes > 74) {
          out += '\r\n ';
          bytes = size;
        }
        out += ch;
      }
      return out;
    })
    .join('\r\n');
}
