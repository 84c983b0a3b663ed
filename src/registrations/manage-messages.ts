import type { FeatureCatalogue } from '../web/i18n/messages.js';

/**
 * Asking before what cannot be taken back (an attendee's cancellation, an organiser confirming past
 * the waiting list), the organisers' list (counts, search, filter) and the door's undo.
 */
const en = {
  'ticketCancel.title': 'Cancel your registration?',
  'ticketCancel.confirmed':
    'Your seat goes to the first person on the waiting list at once. If you register again and the event is full by then, you will be at the end of the waiting list.',
  'ticketCancel.waitlisted': 'You leave the waiting list, where you are in position {position}.',
  'ticketCancel.submit': 'Yes, cancel my registration',
  'ticketCancel.keep': 'No, keep my registration',
  'registrations.cancelAction': 'Cancel',
  'registrations.confirmAction': 'Confirm…',
  'registrations.confirmTitle': 'Confirm {name} from the waiting list?',
  'registrations.confirmPosition':
    '{name} is in position {position} on the waiting list: {ahead, plural, =0 {nobody is ahead of them.} one {# person is ahead of them and stays on the list.} other {# people are ahead of them and stay on the list.}}',
  'registrations.confirmFull':
    'The event is full ({confirmed} of {capacity} seats taken): confirming adds a seat, and the capacity becomes {next}.',
  'registrations.confirmFree':
    '{free, plural, one {# seat is free} other {# seats are free}}: confirming gives one to {name}.',
  'registrations.confirmMail': '{name} is told by e-mail that they have a seat.',
  'registrations.confirmSubmit': 'Confirm {name}',
  'registrations.notWaitlisted': 'This registration is no longer on the waiting list.',
  'registrations.counts':
    '{confirmed, plural, one {# confirmed} other {# confirmed}} · {waitlisted, plural, one {# on the waiting list} other {# on the waiting list}} · {cancelled, plural, one {# cancelled} other {# cancelled}} · {checkedIn, plural, one {# checked in} other {# checked in}}',
  'registrations.search': 'Name or e-mail',
  'registrations.filterStatus': 'Status',
  'registrations.filterAll': 'All',
  'registrations.filterCheckedIn': 'Checked in',
  'registrations.filterSubmit': 'Filter',
  'registrations.shown': 'Showing {shown} of {total}.',
  'registrations.noMatch': 'No registration matches this search.',
  'door.undo': 'Undo',
  'door.undoName': 'Undo the check-in of {name}',
  'door.undone': 'Check-in of {name} undone.',
  'door.noMatch': 'Nobody confirmed matches “{q}”.',
};

