import { catalogueOf } from '../web/i18n/messages.js';

/** The outbox’s problems: each row is [English, French, Dutch]. */
const rows = {
  'mail.problem.message': ['The message {id}', 'Le message {id}', 'Het bericht {id}'],
} as const;

export const mailProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
