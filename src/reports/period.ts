import { dateTimeFormat, isoDay } from '../events/format.js';

/**
 * Periods of the reports, in Europe/Brussels: a year runs from 1 January 00:00 to the next
 * 1 January 00:00 on Brussels clocks, so an event at 23:30 on 31 December belongs to that year
 * even though it is already the next year in UTC.
 */
export const REPORT_TZ = 'Europe/Brussels';

/** The instant when the Brussels wall clock reads `date` 00:00 (YYYY-MM-DD). */
export function brusselsMidnight(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // The offset at that moment (+01:00 in winter, +02:00 in summer), read from Intl.
  const offsetAt = (t: number) => {
    const name = dateTimeFormat('en', { timeZone: REPORT_TZ, timeZoneName: 'longOffset' })
      .formatToParts(new Date(t))
      .find((p) => p.type === 'timeZoneName')!.value;
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000 : 0;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

export const yearPeriod = (year: number) => ({
  from: brusselsMidnight(`${year}-01-01`),
  to: brusselsMidnight(`${year + 1}-01-01`),
});

/** A period of whole days, `to` included. */
export function daysPeriod(from: string, to: string) {
  const next = new Date(`${to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return { from: brusselsMidnight(from), to: brusselsMidnight(next.toISOString().slice(0, 10)) };
}

/** The Brussels calendar date of an instant (YYYY-MM-DD). */
export const brusselsDate = (d: Date) => isoDay(d, REPORT_TZ);
