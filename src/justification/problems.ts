import { catalogueOf } from '../web/i18n/messages.js';

/** Justification packs’ problems: each row is [English, French, Dutch]. */
const rows = {
  'pack.problem.fromAfterTo': ['from is after to.', 'from est après to.', 'from ligt na to.'],
  'pack.problem.fromAfterToField': [
    'must not be before from',
    'ne peut pas être avant from',
    'mag niet voor from liggen',
  ],
  'pack.problem.noPack': ['No such pack.', 'Ce dossier n’existe pas.', 'Dit dossier bestaat niet.'],
} as const;

export const packProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
