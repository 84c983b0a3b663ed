/**
 * Wall-clock time in an IANA zone ↔ instants, with Intl only. An event at 18:30 in
 * Europe/Brussels is 17:30Z in winter and 16:30Z in summer: series are expanded on wall-clock
 * times and converted here, one occurrence at a time.
 */
import { dateTimeFormat } from './format.js';

export function isTimeZone(tz: string): boolean {
  try {
    dateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Kept per zone here as well: wall clocks are read in loops (a series' occurrences), where
// dateTimeFormat's key (the options as JSON) would cost more than the formatting.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = dateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function wallClock(instant: Date, tz: string): Wall {
  const parts = Object.fromEntries(
    formatter(tz)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: +parts.year!,
    month: +parts.month!,
    day: +parts.day!,
    hour: +parts.hour!,
    minute: +parts.minute!,
    second: +parts.second!,
  };
}

/** Offset of the zone from UTC at that instant, in milliseconds (+1 h in Brussels in winter). */
function offsetAt(instant: number, tz: string): number {
  const w = wallClock(new Date(instant), tz);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which the zone's clocks show this wall-clock time. A time skipped by a
 * spring-forward change (02:30 on the last Sunday of March) moves forward by the gap; a time
 * that happens twice in autumn takes the first one.
 */
export function fromWallClock(w: Omit<Wall, 'second'> & { second?: number }, tz: string): Date {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second ?? 0);
  // The zone's offsets half a day before and after: around a change they differ.
  const before = offsetAt(asUtc - 43_200_000, tz);
  const after = offsetAt(asUtc + 43_200_000, tz);
  const valid = [asUtc - before, asUtc - after].filter((c) => asUtc - offsetAt(c, tz) === c).sort((a, b) => a - b);
  // No valid candidate: the time falls in a spring-forward gap; the old offset moves it past the gap.
  return new Date(valid[0] ?? asUtc - before);
}

export const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 'YYYY-MM-DDTHH:MM' of the instant in the zone. */
export function localString(instant: Date, tz: string): string {
  const w = wallClock(instant, tz);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

export function parseLocal(s: string): Omit<Wall, 'second'> {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(s);
  if (!m) throw new Error(`not a local date-time: ${s}`);
  return { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]! };
}
