/**
 * The situation of PRODUCT.md, as data: a Brussels community with its own coworking space opens
 * regional chapters in partner coworking spaces — Charleroi (in a regional coworking network),
 * then Kortrijk — while Namur and Mons collect sign-ups.
 */
export { demoPartnership, demoVenues } from './venue-data.js';

/** The chapters, each written in its own language and translated into the two others. */
export const demoChapters = [
  {
    name: 'Brussels',
    city: 'Bruxelles',
    region: 'Brussels-Capital',
    status: 'active' as const,
    host: 'BetaCowork',
    language: 'en' as const,
    description: 'Where it all started: the large events of the network, and a monthly meetup.',
    translations: {
      fr: {
        name: 'Bruxelles',
        description: 'Là où tout a commencé : les grands événements du réseau, et un meetup chaque mois.',
      },
      nl: {
        name: 'Brussel',
        description: 'Waar het allemaal begon: de grote evenementen van het netwerk, en elke maand een meetup.',
      },
    },
  },
  {
    name: 'Charleroi',
    city: 'Charleroi',
    region: 'Hainaut',
    status: 'active' as const,
    host: 'Switch Coworking Charleroi',
    language: 'fr' as const,
    description:
      'Une journée IT chaque mois et des conférences régulières pour les gens du web et de la tech de la région de Charleroi — et pour ceux qui l’ont quittée pour Bruxelles.',
    translations: {
      nl: {
        description:
          'Elke maand een IT-dag en geregeld lezingen voor de web- en techmensen uit de streek van Charleroi — en voor wie ze voor Brussel verliet.',
      },
      en: {
        description:
          'A monthly IT day and regular talks for the web and tech people of the Charleroi region — and for those who left it for Brussels.',
      },
    },
  },
  {
    name: 'Kortrijk',
    city: 'Kortrijk',
    region: 'West-Vlaanderen',
    status: 'active' as const,
    host: 'Coworking Kortrijk',
    language: 'nl' as const,
    description: 'Regelmatige meetups voor de tech-community van Zuid-West-Vlaanderen.',
    translations: {
      fr: {
        name: 'Courtrai',
        description: 'Des meetups réguliers pour la communauté tech du sud-ouest de la Flandre occidentale.',
      },
      en: { description: 'Regular meetups for the tech community of south-west West Flanders.' },
    },
  },
  {
    name: 'Namur',
    city: 'Namur',
    region: 'Namur',
    status: 'planned' as const,
    host: undefined,
    language: 'fr' as const,
    description: 'En discussion : dites-nous si vous viendriez.',
    translations: {
      nl: { name: 'Namen', description: 'In bespreking: laat ons weten of je zou komen.' },
      en: { description: 'Under discussion: tell us you would come.' },
    },
  },
  {
    name: 'Mons',
    city: 'Mons',
    region: 'Hainaut',
    status: 'planned' as const,
    host: undefined,
    language: 'fr' as const,
    description: 'En discussion : dites-nous si vous viendriez.',
    translations: {
      nl: { name: 'Bergen', description: 'In bespreking: laat ons weten of je zou komen.' },
      en: { description: 'Under discussion: tell us you would come.' },
    },
  },
];

export const demoOrganizers = [
  { name: 'Julie Lambert', email: 'julie.lambert@example.org', chapter: 'Brussels' },
  { name: 'Adrien Dubois', email: 'adrien.dubois@example.org', chapter: 'Charleroi' },
  { name: 'Sofie Vermeulen', email: 'sofie.vermeulen@example.org', chapter: 'Kortrijk' },
];

export const demoManagers = [
  { name: 'Marc Delvaux', email: 'marc.delvaux@example.org', venue: 'Switch Coworking Charleroi' },
];

export const demoAdmin = { email: 'admin@example.org', password: 'essaim-demo-admin', name: 'Demo administrator' };

export const firstNames = [
  'Amélie',
  'Bart',
  'Camille',
  'Dries',
  'Elise',
  'François',
  'Griet',
  'Hugo',
  'Inès',
  'Jens',
  'Karim',
  'Lotte',
  'Manon',
  'Nathan',
  'Océane',
  'Pieter',
  'Quentin',
  'Ruth',
  'Sarah',
  'Thomas',
  'Ursule',
  'Vincent',
  'Wout',
  'Yasmine',
  'Zoé',
];
export const lastNames = [
  'Lambert',
  'Peeters',
  'Dubois',
  'Janssens',
  'Maes',
  'Leclercq',
  'Willems',
  'Dumont',
  'Claes',
  'Martin',
  'Goossens',
  'Lemaire',
  'Wouters',
  'Renard',
  'De Smet',
  'Hermans',
  'Mertens',
  'Denis',
  'Jacobs',
  'Simon',
];

