import { formatDayTime } from '../events/format.js';
import type { Locale } from '../web/i18n.js';

const tag: Record<Locale, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

/** Belgian formats: day first, 24-hour clock, Europe/Brussels ("27 novembre 2026 20:17"). */
export const formatInstant = (d: Date, locale: Locale): string => formatDayTime(d, locale, 'long');

/** Euro amounts from integer cents. */
export function formatEuros(cents: number, locale: Locale): string {
  return new Intl.NumberFormat(tag[locale], { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(
    cents / 100,
  );
}

export function formatNumber(n: number, locale: Locale, digits = 2): string {
  return new Intl.NumberFormat(tag[locale], { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}
