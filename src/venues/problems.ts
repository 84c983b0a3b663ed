import { catalogueOf } from '../web/i18n/messages.js';

/** Venues’ problems: each row is [English, French, Dutch]. */
const rows = {
  'venue.problem.coordinatesTogether': [
    'give both the latitude and the longitude, or neither',
    'indiquez la latitude et la longitude, ou aucune des deux',
    'geef zowel de breedtegraad als de lengtegraad, of geen van beide',
  ],
  'venue.problem.theVenue': ['The venue "{slug}"', 'Le lieu « {slug} »', 'De locatie "{slug}"'],
  'venue.problem.slugTaken': [
    'A venue with the URL name "{slug}" already exists. Choose another name or slug.',
    'Un lieu avec le nom d’URL « {slug} » existe déjà. Choisissez un autre nom ou slug.',
    'Er bestaat al een locatie met de URL-naam "{slug}". Kies een andere naam of slug.',
  ],
  'venue.problem.manager': [
    'The manager {id} of {venue}',
    'Le gestionnaire {id} de {venue}',
    'De beheerder {id} van {venue}',
  ],
  'venue.problem.notHeld': [
    'No event {id} is held at {venue}.',
    'Aucun événement {id} n’a lieu à {venue}.',
    'Geen evenement {id} vindt plaats in {venue}.',
  ],
} as const;

export const venueProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
