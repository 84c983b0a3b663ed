import rrulePkg from 'rrule';
import { fromWallClock, localString, pad, parseLocal } from './time.js';

const { rrulestr } = rrulePkg;

const FREQS = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'];
const DAY = /^([+-]?(?:[1-9]|[1-4]\d|5[0-3]))?(MO|TU|WE|TH|FR|SA|SU)$/;
const INT_LIST = (min: number, max: number) => (v: string) =>
  v.split(',').every((x) => /^[+-]?\d+$/.test(x) && Math.abs(+x) >= min && Math.abs(+x) <= max);
const checks: Record<string, [(v: string) => boolean, string]> = {
  FREQ: [(v) => FREQS.includes(v), `FREQ must be one of ${FREQS.join(', ')}`],
  INTERVAL: [(v) => /^\d+$/.test(v) && +v >= 1 && +v <= 1000, 'INTERVAL must be a whole number from 1'],
  COUNT: [(v) => /^\d+$/.test(v) && +v >= 1 && +v <= 1000, 'COUNT must be a whole number from 1 to 1000'],
  UNTIL: [(v) => /^\d{8}(T\d{6}Z?)?$/.test(v), 'UNTIL must be a date such as 20271231 or 20271231T235959Z'],
  BYDAY: [
    (v) => v.split(',').every((d) => DAY.test(d)),
    'BYDAY must list days such as MO,TH or 1TH (first Thursday) or -1FR (last Friday)',
  ],
  BYMONTHDAY: [INT_LIST(1, 31), 'BYMONTHDAY must list days of the month from 1 to 31 (or -1 to -31)'],
  BYMONTH: [
    (v) => v.split(',').every((x) => /^\d+$/.test(x) && +x >= 1 && +x <= 12),
    'BYMONTH must list months from 1 to 12',
  ],
  BYSETPOS: [INT_LIST(1, 366), 'BYSETPOS must list positions such as 1 or -1'],
  BYWEEKNO: [INT_LIST(1, 53), 'BYWEEKNO must list weeks from 1 to 53'],
  BYYEARDAY: [INT_LIST(1, 366), 'BYYEARDAY must list days from 1 to 366'],
  WKST: [(v) => /^(MO|TU|WE|TH|FR|SA|SU)$/.test(v), 'WKST must be a day such as MO'],
};

/**
 * Says what is wrong with an RRULE, or undefined when it is usable. The rule is the part after
 * "RRULE:" (DTSTART comes from the first occurrence). Times of day come from the first
 * occurrence too, so BYHOUR, BYMINUTE and BYSECOND are refused.
 */
export function rruleProblem(rule: string): string | undefined {
  const body = normaliseRrule(rule);
  if (!body) return 'the rule is empty: write for example FREQ=MONTHLY;BYDAY=1TH;COUNT=12';
  const seen = new Map<string, string>();
  for (const part of body.split(';')) {
    const [key, value, ...rest] = part.split('=');
    if (!key || value === undefined || rest.length) return `"${part}" is not of the form NAME=VALUE`;
    const name = key.toUpperCase();
    if (seen.has(name)) return `${name} appears twice`;
    if (['BYHOUR', 'BYMINUTE', 'BYSECOND', 'DTSTART'].includes(name))
      return `${name} is not supported: the time of day comes from startsAt`;
    const check = checks[name];
    if (!check) return `${name} is not a recurrence rule part this server knows`;
    if (!check[0](value.toUpperCase())) return check[1];
    seen.set(name, value.toUpperCase());
  }
  if (!seen.has('FREQ')) return 'FREQ is required, e.g. FREQ=MONTHLY';
  if (seen.has('COUNT') && seen.has('UNTIL')) return 'COUNT and UNTIL cannot both be given';
  return undefined;
}

/** The rule as stored: no "RRULE:" prefix, upper case, and no trailing ";" (Google Calendar writes one). */
export function normaliseRrule(rule: string): string {
  return rule
    .trim()
    .replace(/^RRULE:/i, '')
    .replace(/;+\s*$/, '')
    .toUpperCase();
}

/**
 * A UTC UNTIL ("…T180000Z") is an instant (RFC 5545 §3.3.10): it is taken out of the rule expanded
 * on wall-clock times and compared with each occurrence's instant, inclusively. A date or a floating
 * UNTIL stays in the rule and is compared with the wall clock, as the RFC reads it.
 */
function splitUtcUntil(rule: string): { rule: string; until?: Date } {
  const parts = normaliseRrule(rule).split(';');
  const at = parts.findIndex((p) => /^UNTIL=\d{8}T\d{6}Z$/.test(p));
  if (at < 0) return { rule: parts.join(';') };
  const m = /^UNTIL=(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(parts[at]!)!;
  const until = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  parts.splice(at, 1);
  return { rule: parts.join(';'), until };
}

/**
 * Occurrences of a rule as instants, from the wall-clock start of the first occurrence in the
 * zone, up to `until`. The rule is expanded on floating wall-clock times (a UTC Date stands for
 * "this date at this time on the local clock"), then each is converted in the zone: so 18:30
 * stays 18:30 across daylight-saving changes.
 */
export function expandRule(opts: {
  rrule: string;
  firstStartLocal: string;
  timeZone: string;
  exdates: string[];
  until: Date;
  max?: number;
}): { start: Date; localDate: string }[] {
  const first = parseLocal(opts.firstStartLocal);
  const floatingStart = new Date(Date.UTC(first.year, first.month - 1, first.day, first.hour, first.minute));
  const own = splitUtcUntil(opts.rrule);
  const rule = rrulestr(`RRULE:${own.rule}`, { dtstart: floatingStart });
  const until = own.until && own.until < opts.until ? own.until : opts.until;
  // `until` is an instant; in floating time it is at most 14 h away from the local clock.
  const floatingUntil = new Date(until.getTime() + 14 * 3_600_000);
  const skip = new Set(opts.exdates);
  const out: { start: Date; localDate: string }[] = [];
  const max = opts.max ?? 500;
  rule.all((d, i) => {
    if (d > floatingUntil || i >= 2000) return false;
    const localDate = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const start = fromWallClock(
      {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
      },
      opts.timeZone,
    );
    if (start <= until && !skip.has(localDate)) out.push({ start, localDate });
    return out.length < max;
  });
  return out;
}

export { localString };
