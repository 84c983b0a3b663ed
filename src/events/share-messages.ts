import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** The event's place, map link, share links and attendee count. */
const en = {
  'eventShare.map': 'Map (OpenStreetMap)',
  'eventShare.title': 'Share this event',
  'eventShare.link': 'Link to copy',
  'eventShare.email': 'Send by e-mail',
  'eventShare.going':
    '{count, plural, =0 {Nobody has registered yet.} one {# person is going.} other {# people are going.}}',
  'eventShare.where': 'Where',
};

export const eventShareMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'eventShare.map': 'Carte (OpenStreetMap)',
    'eventShare.title': 'Partager cet événement',
    'eventShare.link': 'Lien à copier',
    'eventShare.email': 'Envoyer par e-mail',
    'eventShare.going':
      '{count, plural, =0 {Personne n’est encore inscrit.} one {# personne y va.} other {# personnes y vont.}}',
    'eventShare.where': 'Où',
  },
  nl: {
    'eventShare.map': 'Kaart (OpenStreetMap)',
    'eventShare.title': 'Deel dit evenement',
    'eventShare.link': 'Link om te kopiëren',
    'eventShare.email': 'Versturen per e-mail',
    'eventShare.going':
      '{count, plural, =0 {Er is nog niemand ingeschreven.} one {# persoon gaat.} other {# personen gaan.}}',
    'eventShare.where': 'Waar',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
