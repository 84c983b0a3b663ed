import type { Locale } from '../web/i18n.js';

/** "jeudi 4 mars 2027, 18:30 – 21:00" in the visitor's language and the event's zone. */
export function formatRange(startsAt: Date, endsAt: Date, timeZone: string, locale: Locale): string {
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
  const sameDay = day.format(startsAt) === day.format(endsAt);
  return sameDay
    ? `${day.format(startsAt)}, ${time.format(startsAt)} – ${time.format(endsAt)}`
    : `${day.format(startsAt)}, ${time.format(startsAt)} – ${day.format(endsAt)}, ${time.format(endsAt)}`;
}

export function formatShort(startsAt: Date, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(startsAt);
}
