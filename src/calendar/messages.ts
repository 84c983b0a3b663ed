import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** Calendar subscriptions and downloads: messages in the three languages (same keys in each; src/catalogues.test.ts checks). */
const en = {
  'calendar.add': 'Add to my calendar:',
  'calendar.download': 'Calendar file (.ics)',
  'calendar.google': 'Google Calendar',
  'calendar.outlook': 'Outlook',
  'calendar.intro':
    'Subscribe to the events you registered for in your calendar app (Google Calendar, Apple Calendar, Outlook…) with a private address. It updates by itself when an event changes or is cancelled.',
  'calendar.create': 'Create a private address',
  'calendar.created':
    'Here is your private address. Copy it now: it will not be shown again. Anyone who has it can see your registrations.',
  'calendar.yourAddress': 'Your private address',
  'calendar.address': 'Calendar address',
  'calendar.subscribe': 'Subscribe in my calendar app',
  'calendar.active': 'Private addresses in use: {count}',
  'calendar.revoke': 'Revoke all my addresses',
  'calendar.revoked': 'Your private addresses are revoked: calendars subscribed to them no longer receive anything.',
};

export const calendarMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'calendar.add': 'Ajouter à mon agenda :',
    'calendar.download': 'Fichier agenda (.ics)',
    'calendar.google': 'Google Agenda',
    'calendar.outlook': 'Outlook',
    'calendar.intro':
      'Abonnez-vous aux événements auxquels vous êtes inscrit·e dans votre application d’agenda (Google Agenda, Calendrier d’Apple, Outlook…) grâce à une adresse privée. Elle se met à jour toute seule quand un événement change ou est annulé.',
    'calendar.create': 'Créer une adresse privée',
    'calendar.created':
      'Voici votre adresse privée. Copiez-la maintenant : elle ne sera plus affichée. Toute personne qui la connaît peut voir vos inscriptions.',
    'calendar.yourAddress': 'Votre adresse privée',
    'calendar.address': 'Adresse de l’agenda',
    'calendar.subscribe': 'M’abonner dans mon application d’agenda',
    'calendar.active': 'Adresses privées en service : {count}',
    'calendar.revoke': 'Révoquer toutes mes adresses',
    'calendar.revoked': 'Vos adresses privées sont révoquées : les agendas qui y sont abonnés ne reçoivent plus rien.',
  },
  nl: {
    'calendar.add': 'Toevoegen aan mijn agenda:',
    'calendar.download': 'Agendabestand (.ics)',
    'calendar.google': 'Google Agenda',
    'calendar.outlook': 'Outlook',
    'calendar.intro':
      'Abonneer je in je agenda-app (Google Agenda, Apple Agenda, Outlook…) op de evenementen waarvoor je bent ingeschreven, met een privéadres. Het werkt zichzelf bij wanneer een evenement verandert of wordt geannuleerd.',
    'calendar.create': 'Een privéadres aanmaken',
    'calendar.created':
      'Dit is je privéadres. Kopieer het nu: het wordt niet opnieuw getoond. Wie het kent, kan je inschrijvingen zien.',
    'calendar.yourAddress': 'Je privéadres',
    'calendar.address': 'Agenda-adres',
    'calendar.subscribe': 'Abonneren in mijn agenda-app',
    'calendar.active': 'Privéadressen in gebruik: {count}',
    'calendar.revoke': 'Al mijn adressen intrekken',
    'calendar.revoked': 'Je privéadressen zijn ingetrokken: agenda’s die erop geabonneerd zijn, krijgen niets meer.',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
