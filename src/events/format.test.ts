import { describe, expect, it } from 'vitest';
import { formatRange, formatShort, spansYears } from './format.js';

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
