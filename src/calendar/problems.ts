import { catalogueOf } from '../web/i18n/messages.js';

/** Calendars’ problems: each row is [English, French, Dutch]. */
const rows = {
  'calendar.problem.address': ['This calendar address', 'Cette adresse de calendrier', 'Dit agenda-adres'],
  'calendar.problem.calendar': ['This calendar', 'Ce calendrier', 'Deze agenda'],
} as const;

export const calendarProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
