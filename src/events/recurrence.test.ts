import { describe, expect, it } from 'vitest';
import { expandRule, rruleProblem } from './recurrence.js';
import { fromWallClock, localString } from './time.js';

const tz = 'Europe/Brussels';

describe('series expansion in Europe/Brussels', () => {
  it('keeps "first Thursday at 18:30" at 18:30 local across both daylight-saving changes', () => {
    const occurrences = expandRule({
      rrule: 'FREQ=MONTHLY;BYDAY=1TH;COUNT=12',
      firstStartLocal: '2027-01-07T18:30',
      timeZone: tz,
      exdates: [],
      until: new Date('2028-12-31T00:00:00Z'),
    });
    expect(occurrences).toHaveLength(12);
    expect(occurrences.map((o) => localString(o.start, tz))).toEqual([
      '2027-01-07T18:30',
      '2027-02-04T18:30',
      '2027-03-04T18:30',
      '2027-04-01T18:30',
      '2027-05-06T18:30',
      '2027-06-03T18:30',
      '2027-07-01T18:30',
      '2027-08-05T18:30',
      '2027-09-02T18:30',
      '2027-10-07T18:30',
      '2027-11-04T18:30',
      '2027-12-02T18:30',
    ]);
    // Winter time is UTC+1, summer time UTC+2: the instants move, the wall clock does not.
    expect(occurrences[2]!.start.toISOString()).toBe('2027-03-04T17:30:00.000Z');
    expect(occurrences[3]!.start.toISOString()).toBe('2027-04-01T16:30:00.000Z');
    expect(occurrences[9]!.start.toISOString()).toBe('2027-10-07T16:30:00.000Z');
    expect(occurrences[10]!.start.toISOString()).toBe('2027-11-04T17:30:00.000Z');
  });

  it('keeps a weekly series on the clock through the night of each change', () => {
    // 2027-03-28 and 2027-10-31 are the change Sundays.
    const weekly = expandRule({
      rrule: 'FREQ=WEEKLY;BYDAY=SA,SU',
      firstStartLocal: '2027-03-27T10:00',
      timeZone: tz,
      exdates: [],
      until: new Date('2027-03-29T00:00:00Z'),
    });
    expect(weekly.map((o) => o.start.toISOString())).toEqual(['2027-03-27T09:00:00.000Z', '2027-03-28T08:00:00.000Z']);
    const autumn = expandRule({
      rrule: 'FREQ=DAILY;COUNT=2',
      firstStartLocal: '2027-10-30T18:30',
      timeZone: tz,
      exdates: [],
      until: new Date('2028-01-01T00:00:00Z'),
    });
    expect(autumn.map((o) => o.start.toISOString())).toEqual(['2027-10-30T16:30:00.000Z', '2027-10-31T17:30:00.000Z']);
  });

  it('skips excluded dates and stops at the horizon', () => {
    const o = expandRule({
      rrule: 'FREQ=MONTHLY;BYDAY=1TH',
      firstStartLocal: '2027-01-07T18:30',
      timeZone: tz,
      exdates: ['2027-02-04'],
      until: new Date('2027-04-30T00:00:00Z'),
    });
    expect(o.map((x) => x.localDate)).toEqual(['2027-01-07', '2027-03-04', '2027-04-01']);
  });

  it('converts wall-clock times that do not exist or happen twice', () => {
    // 02:30 does not exist on 2027-03-28: it becomes 03:30 local.
    expect(fromWallClock({ year: 2027, month: 3, day: 28, hour: 2, minute: 30 }, tz).toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    );
    // 02:30 happens twice on 2027-10-31: the first (summer time) is taken.
    expect(fromWallClock({ year: 2027, month: 10, day: 31, hour: 2, minute: 30 }, tz).toISOString()).toBe(
      '2027-10-31T00:30:00.000Z',
    );
  });
});

