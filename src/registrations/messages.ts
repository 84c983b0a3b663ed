import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** Registrations: sharing with the host venue, the venue managers' page: messages in the three languages (same keys in each; src/catalogues.test.ts checks). */
const en = {
  'consent.share': 'Share my name and e-mail with the host venue ({venue})',
  'consent.shareHelp':
    'Optional. The venue’s managers will see your name and e-mail address for this event only. You can withdraw it at any time from your ticket page.',
  'consent.heading': 'Sharing with the host venue',
  'consent.sharedAt': 'You agreed to share your name and e-mail with {venue} on {when}.',
  'consent.notShared': 'Your name and e-mail are not shared with the host venue.',
  'consent.withdraw': 'Withdraw my consent',
  'consent.manage.link': 'Events and shared contacts',
  'consent.manage.title': 'Events at {venue}',
  'consent.manage.intro':
    'Past and upcoming events held at this venue, with their attendance. Contacts are shown only for people who agreed to share them with the venue.',
  'consent.manage.upcoming': 'upcoming',
  'consent.manage.past': 'past',
  'consent.manage.cancelled': 'cancelled',
  'consent.manage.event': 'Event',
  'consent.manage.date': 'Date',
  'consent.manage.room': 'Room',
  'consent.manage.confirmed': 'Confirmed',
  'consent.manage.waitlisted': 'Waitlisted',
  'consent.manage.checkedIn': 'Checked in',
  'consent.manage.capacity': 'Capacity',
  'consent.manage.shared': 'Shared contacts',
  'consent.manage.none': 'No event has been held at this venue yet.',
  'consent.manage.next': 'Next page',
  'consent.manage.first': 'First page',
  'consent.manage.contacts': 'Contacts shared with the venue',
  'consent.manage.contactsHelp':
    'Only people who ticked “share my name and e-mail with the host venue” when registering and who are still registered.',
  'consent.manage.noContacts': 'Nobody has shared their contact details for this event.',
  'consent.manage.name': 'Name',
  'consent.manage.email': 'E-mail',
  'consent.manage.sharedOn': 'Shared on',
  'consent.manage.back': 'All events at {venue}',
};

export const registrationMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'consent.share': 'Partager mon nom et mon e-mail avec le lieu d’accueil ({venue})',
    'consent.shareHelp':
      'Facultatif. Les gestionnaires du lieu verront votre nom et votre adresse e-mail pour cet événement uniquement. Vous pouvez retirer votre accord à tout moment depuis la page de votre billet.',
    'consent.heading': 'Partage avec le lieu d’accueil',
    'consent.sharedAt': 'Vous avez accepté de partager votre nom et votre e-mail avec {venue} le {when}.',
    'consent.notShared': 'Votre nom et votre e-mail ne sont pas partagés avec le lieu d’accueil.',
    'consent.withdraw': 'Retirer mon accord',
    'consent.manage.link': 'Événements et contacts partagés',
    'consent.manage.title': 'Événements à {venue}',
    'consent.manage.intro':
      'Les événements passés et à venir organisés dans ce lieu, avec leur fréquentation. Les contacts ne sont affichés que pour les personnes qui ont accepté de les partager avec le lieu.',
    'consent.manage.upcoming': 'à venir',
    'consent.manage.past': 'passé',
    'consent.manage.cancelled': 'annulé',
    'consent.manage.event': 'Événement',
    'consent.manage.date': 'Date',
    'consent.manage.room': 'Salle',
    'consent.manage.confirmed': 'Confirmés',
    'consent.manage.waitlisted': 'En liste d’attente',
    'consent.manage.checkedIn': 'Présents',
    'consent.manage.capacity': 'Capacité',
    'consent.manage.shared': 'Contacts partagés',
    'consent.manage.none': 'Aucun événement n’a encore eu lieu dans ce lieu.',
    'consent.manage.next': 'Page suivante',
    'consent.manage.first': 'Première page',
    'consent.manage.contacts': 'Contacts partagés avec le lieu',
    'consent.manage.contactsHelp':
      'Uniquement les personnes qui ont coché « partager mon nom et mon e-mail avec le lieu d’accueil » à l’inscription et qui sont toujours inscrites.',
    'consent.manage.noContacts': 'Personne n’a partagé ses coordonnées pour cet événement.',
    'consent.manage.name': 'Nom',
    'consent.manage.email': 'E-mail',
    'consent.manage.sharedOn': 'Partagé le',
    'consent.manage.back': 'Tous les événements à {venue}',
  },
  nl: {
    'consent.share': 'Mijn naam en e-mailadres delen met de gastlocatie ({venue})',
    'consent.shareHelp':
      'Optioneel. De beheerders van de locatie zien je naam en e-mailadres, alleen voor dit evenement. Je kunt je toestemming altijd intrekken via de pagina van je ticket.',
    'consent.heading': 'Delen met de gastlocatie',
    'consent.sharedAt': 'Je hebt op {when} toestemming gegeven om je naam en e-mailadres te delen met {venue}.',
    'consent.notShared': 'Je naam en e-mailadres worden niet gedeeld met de gastlocatie.',
    'consent.withdraw': 'Mijn toestemming intrekken',
    'consent.manage.link': 'Evenementen en gedeelde contacten',
    'consent.manage.title': 'Evenementen in {venue}',
    'consent.manage.intro':
      'Voorbije en komende evenementen op deze locatie, met hun opkomst. Contactgegevens worden alleen getoond voor mensen die ermee instemden ze met de locatie te delen.',
    'consent.manage.upcoming': 'komend',
    'consent.manage.past': 'voorbij',
    'consent.manage.cancelled': 'geannuleerd',
    'consent.manage.event': 'Evenement',
    'consent.manage.date': 'Datum',
    'consent.manage.room': 'Zaal',
    'consent.manage.confirmed': 'Bevestigd',
    'consent.manage.waitlisted': 'Op de wachtlijst',
    'consent.manage.checkedIn': 'Aanwezig',
    'consent.manage.capacity': 'Capaciteit',
    'consent.manage.shared': 'Gedeelde contacten',
    'consent.manage.none': 'Op deze locatie vond nog geen evenement plaats.',
    'consent.manage.next': 'Volgende pagina',
    'consent.manage.first': 'Eerste pagina',
    'consent.manage.contacts': 'Contacten gedeeld met de locatie',
    'consent.manage.contactsHelp':
      'Alleen mensen die bij hun inschrijving „mijn naam en e-mailadres delen met de gastlocatie” aanvinkten en nog ingeschreven zijn.',
    'consent.manage.noContacts': 'Niemand heeft voor dit evenement zijn contactgegevens gedeeld.',
    'consent.manage.name': 'Naam',
    'consent.manage.email': 'E-mail',
    'consent.manage.sharedOn': 'Gedeeld op',
    'consent.manage.back': 'Alle evenementen in {venue}',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