/** Events of the demo, relative to today so the demo always has a past and a future. */
export const demoEvents = {
  itDay: {
    chapter: 'charleroi',
    title: 'IT day Charleroi',
    kind: 'it-day' as const,
    description:
      'A day of coworking, talks and beers for the **tech and generalist** people of the Charleroi region — and for those from here who now work in Brussels.',
    language: 'en' as const,
    translations: {
      fr: {
        title: 'Journée IT Charleroi',
        description:
          'Une journée de coworking, de talks et de bières pour les profils **tech et généralistes** de la région de Charleroi — et pour ceux d’ici qui travaillent aujourd’hui à Bruxelles.',
      },
      nl: {
        title: 'IT-dag Charleroi',
        description:
          'Een dag coworking, talks en bier voor de **tech- en generalistische** profielen uit de regio Charleroi — en voor wie van hier komt en nu in Brussel werkt.',
      },
    },
    venue: 'switch-coworking-charleroi',
    room: 'Event room',
    capacity: 50,
    rrule: 'FREQ=MONTHLY;BYDAY=1TH',
  },
  talks: [
    {
      chapter: 'charleroi',
      title: 'Open source, from Charleroi to the world',
      language: 'en' as const,
      translations: {
        fr: { title: 'L’open source, de Charleroi au monde' },
        nl: { title: 'Open source, van Charleroi naar de wereld' },
      },
      kind: 'talk' as const,
      venue: 'switch-coworking-charleroi',
      room: 'Event room',
      capacity: 50,
      inDays: 17,
      speakers: [
        {
          name: 'Adrien Ramy',
          bio: 'Carolo by birth, free-software expert.',
          talk: 'Open source, from Charleroi to the world',
        },
      ],
    },
    {
      chapter: 'kortrijk',
      title: 'Meetup: product design in West-Vlaanderen',
      language: 'en' as const,
      translations: {
        fr: { title: 'Meetup : le design produit en Flandre-Occidentale' },
        nl: { title: 'Meetup: productontwerp in West-Vlaanderen' },
      },
      kind: 'meetup' as const,
      venue: 'coworking-kortrijk',
      room: 'Zaal',
      capacity: 45,
      inDays: 12,
      speakers: [],
    },
    {
      chapter: 'kortrijk',
      title: 'Workshop: your first API',
      language: 'en' as const,
      translations: { fr: { title: 'Atelier : votre première API' }, nl: { title: 'Workshop: je eerste API' } },
      kind: 'workshop' as const,
      venue: 'coworking-kortrijk',
      room: 'Zaal',
      capacity: 20,
      inDays: 40,
      speakers: [],
    },
    {
      chapter: 'brussels',
      title: 'Essaim conference',
      language: 'en' as const,
      translations: { fr: { title: 'Conférence Essaim' }, nl: { title: 'Essaim-conferentie' } },
      kind: 'conference' as const,
      venue: 'betacowork',
      room: 'Main hall',
      capacity: 120,
      inDays: 55,
      speakers: [{ name: 'Julie Lambert', bio: 'Runs the network.', talk: 'Growing a network by chapters' }],
    },
  ],
  past: [
    {
      chapter: 'charleroi',
      title: 'Kick-off: BetaGroup essaime à Charleroi',
      language: 'fr' as const,
      translations: {
        nl: { title: 'Kick-off: BetaGroup zwermt uit naar Charleroi' },
        en: { title: 'Kick-off: BetaGroup swarms to Charleroi' },
      },
      kind: 'talk' as const,
      venue: 'switch-coworking-charleroi',
      room: 'Event room',
      capacity: 50,
      inDays: -65,
      registrations: 38,
      attended: 31,
    },
    {
      chapter: 'kortrijk',
      title: 'Kick-off Kortrijk',
      language: 'nl' as const,
      translations: { fr: { title: 'Lancement à Courtrai' }, en: { title: 'Kick-off Kortrijk' } },
      kind: 'meetup' as const,
      venue: 'coworking-kortrijk',
      room: 'Zaal',
      capacity: 45,
      inDays: -30,
      registrations: 27,
      attended: 22,
    },
  ],
};
