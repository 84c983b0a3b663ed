import type { FeatureCatalogue } from '../web/i18n/messages.js';

const en = {
  'programme.title': 'Programme',
  'programme.sessions': 'Sessions',
  'programme.addToCalendar': 'Add to my calendar',
} as const;

export const programmeMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'programme.title': 'Programme',
    'programme.sessions': 'Interventions',
    'programme.addToCalendar': 'Ajouter à mon agenda',
  },
  nl: {
    'programme.title': 'Programma',
    'programme.sessions': 'Sessies',
    'programme.addToCalendar': 'Toevoegen aan mijn agenda',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
