import { catalogueOf } from '../web/i18n/messages.js';

/** Registrations’ problems: each row is [English, French, Dutch]. */
const rows = {
  'registration.problem.theRegistration': ['The registration {id}', 'L’inscription {id}', 'De inschrijving {id}'],
  'registration.problem.link': ['This registration link', 'Ce lien d’inscription', 'Deze inschrijvingslink'],
  'registration.problem.notWaitlisted': [
    'This registration is {status, select, confirmed {confirmed} cancelled {cancelled} other {{status}}}, not waitlisted.',
    'Cette inscription est {status, select, confirmed {confirmée} cancelled {annulée} other {{status}}}, pas en liste d’attente.',
    'Deze inschrijving is {status, select, confirmed {bevestigd} cancelled {geannuleerd} other {{status}}}, niet op de wachtlijst.',
  ],
  'registration.problem.guestsGive': [
    'Guests give their name and e-mail (or sign in).',
    'Les invités donnent leur nom et leur e-mail (ou se connectent).',
    'Gasten geven hun naam en e-mailadres op (of melden zich aan).',
  ],
  'registration.problem.giveNameEmail': [
    'Give the person’s name and e-mail.',
    'Indiquez le nom et l’e-mail de la personne.',
    'Geef de naam en het e-mailadres van de persoon op.',
  ],
  'registration.problem.membersOnly': [
    'This event is for members only: sign in to register.',
    'Cet événement est réservé aux membres : connectez-vous pour vous inscrire.',
    'Dit evenement is alleen voor leden: meld je aan om je in te schrijven.',
  ],
  'registration.problem.tooMany': [
    'Too many registrations for this e-mail address in the last minute. Wait a minute and try again.',
    'Trop d’inscriptions pour cette adresse e-mail dans la dernière minute. Attendez une minute et réessayez.',
    'Te veel inschrijvingen voor dit e-mailadres in de voorbije minuut. Wacht een minuut en probeer opnieuw.',
  ],
  'registration.problem.cancelled': [
    'This event is cancelled.',
    'Cet événement est annulé.',
    'Dit evenement is geannuleerd.',
  ],
  'registration.problem.full': [
    'This event is full and has no waitlist.',
    'Cet événement est complet et n’a pas de liste d’attente.',
    'Dit evenement is volzet en heeft geen wachtlijst.',
  ],
  'registration.problem.roomFull': [
    '{room} has {seats, plural, one {# seat} other {# seats}} and they are all taken: {name} cannot be confirmed until someone cancels.',
    '{room} compte {seats, plural, one {# place} other {# places}}, toutes prises : l’inscription de {name} ne peut pas être confirmée avant qu’une personne annule.',
    '{room} heeft {seats, plural, one {# plaats} other {# plaatsen}} en die zijn allemaal bezet: {name} kan pas bevestigd worden als iemand annuleert.',
  ],
} as const;

export const registrationProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