export const registrationManageMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'ticketCancel.title': 'Annuler votre inscription ?',
    'ticketCancel.confirmed':
      'Votre place va aussitôt à la première personne de la liste d’attente. Si vous vous réinscrivez et que l’événement est complet d’ici là, vous serez en fin de liste d’attente.',
    'ticketCancel.waitlisted': 'Vous quittez la liste d’attente, où vous êtes en position {position}.',
    'ticketCancel.submit': 'Oui, annuler mon inscription',
    'ticketCancel.keep': 'Non, garder mon inscription',
    'registrations.cancelAction': 'Annuler',
    'registrations.confirmAction': 'Confirmer…',
    'registrations.confirmTitle': 'Confirmer {name} depuis la liste d’attente ?',
    'registrations.confirmPosition':
      '{name} est en position {position} sur la liste d’attente : {ahead, plural, =0 {personne n’attend avant.} one {# personne attend avant et reste sur la liste.} other {# personnes attendent avant et restent sur la liste.}}',
    'registrations.confirmFull':
      'L’événement est complet ({confirmed} places prises sur {capacity}) : confirmer ajoute une place, et la capacité passe à {next}.',
    'registrations.confirmFree':
      '{free, plural, one {# place est libre} other {# places sont libres}} : confirmer en donne une à {name}.',
    'registrations.confirmMail': '{name} est prévenu·e par e-mail qu’une place lui est attribuée.',
    'registrations.confirmSubmit': 'Confirmer {name}',
    'registrations.notWaitlisted': 'Cette inscription n’est plus sur la liste d’attente.',
    'registrations.counts':
      '{confirmed, plural, one {# confirmée} other {# confirmées}} · {waitlisted, plural, one {# en liste d’attente} other {# en liste d’attente}} · {cancelled, plural, one {# annulée} other {# annulées}} · {checkedIn, plural, one {# arrivée} other {# arrivées}}',
    'registrations.search': 'Nom ou e-mail',
    'registrations.filterStatus': 'Statut',
    'registrations.filterAll': 'Toutes',
    'registrations.filterCheckedIn': 'Arrivées',
    'registrations.filterSubmit': 'Filtrer',
    'registrations.shown': '{shown} affichées sur {total}.',
    'registrations.noMatch': 'Aucune inscription ne correspond à cette recherche.',
    'door.undo': 'Annuler',
    'door.undoName': 'Annuler l’arrivée de {name}',
    'door.undone': 'Arrivée de {name} annulée.',
    'door.noMatch': 'Aucune personne confirmée ne correspond à « {q} ».',
  },
  nl: {
    'ticketCancel.title': 'Je inschrijving annuleren?',
    'ticketCancel.confirmed':
      'Je plaats gaat meteen naar de eerste persoon op de wachtlijst. Schrijf je je opnieuw in en is het evenement dan vol, dan kom je achteraan op de wachtlijst.',
    'ticketCancel.waitlisted': 'Je verlaat de wachtlijst, waar je op plaats {position} staat.',
    'ticketCancel.submit': 'Ja, mijn inschrijving annuleren',
    'ticketCancel.keep': 'Nee, mijn inschrijving houden',
    'registrations.cancelAction': 'Annuleren',
    'registrations.confirmAction': 'Bevestigen…',
    'registrations.confirmTitle': '{name} van de wachtlijst bevestigen?',
    'registrations.confirmPosition':
      '{name} staat op plaats {position} van de wachtlijst: {ahead, plural, =0 {er staat niemand voor.} one {er staat # persoon voor, die op de lijst blijft.} other {er staan # personen voor, die op de lijst blijven.}}',
    'registrations.confirmFull':
      'Het evenement is vol ({confirmed} van {capacity} plaatsen bezet): bevestigen voegt een plaats toe, en de capaciteit wordt {next}.',
    'registrations.confirmFree':
      '{free, plural, one {# plaats is vrij} other {# plaatsen zijn vrij}}: bevestigen geeft er een aan {name}.',
    'registrations.confirmMail': '{name} krijgt een e-mail dat er een plaats is.',
    'registrations.confirmSubmit': '{name} bevestigen',
    'registrations.notWaitlisted': 'Deze inschrijving staat niet meer op de wachtlijst.',
    'registrations.counts':
      '{confirmed, plural, one {# bevestigd} other {# bevestigd}} · {waitlisted, plural, one {# op de wachtlijst} other {# op de wachtlijst}} · {cancelled, plural, one {# geannuleerd} other {# geannuleerd}} · {checkedIn, plural, one {# ingecheckt} other {# ingecheckt}}',
    'registrations.search': 'Naam of e-mail',
    'registrations.filterStatus': 'Status',
    'registrations.filterAll': 'Alle',
    'registrations.filterCheckedIn': 'Ingecheckt',
    'registrations.filterSubmit': 'Filteren',
    'registrations.shown': '{shown} van {total} getoond.',
    'registrations.noMatch': 'Geen inschrijving komt overeen met deze zoekopdracht.',
    'door.undo': 'Ongedaan maken',
    'door.undoName': 'Check-in van {name} ongedaan maken',
    'door.undone': 'Check-in van {name} ongedaan gemaakt.',
    'door.noMatch': 'Niemand die bevestigd is komt overeen met „{q}”.',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
