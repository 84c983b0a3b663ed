import type { Locale } from '../web/i18n.js';

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

/** "jeudi 4 mars 2027, 18:30 – 21:00" in the visitor's language and the event's zone. */
export function formatRange(startsAt: Date, endsAt: Date, timeZone: string, locale: Locale): string {
  const day = dateTimeFormat(locale, { dateStyle: 'full', timeZone });
  const time = dateTimeFormat(locale, { timeStyle: 'short', timeZone });
  const startDay = day.format(startsAt);
  const endDay = day.format(endsAt);
  return startDay === endDay
    ? `${startDay}, ${time.format(startsAt)} – ${time.format(endsAt)}`
    : `${startDay}, ${time.format(startsAt)} – ${endDay}, ${time.format(endsAt)}`;
}

export function formatShort(startsAt: Date, timeZone: string, locale: Locale): string {
  return dateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(startsAt);
}
