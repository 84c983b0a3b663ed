import { catalogueOf } from '../web/i18n/messages.js';

/** Member imports’ problems (the command line): each row is [English, French, Dutch]. */
const rows = {
  'memberImport.problem.cannotRead': [
    'cannot read {file} ({reason})',
    'impossible de lire {file} ({reason})',
    'kan {file} niet lezen ({reason})',
  ],
} as const;

export const memberImportProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
