import { catalogueOf } from '../web/i18n/messages.js';

/** Events’ problems: each row is [English, French, Dutch]. */
const rows = {
  'event.problem.theEvent': ['The event {id}', 'L’événement {id}', 'Het evenement {id}'],
  'event.problem.thisEvent': ['This event', 'Cet événement', 'Dit evenement'],
  'event.problem.theSeries': ['The series {id}', 'La série {id}', 'De reeks {id}'],
  'event.problem.capacityNeeded': [
    'Say how many people can come: give a capacity, or a room (its capacity is used).',
    'Dites combien de personnes peuvent venir : indiquez une capacité, ou une salle (sa capacité est reprise).',
    'Zeg hoeveel mensen kunnen komen: geef een capaciteit op, of een zaal (haar capaciteit wordt gebruikt).',
  ],
  'event.problem.capacityWithoutRoom': [
    'is required without a room',
    'est requis sans salle',
    'is verplicht zonder zaal',
  ],
  'event.problem.noOccurrence': [
    'This rule gives no occurrence in the next twelve months.',
    'Cette règle ne donne aucune date dans les douze prochains mois.',
    'Deze regel geeft geen enkele datum in de komende twaalf maanden.',
  ],
  'event.problem.noOccurrenceField': ['gives no occurrence', 'ne donne aucune date', 'geeft geen enkele datum'],
  'event.problem.alreadyCancelled': [
    'This event was already cancelled ({reason}).',
    'Cet événement était déjà annulé ({reason}).',
    'Dit evenement was al geannuleerd ({reason}).',
  ],
  'event.problem.alreadyCancelledNoReason': [
    'This event was already cancelled (no reason given).',
    'Cet événement était déjà annulé (sans raison donnée).',
    'Dit evenement was al geannuleerd (zonder opgegeven reden).',
  ],
  'event.problem.cancelledFrozen': [
    'This event is cancelled: it cannot be changed.',
    'Cet événement est annulé : il ne peut plus être modifié.',
    'Dit evenement is geannuleerd: het kan niet meer worden gewijzigd.',
  ],
  'event.problem.endAfterStart': [
    'The event must end after it starts.',
    'L’événement doit se terminer après son début.',
    'Het evenement moet eindigen na het begin.',
  ],
  'event.problem.capacityBelow': [
    '{confirmed, plural, one {# person is} other {# people are}} confirmed for "{title}" on {date, date, day}: the capacity cannot go below {confirmed}. Cancel registrations first.',
    '{confirmed, plural, one {# personne est confirmée} other {# personnes sont confirmées}} pour « {title} » le {date, date, day} : la capacité ne peut pas descendre sous {confirmed}. Annulez d’abord des inscriptions.',
    'Voor "{title}" op {date, date, day} {confirmed, plural, one {is # persoon} other {zijn # mensen}} bevestigd: de capaciteit kan niet onder {confirmed} zakken. Annuleer eerst inschrijvingen.',
  ],
  'event.problem.overRoom': [
    '{room} has {seats, plural, one {# seat} other {# seats}}: the capacity cannot be more than that (asked: {capacity}).',
    '{room} compte {seats, plural, one {# place} other {# places}} : la capacité ne peut pas dépasser ce nombre (demandé : {capacity}).',
    '{room} heeft {seats, plural, one {# plaats} other {# plaatsen}}: de capaciteit kan niet hoger zijn (gevraagd: {capacity}).',
  ],
  'event.problem.overRoomField': [
    'at most {seats, plural, one {# seat} other {# seats}}, as in {room}',
    'au plus {seats, plural, one {# place} other {# places}}, comme dans {room}',
    'hoogstens {seats, plural, one {# plaats} other {# plaatsen}}, zoals in {room}',
  ],
} as const;

export const eventProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
