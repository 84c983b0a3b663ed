import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** The network's home and admin pages: messages in the three languages (same keys in each; src/catalogues.test.ts checks). */
const en = {
  'home.title': 'Chapters of {network}',
  'home.intro':
    'Small regular events, at most about fifty people, hosted by coworking spaces and other venues near you. The venue provides the room; the network brings its members, speakers and reputation.',
  'home.active': 'Active chapters',
  'home.planned': 'Coming soon',
  'home.plannedIntro': 'These chapters are being prepared. Leave your name and we will tell you when they launch.',
  'home.paused': 'Paused chapters',
  'home.noChapters': 'No chapter is active yet.',
  'home.hostedBy': 'Hosted by',
  'admin.title': 'Administration',
  'admin.chapters': 'Chapters',
  'admin.venues': 'Venues',
  'admin.yourChapters': 'Chapters you organise',
  'admin.yourVenues': 'Venues you manage',
};

export const networkMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'home.title': 'Le réseau {network} et ses antennes',
    'home.intro':
      'De petits événements réguliers, une cinquantaine de personnes au plus, accueillis par des espaces de coworking et d’autres lieux près de chez vous. Le lieu fournit la salle ; le réseau apporte ses membres, ses orateurs et sa réputation.',
    'home.active': 'Antennes actives',
    'home.planned': 'Bientôt',
    'home.plannedIntro': 'Ces antennes se préparent. Laissez votre nom : nous vous préviendrons à leur lancement.',
    'home.paused': 'Antennes en pause',
    'home.noChapters': 'Aucune antenne n’est encore active.',
    'home.hostedBy': 'Accueillie par',
    'admin.title': 'Administration',
    'admin.chapters': 'Antennes',
    'admin.venues': 'Lieux',
    'admin.yourChapters': 'Les antennes que vous animez',
    'admin.yourVenues': 'Les lieux que vous gérez',
  },
  nl: {
    'home.title': 'De afdelingen van {network}',
    'home.intro':
      'Kleine, regelmatige evenementen van hooguit een vijftigtal mensen, bij coworkingruimtes en andere locaties in je buurt. De locatie zorgt voor de zaal; het netwerk brengt zijn leden, sprekers en reputatie mee.',
    'home.active': 'Actieve afdelingen',
    'home.planned': 'Binnenkort',
    'home.plannedIntro':
      'Deze afdelingen worden voorbereid. Laat je naam achter en we laten je weten wanneer ze starten.',
    'home.paused': 'Gepauzeerde afdelingen',
    'home.noChapters': 'Er is nog geen actieve afdeling.',
    'home.hostedBy': 'Te gast bij',
    'admin.title': 'Beheer',
    'admin.chapters': 'Afdelingen',
    'admin.venues': 'Locaties',
    'admin.yourChapters': 'Afdelingen die je organiseert',
    'admin.yourVenues': 'Locaties die je beheert',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
