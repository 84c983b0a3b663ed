// The demo's venues, their rooms and the partnership terms, each written in its own language and
// translated into the two others.

export const demoVenues = [
  {
    name: 'BetaCowork',
    kind: 'coworking' as const,
    address: 'Rue des Pierres 29',
    // Approximate: enough for the demo's maps.
    latitude: 50.8469,
    longitude: 4.35,
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
    // Approximate: enough for the demo's maps.
    latitude: 50.4113,
    longitude: 4.444,
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
    // Approximate: enough for the demo's maps.
    latitude: 50.824,
    longitude: 3.261,
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

export const demoPartnership = {
  venueProvides: 'room and coffee',
  networkProvides: 'promotion, speakers and members',
  language: 'en' as const,
  translations: {
    fr: { venueProvides: 'la salle et le café', networkProvides: 'la promotion, les orateurs et les membres' },
    nl: { venueProvides: 'zaal en koffie', networkProvides: 'promotie, sprekers en leden' },
  },
};