describe('RRULE validation says what is wrong', () => {
  it.each([
    ['FREQ=MONTHLY;BYDAY=1TH;COUNT=12', undefined],
    ['RRULE:FREQ=WEEKLY;UNTIL=20271231T235959Z', undefined],
    ['FREQ=SOMETIMES', 'FREQ must be one of YEARLY, MONTHLY, WEEKLY, DAILY'],
    ['BYDAY=TH', 'FREQ is required, e.g. FREQ=MONTHLY'],
    ['FREQ=MONTHLY;BYDAY=XX', 'BYDAY must list days such as MO,TH or 1TH (first Thursday) or -1FR (last Friday)'],
    ['FREQ=MONTHLY;COUNT=3;UNTIL=20270101', 'COUNT and UNTIL cannot both be given'],
    ['FREQ=DAILY;BYHOUR=18', 'BYHOUR is not supported: the time of day comes from startsAt'],
    ['FREQ=DAILY;COUNT', '"COUNT" is not of the form NAME=VALUE'],
    ['', 'the rule is empty: write for example FREQ=MONTHLY;BYDAY=1TH;COUNT=12'],
  ])('%s', (rule, problem) => {
    expect(rruleProblem(rule)).toBe(problem);
  });
});

describe('RFC 5545 edges, as python-dateutil reads them', () => {
  const far = new Date('2040-01-01T00:00:00Z');
  it('compares a UTC UNTIL with instants, inclusively, east of UTC', () => {
    // 19:00+01:00 on 4 March 2027 is 18:00Z: exactly UNTIL, so it is the ninth and last.
    const o = expandRule({
      rrule: 'FREQ=WEEKLY;BYDAY=TH;UNTIL=20270304T180000Z',
      firstStartLocal: '2027-01-07T19:00',
      timeZone: tz,
      exdates: [],
      until: far,
    });
    expect(o).toHaveLength(9);
    expect(o.at(-1)!.start.toISOString()).toBe('2027-03-04T18:00:00.000Z');
  });

  it('compares a UTC UNTIL with instants west of UTC', () => {
    // 19:00 in New York on 4 March is 00:00Z on the 5th: after UNTIL, so the last is 25 February.
    const o = expandRule({
      rrule: 'FREQ=WEEKLY;BYDAY=TH;UNTIL=20270304T235959Z',
      firstStartLocal: '2027-01-07T19:00',
      timeZone: 'America/New_York',
      exdates: [],
      until: far,
    });
    expect(o.map((x) => x.localDate).at(-1)).toBe('2027-02-25');
    expect(o).toHaveLength(8);
    // dateutil: at 20:00 New York, 31 December 2016 is 01:00Z on 1 January, after UNTIL; at 19:00 it is
    // exactly UNTIL and included.
    const weeks = (hour: string) =>
      expandRule({
        rrule: 'FREQ=YEARLY;BYWEEKNO=1,2;WKST=FR;UNTIL=20170101T000000Z',
        firstStartLocal: `2016-01-01T${hour}`,
        timeZone: 'America/New_York',
        exdates: [],
        until: far,
      }).map((x) => x.localDate);
    expect(weeks('20:00')).toHaveLength(15);
    expect(weeks('20:00').at(-1)).toBe('2016-12-30');
    expect(weeks('19:00')).toHaveLength(16);
    expect(weeks('19:00').at(-1)).toBe('2016-12-31');
  });

  it('accepts the trailing ";" Google Calendar writes', () => {
    expect(rruleProblem('FREQ=WEEKLY;COUNT=2;BYDAY=MO;')).toBeUndefined();
    const o = expandRule({
      rrule: 'FREQ=WEEKLY;COUNT=2;BYDAY=MO;',
      firstStartLocal: '2027-01-04T19:00',
      timeZone: tz,
      exdates: [],
      until: far,
    });
    expect(o.map((x) => x.localDate)).toEqual(['2027-01-04', '2027-01-11']);
  });
});
