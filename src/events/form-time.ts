import type { FormValues } from '../web/forms.js';
import { fromWallClock, isTimeZone, wallClock } from './time.js';

/**
 * The form's start or end time when the zone's clocks skip it that day (02:30 on the night summer
 * time starts): the conversion would quietly move it an hour later, so the form asks for another.
 */
export function skippedTime(
  values: FormValues,
): { field: 'startTime' | 'endTime'; time: string; zone: string } | undefined {
  const tz = values.timeZone && isTimeZone(values.timeZone) ? values.timeZone : 'Europe/Brussels';
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.date ?? '');
  if (!date) return undefined;
  for (const field of ['startTime', 'endTime'] as const) {
    const time = /^(\d{2}):(\d{2})$/.exec(values[field] ?? '');
    if (!time) continue;
    const wall = { year: +date[1]!, month: +date[2]!, day: +date[3]!, hour: +time[1]!, minute: +time[2]! };
    const back = wallClock(fromWallClock(wall, tz), tz);
    if (back.hour !== wall.hour || back.minute !== wall.minute) return { field, time: time[0], zone: tz };
  }
  return undefined;
}
