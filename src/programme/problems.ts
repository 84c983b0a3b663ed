import { catalogueOf } from '../web/i18n/messages.js';

/** The programme’s problems: each row is [English, French, Dutch]. */
const rows = {
  'programme.problem.endAfterStart': [
    'A session must end after it starts.',
    'Une session doit se terminer après son début.',
    'Een sessie moet eindigen na het begin.',
  ],
  'programme.problem.within': [
    'A session must fit within its event.',
    'Une session doit tenir dans son événement.',
    'Een sessie moet binnen haar evenement vallen.',
  ],
  'programme.problem.withinField': [
    'must be within the event’s time',
    'doit être dans l’horaire de l’événement',
    'moet binnen de tijd van het evenement liggen',
  ],
  'programme.problem.room': [
    'This room is not one of the event’s venue.',
    'Cette salle n’appartient pas au lieu de l’événement.',
    'Deze zaal hoort niet bij de locatie van het evenement.',
  ],
  'programme.problem.roomField': [
    'must be a room of the event’s venue',
    'doit être une salle du lieu de l’événement',
    'moet een zaal van de locatie van het evenement zijn',
  ],
  'programme.problem.booked': [
    'The room is already booked for “{title}” at that time.',
    'La salle est déjà réservée pour « {title} » à ce moment.',
    'De zaal is op dat moment al geboekt voor “{title}”.',
  ],
  'programme.problem.bookedField': ['is booked at that time', 'est réservée à ce moment', 'is op dat moment geboekt'],
  'programme.problem.session': ['Session {id}', 'La session {id}', 'Sessie {id}'],
  'programme.problem.speaker': ['Speaker {slug}', 'L’orateur {slug}', 'Spreker {slug}'],
} as const;

export const programmeProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
