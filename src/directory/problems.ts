import { catalogueOf } from '../web/i18n/messages.js';

/** The directory’s problems: each row is [English, French, Dutch]. */
const rows = {
  'directory.problem.signIn': [
    'Sign in to see the member directory.',
    'Connectez-vous pour voir l’annuaire des membres.',
    'Meld je aan om de ledengids te zien.',
  ],
  'directory.problem.noChapter': [
    'No chapter has the URL name "{slug}".',
    'Aucune antenne n’a le nom d’URL « {slug} ».',
    'Geen enkele afdeling heeft de URL-naam "{slug}".',
  ],
  'directory.problem.hidden': [
    'No member with this id is visible to you.',
    'Aucun membre avec cet identifiant ne vous est visible.',
    'Geen enkel lid met deze id is voor jou zichtbaar.',
  ],
} as const;

export const directoryProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
