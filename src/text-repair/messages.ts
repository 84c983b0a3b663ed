import { catalogueOf } from '../web/i18n/messages.js';

/** The repair page's confirmation of a word unlike the damaged one: each row is [English, French, Dutch]. */
const rows = {
  'textRepair.confirm.title': [
    'Use a word unlike the damaged one?',
    'Utiliser un mot différent du mot abîmé ?',
    'Een woord gebruiken dat niet op het beschadigde lijkt?',
  ],
  'textRepair.confirm.yes': ['Yes, use “{choice}”', 'Oui, utiliser « {choice} »', 'Ja, “{choice}” gebruiken'],
  'textRepair.confirm.no': ['No, choose again', 'Non, choisir à nouveau', 'Nee, opnieuw kiezen'],
} as const;

export const textRepairMessages = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
