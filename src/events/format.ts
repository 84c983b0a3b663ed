import { intlLocales, type Locale } from '../web/i18n.js';

// Creating an Intl.DateTimeFormat costs far more than formatting with one (a tenth of the CPU of
// an event page when made per call): keep one per locale, zone and style. Bounded by the zones in
// use (a handful) times three locales times the styles below.
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 500;

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/** The zone Belgian readers live in: other zones are named beside the time. */
const HOME_ZONE = 'Europe/Brussels';

const zoneName = (timeZone: string) => (timeZone === HOME_ZONE ? {} : ({ timeZoneName: 'short' } as const));

/**
 * "jeudi 4 mars 2027, 18:30 – 21:00" in the visitor's language and the event's zone: day first and
 * 24-hour in the three languages (English as en-GB), and the zone named when it is not Brussels'.
 */
export function formatRange(startsAt: Date, endsAt: Date, timeZone: string, locale: Locale): string {
  const tag = intlLocales[locale];
  const day = dateTimeFormat(tag, { dateStyle: 'full', timeZone });
  const time = dateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  const last = dateTimeFormat(tag, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    ...zoneName(timeZone),
  });
  const sameDay = day.format(startsAt) === day.format(endsAt);
  return sameDay
    ? `${day.format(startsAt)}, ${time.format(startsAt)} – ${last.format(endsAt)}`
    : `${day.format(startsAt)}, ${time.format(startsAt)} – ${day.format(endsAt)}, ${last.format(endsAt)}`;
}

/**
 * "jeu. 3 déc., 18:30": the year is added when the date is not in the current year (or `withYear`
 * when a list runs over several years), and the zone when it is not Brussels'.
 */
export function formatShort(
  startsAt: Date,
  timeZone: string,
  locale: Locale,
  options: { withYear?: boolean; now?: Date } = {},
): string {
  const year = (d: Date) => dateTimeFormat('en', { year: 'numeric', timeZone }).format(d);
  const withYear = options.withYear ?? year(startsAt) !== year(options.now ?? new Date());
  return dateTimeFormat(intlLocales[locale], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    ...zoneName(timeZone),
  }).format(startsAt);
}

/**
 * Whether a list's dates run over more than one year (in Brussels): then every date in it says its
 * year, so "Thu 30 Dec" and "Mon 3 Jan" are not read as the same winter.
 */
export function spansYears(dates: Date[]): boolean {
  const year = dateTimeFormat('en', { year: 'numeric', timeZone: HOME_ZONE });
  return new Set(dates.map((d) => year.format(d))).size > 1;
}

/** A calendar day as stored ('2026-11-27'): read at noon UTC so no zone can move it to another day. */
const asInstant = (day: Date | string, timeZone: string): { at: Date; timeZone: string } =>
  typeof day === 'string' ? { at: new Date(`${day.slice(0, 10)}T12:00:00Z`), timeZone: 'UTC' } : { at: day, timeZone };

const DAY_STYLES = {
  numeric: { day: '2-digit', month: '2-digit', year: 'numeric' },
  medium: { day: 'numeric', month: 'short', year: 'numeric' },
  long: { day: 'numeric', month: 'long', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * A day for people, never ISO: "27/11/2026" (numeric: the same shape in the three languages,
 * where `dateStyle: 'short'` gives French a two-digit year), "27 nov. 2026" (medium) or
 * "27 novembre 2026" (long). A Date is read in `timeZone` (Brussels unless an event's is given);
 * a 'YYYY-MM-DD' string is that day.
 */
export function formatDay(
  day: Date | string,
  locale: Locale,
  style: keyof typeof DAY_STYLES = 'numeric',
  timeZone = HOME_ZONE,
): string {
  const { at, timeZone: zone } = asInstant(day, timeZone);
  return dateTimeFormat(intlLocales[locale], { ...DAY_STYLES[style], timeZone: zone }).format(at);
}

/** "18:30": 24-hour in the three languages, in Brussels or the event's zone (not named: see formatDayTime). */
export function formatTime(at: Date, locale: Locale, timeZone = HOME_ZONE): string {
  return dateTimeFormat(intlLocales[locale], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(
    at,
  );
}

/**
 * "27/11/2026 20:17" (or "27 nov. 2026 20:17", "27 novembre 2026 20:17"): day first and 24-hour in
 * the three languages, in Brussels or the event's zone — named when it is not Brussels' — and to the
 * second where that matters (a log of deliveries).
 */
export function formatDayTime(
  at: Date,
  locale: Locale,
  style: keyof typeof DAY_STYLES = 'numeric',
  options: { timeZone?: string; seconds?: boolean } = {},
): string {
  const timeZone = options.timeZone ?? HOME_ZONE;
  const time = dateTimeFormat(intlLocales[locale], {
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
    timeZone,
    ...zoneName(timeZone),
  });
  return `${formatDay(at, locale, style, timeZone)} ${time.format(at)}`;
}

/** "27/11/2026 → 31/12/2026": a period of calendar days, either end possibly open ("…"). */
export function formatDays(from: Date | string | null, to: Date | string | null, locale: Locale): string {
  return `${from ? formatDay(from, locale) : '…'} → ${to ? formatDay(to, locale) : '…'}`;
}

/** A month ('2026-03') as its short name in the reader's language: "Mar", "mars", "mrt". */
export function formatMonth(month: string, locale: Locale): string {
  return dateTimeFormat(intlLocales[locale], { month: 'short', timeZone: 'UTC' }).format(
    new Date(`${month.slice(0, 7)}-01T12:00:00Z`),
  );
}

/**
 * '2026-11-27': the calendar day of an instant on Brussels clocks (or a zone's), for machines —
 * file names, form defaults, sums by day or month — never shown as a date to read.
 */
export function isoDay(at: Date, timeZone = HOME_ZONE): string {
  return dateTimeFormat('sv-SE', { timeZone }).format(at);
}

/** '2026-11-27 20:05:09' on Brussels clocks: sortable, for a spreadsheet column. */
export function isoDayTime(at: Date): string {
  return dateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'medium', timeZone: HOME_ZONE }).format(at);
}
