/**
 * The situation of PRODUCT.md, as data: a Brussels community with its own coworking space opens
 * regional chapters in partner coworking spaces — Charleroi (in a regional coworking network),
 * then Kortrijk — while Namur and Mons collect sign-ups.
 */
export const demoVenues = [
  {
    name: 'BetaCowork',
    kind: 'coworking' as const,
    address: 'Rue des Pierres 29',
    city: 'Bruxelles',
    affiliation: '',
    coworkers: 200,
    website: null,
    description: 'The network’s own coworking space in the centre of Brussels, home of the large events.',
    language: 'en' as const,
    translations: {
      fr: {
        description: 'L’espace de coworking du réseau, au centre de Bruxelles, où ont lieu les grands événements.',
      },
      nl: {
        description:
          'De eigen coworkingruimte van het netwerk in het centrum van Brussel, thuis van de grote evenementen.',
      },
    },
    rooms: [
      { name: 'Main hall', capacity: 120, translations: { fr: { name: 'Grande salle' }, nl: { name: 'Grote zaal' } } },
      {
        name: 'Meeting room',
        capacity: 14,
        translations: { fr: { name: 'Salle de réunion' }, nl: { name: 'Vergaderzaal' } },
      },
    ],
  },
  {
    name: 'Switch Coworking Charleroi',
    kind: 'coworking' as const,
    address: 'Rue de la Montagne 20',
    city: 'Charleroi',
    affiliation: 'Cowallonia',
    coworkers: 35,
    website: null,
    description: 'A coworking space of Cowallonia, the public network of coworking spaces in Wallonia.',
    language: 'en' as const,
    translations: {
      fr: {
        description: 'Un espace de coworking de Cowallonia, le réseau public des espaces de coworking en Wallonie.',
      },
      nl: { description: 'Een coworkingruimte van Cowallonia, het openbare netwerk van coworkingruimtes in Wallonië.' },
    },
    rooms: [
      {
        name: 'Event room',
        capacity: 50,
        translations: { fr: { name: 'Salle événements' }, nl: { name: 'Evenementenzaal' } },
      },
      {
        name: 'Meeting room',
        capacity: 10,
        translations: { fr: { name: 'Salle de réunion' }, nl: { name: 'Vergaderzaal' } },
      },
    ],
  },
  {
    name: 'Coworking Kortrijk',
    kind: 'coworking' as const,
    address: 'Doorniksestraat 60',
    city: 'Kortrijk',
    affiliation: '',
    coworkers: 40,
    website: null,
    description: 'Coworkingruimte in het centrum van Kortrijk.',
    language: 'nl' as const,
    translations: {
      fr: { description: 'Un espace de coworking au centre de Courtrai.' },
      en: { description: 'A coworking space in the centre of Kortrijk.' },
    },
    rooms: [{ name: 'Zaal', capacity: 45, translations: { fr: { name: 'Salle' }, en: { name: 'Hall' } } }],
  },
];

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

export const demoPartnership = {
  venueProvides: 'room and coffee',
  networkProvides: 'promotion, speakers and members',
  language: 'en' as const,
  translations: {
    fr: { venueProvides: 'la salle et le café', networkProvides: 'la promotion, les orateurs et les membres' },
    nl: { venueProvides: 'zaal en koffie', networkProvides: 'promotie, sprekers en leden' },
  },
};

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
