import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** The venue dashboard: messages in the three languages (same keys in each language; src/catalogues.test.ts checks). */
const en = {
  'venueDash.title': '{venue}: what the network brings',
  'venueDash.period': 'Period',
  'venueDash.from': 'From',
  'venueDash.to': 'To',
  'venueDash.hosted': 'Events hosted',
  'venueDash.brought': 'People brought',
  'venueDash.firstTime': 'First time at the venue',
  'venueDash.returning': 'Returning to the venue',
  'venueDash.occupancy': 'Seat occupancy',
  'venueDash.contacts': 'Contacts who agreed to share them with the venue',
  'venueDash.noContacts': 'Nobody agreed to share their contact for this period.',
  'venueDash.hidden': 'fewer than 5',
  'venueDash.export': 'Download the contacts (CSV)',
  'venueDash.logged': 'Every view and download of this page is recorded.',
};

export const venueDashboardMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'venueDash.title': '{venue} : ce que le réseau apporte',
    'venueDash.period': 'Période',
    'venueDash.from': 'Du',
    'venueDash.to': 'Au',
    'venueDash.hosted': 'Événements accueillis',
    'venueDash.brought': 'Personnes amenées',
    'venueDash.firstTime': 'Première venue dans le lieu',
    'venueDash.returning': 'Revenues dans le lieu',
    'venueDash.occupancy': 'Taux d’occupation des places',
    'venueDash.contacts': 'Contacts qui ont accepté de les partager avec le lieu',
    'venueDash.noContacts': 'Personne n’a accepté de partager son contact pour cette période.',
    'venueDash.hidden': 'moins de 5',
    'venueDash.export': 'Télécharger les contacts (CSV)',
    'venueDash.logged': 'Chaque consultation et téléchargement de cette page est enregistré.',
  },
  nl: {
    'venueDash.title': '{venue}: wat het netwerk brengt',
    'venueDash.period': 'Periode',
    'venueDash.from': 'Van',
    'venueDash.to': 'Tot',
    'venueDash.hosted': 'Ontvangen evenementen',
    'venueDash.brought': 'Meegebrachte mensen',
    'venueDash.firstTime': 'Voor het eerst op de locatie',
    'venueDash.returning': 'Terug op de locatie',
    'venueDash.occupancy': 'Bezettingsgraad van de plaatsen',
    'venueDash.contacts': 'Contacten die ermee instemden ze met de locatie te delen',
    'venueDash.noContacts': 'Niemand stemde in met het delen van zijn contact voor deze periode.',
    'venueDash.hidden': 'minder dan 5',
    'venueDash.export': 'De contacten downloaden (CSV)',
    'venueDash.logged': 'Elke raadpleging en download van deze pagina wordt geregistreerd.',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
