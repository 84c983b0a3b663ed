import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** Past events on /events and on the chapter and venue pages. */
const en = {
  'eventsList.when': 'When',
  'eventsList.upcoming': 'Upcoming',
  'eventsList.past': 'Past',
  'eventsList.nonePast': 'No past event matches.',
  'eventsList.allPast': 'All past events',
  'eventsList.allUpcoming': 'All upcoming events here',
  'eventsList.noPast': 'No event has taken place yet.',
  'eventsList.noUpcoming': 'No upcoming event here.',
};

export const eventListMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'eventsList.when': 'Quand',
    'eventsList.upcoming': 'À venir',
    'eventsList.past': 'Passés',
    'eventsList.nonePast': 'Aucun événement passé ne correspond.',
    'eventsList.allPast': 'Tous les événements passés',
    'eventsList.allUpcoming': 'Tous les événements à venir ici',
    'eventsList.noPast': 'Aucun événement n’a encore eu lieu.',
    'eventsList.noUpcoming': 'Aucun événement à venir ici.',
  },
  nl: {
    'eventsList.when': 'Wanneer',
    'eventsList.upcoming': 'Komend',
    'eventsList.past': 'Voorbij',
    'eventsList.nonePast': 'Geen voorbij evenement komt overeen.',
    'eventsList.allPast': 'Alle voorbije evenementen',
    'eventsList.allUpcoming': 'Alle komende evenementen hier',
    'eventsList.noPast': 'Er vond nog geen evenement plaats.',
    'eventsList.noUpcoming': 'Geen komend evenement hier.',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
