import { describe, expect, it } from 'vitest';
import {
  formatDay,
  formatDayTime,
  formatMonth,
  formatRange,
  formatShort,
  formatTime,
  isoDay,
  isoDayTime,
  spansYears,
} from './format.js';

const start = new Date('2027-03-04T17:30:00Z');
const end = new Date('2027-03-04T20:00:00Z');
const now = new Date('2027-01-10T12:00:00Z');

describe('event dates', () => {
  it('are day-first and 24-hour in the three languages, English included', () => {
    expect(formatRange(start, end, 'Europe/Brussels', 'en')).toBe('Thursday, 4 March 2027, 18:30 – 21:00');
    expect(formatRange(start, end, 'Europe/Brussels', 'fr')).toBe('jeudi 4 mars 2027, 18:30 – 21:00');
    expect(formatRange(start, end, 'Europe/Brussels', 'nl')).toBe('donderdag 4 maart 2027, 18:30 – 21:00');
  });

  it('give the year only when the date is not in the current year, or when asked for a list over years', () => {
    expect(formatShort(start, 'Europe/Brussels', 'en', { now })).toBe('Thu 4 Mar, 18:30');
    expect(formatShort(start, 'Europe/Brussels', 'fr', { now: new Date('2026-12-01T00:00:00Z') })).toBe(
      'jeu. 4 mars 2027, 18:30',
    );
    expect(formatShort(start, 'Europe/Brussels', 'nl', { now, withYear: true })).toBe('do 4 mrt 2027, 18:30');
  });

  it("name the time zone when the event's is not Brussels'", () => {
    expect(formatRange(start, end, 'America/New_York', 'nl')).toBe('donderdag 4 maart 2027, 12:30 – 15:00 EST');
    expect(formatShort(start, 'Europe/Brussels', 'fr', { now })).not.toMatch(/UTC|CET/);
    expect(formatShort(start, 'Asia/Tokyo', 'fr', { now })).toMatch(/UTC\+9$/);
  });

  it('tell a list over two years (in Brussels) from a list within one', () => {
    expect(spansYears([start, end])).toBe(false);
    expect(spansYears([new Date('2026-12-31T22:30:00Z'), new Date('2027-01-02T10:00:00Z')])).toBe(true);
    // 23:30 UTC on 31 December is already the new year in Brussels.
    expect(spansYears([new Date('2026-12-31T23:30:00Z'), new Date('2027-01-02T10:00:00Z')])).toBe(false);
    expect(spansYears([])).toBe(false);
  });
});

describe('the shared day and time helpers', () => {
  const at = new Date('2026-11-27T19:17:09Z');

  it('write days and times day-first and 24-hour, in Brussels, in the three styles', () => {
    expect(formatDayTime(at, 'fr')).toBe('27/11/2026 20:17');
    expect(formatDayTime(at, 'en', 'medium')).toBe('27 Nov 2026 20:17');
    expect(formatDayTime(at, 'nl', 'long')).toBe('27 november 2026 20:17');
    expect(formatDayTime(at, 'fr', 'long')).toBe('27 novembre 2026 20:17');
    expect(formatDayTime(at, 'en', 'numeric', { seconds: true })).toBe('27/11/2026 20:17:09');
    expect(formatTime(at, 'en')).toBe('20:17');
    expect(formatDay('2026-05-02', 'fr', 'long')).toBe('2 mai 2026');
  });

  it("read an instant in the event's zone when given, and name that zone when it is not Brussels'", () => {
    expect(formatDayTime(at, 'en', 'numeric', { timeZone: 'Europe/Brussels' })).toBe('27/11/2026 20:17');
    expect(formatDayTime(at, 'en', 'numeric', { timeZone: 'America/New_York' })).toBe('27/11/2026 14:17 GMT-5');
    expect(formatTime(at, 'fr', 'Asia/Tokyo')).toBe('04:17');
    expect(formatDay(at, 'fr', 'numeric', 'Asia/Tokyo')).toBe('28/11/2026');
  });

  it('name months and give machine days on Brussels clocks', () => {
    expect(formatMonth('2026-03', 'fr')).toBe('mars');
    expect(formatMonth('2026-03', 'nl')).toBe('mrt');
    // 23:30 UTC on 31 December is already the new year in Brussels.
    expect(isoDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(isoDay(new Date('2026-12-31T23:30:00Z'), 'UTC')).toBe('2026-12-31');
    expect(isoDayTime(at)).toBe('2026-11-27 20:17:09');
  });
});
