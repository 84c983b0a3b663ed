import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** The invitations a member received, on their own page (/me/invitations). */
const en = {
  'invitations.received.title': 'Invitations I received',
  'invitations.received.intro':
    'The events organisers invited you to, newest first. You can stop the invitations in your profile.',
  'invitations.received.none': 'You have not received any invitation yet.',
  'invitations.received.event': 'Event',
  'invitations.received.date': 'Date',
  'invitations.received.chapter': 'Chapter',
  'invitations.received.invitedOn': 'Invited on',
  'invitations.received.answer': 'Your answer',
  'invitations.received.registered': 'Registered',
  'invitations.received.waitlisted': 'On the waiting list',
  'invitations.received.open': 'Not registered: see the event',
  'invitations.received.past': 'Not registered (the event is over)',
  'invitations.received.cancelled': 'Event cancelled',
  'invitations.received.message': 'Message from the organisers',
  'invitations.received.older': 'Older invitations',
  'invitations.received.link': 'Invitations I received',
};

export const receivedInvitationMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'invitations.received.title': 'Invitations reçues',
    'invitations.received.intro':
      'Les événements auxquels des organisateurs vous ont invité·e, du plus récent au plus ancien. Vous pouvez refuser les invitations dans votre profil.',
    'invitations.received.none': 'Vous n’avez encore reçu aucune invitation.',
    'invitations.received.event': 'Événement',
    'invitations.received.date': 'Date',
    'invitations.received.chapter': 'Antenne',
    'invitations.received.invitedOn': 'Invité·e le',
    'invitations.received.answer': 'Votre réponse',
    'invitations.received.registered': 'Inscrit·e',
    'invitations.received.waitlisted': 'En liste d’attente',
    'invitations.received.open': 'Pas inscrit·e : voir l’événement',
    'invitations.received.past': 'Pas inscrit·e (l’événement est passé)',
    'invitations.received.cancelled': 'Événement annulé',
    'invitations.received.message': 'Message des organisateurs',
    'invitations.received.older': 'Invitations plus anciennes',
    'invitations.received.link': 'Invitations reçues',
  },
  nl: {
    'invitations.received.title': 'Ontvangen uitnodigingen',
    'invitations.received.intro':
      'De evenementen waarvoor organisatoren je uitnodigden, nieuwste eerst. Je kunt de uitnodigingen stopzetten in je profiel.',
    'invitations.received.none': 'Je hebt nog geen uitnodiging ontvangen.',
    'invitations.received.event': 'Evenement',
    'invitations.received.date': 'Datum',
    'invitations.received.chapter': 'Afdeling',
    'invitations.received.invitedOn': 'Uitgenodigd op',
    'invitations.received.answer': 'Jouw antwoord',
    'invitations.received.registered': 'Ingeschreven',
    'invitations.received.waitlisted': 'Op de wachtlijst',
    'invitations.received.open': 'Niet ingeschreven: bekijk het evenement',
    'invitations.received.past': 'Niet ingeschreven (het evenement is voorbij)',
    'invitations.received.cancelled': 'Evenement geannuleerd',
    'invitations.received.message': 'Bericht van de organisatoren',
    'invitations.received.older': 'Oudere uitnodigingen',
    'invitations.received.link': 'Ontvangen uitnodigingen',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
