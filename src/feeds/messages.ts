import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** RSS and calendar feeds: messages in the three languages (same keys in each; src/catalogues.test.ts checks). */
const en = {
  'feeds.networkTitle': 'Upcoming events · {network}',
  'feeds.chapterTitle': '{chapter}: upcoming events · {network}',
  'feeds.description': 'The next events of {name}.',
  'feeds.rssTitle': 'Events of {name} (RSS)',
  'feeds.calendarTitle': 'Calendar of {name}',
  'feeds.subscribeCalendar': 'Subscribe to the calendar',
  'feeds.rss': 'RSS feed',
};

export const feedMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'feeds.networkTitle': 'Prochains événements · {network}',
    'feeds.chapterTitle': '{chapter} : prochains événements · {network}',
    'feeds.description': 'Les prochains événements de {name}.',
    'feeds.rssTitle': 'Événements de {name} (RSS)',
    'feeds.calendarTitle': 'Agenda de {name}',
    'feeds.subscribeCalendar': 'S’abonner à l’agenda',
    'feeds.rss': 'Flux RSS',
  },
  nl: {
    'feeds.networkTitle': 'Komende evenementen · {network}',
    'feeds.chapterTitle': '{chapter}: komende evenementen · {network}',
    'feeds.description': 'De volgende evenementen van {name}.',
    'feeds.rssTitle': 'Evenementen van {name} (RSS)',
    'feeds.calendarTitle': 'Agenda van {name}',
    'feeds.subscribeCalendar': 'Abonneren op de agenda',
    'feeds.rss': 'RSS-feed',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
