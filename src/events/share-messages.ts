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
  'eventShare.whoIsGoing': 'Who’s going',
  'eventShare.andMore': '{count, plural, one {and # more member} other {and # more members}}',
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
    'eventShare.whoIsGoing': 'Qui y va',
    'eventShare.andMore': '{count, plural, one {et # autre membre} other {et # autres membres}}',
  },
  nl: {
    'eventShare.map': 'Kaart (OpenStreetMap)',
    'eventShare.title': 'Deel dit evenement',
    'eventShare.link': 'Link om te kopiëren',
    'eventShare.email': 'Versturen per e-mail',
    'eventShare.going':
      '{count, plural, =0 {Er is nog niemand ingeschreven.} one {# persoon gaat.} other {# personen gaan.}}',
    'eventShare.where': 'Waar',
    'eventShare.whoIsGoing': 'Wie gaat er',
    'eventShare.andMore': '{count, plural, one {en nog # lid} other {en nog # leden}}',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
