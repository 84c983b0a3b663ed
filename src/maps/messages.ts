import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** Maps: a place on OpenStreetMap, and the links to it, in the three languages. */
const en = {
  'map.title': 'Map',
  'map.label': 'Map of {place}',
  'map.open': 'See on OpenStreetMap',
  'map.directions': 'Directions',
  'map.geo': 'Open in my maps app',
  'map.attribution': '© OpenStreetMap contributors',
};

export const mapMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'map.title': 'Carte',
    'map.label': 'Carte : {place}',
    'map.open': 'Voir sur OpenStreetMap',
    'map.directions': 'Itinéraire',
    'map.geo': 'Ouvrir dans mon application de cartes',
    'map.attribution': '© les contributeurs d’OpenStreetMap',
  },
  nl: {
    'map.title': 'Kaart',
    'map.label': 'Kaart van {place}',
    'map.open': 'Bekijken op OpenStreetMap',
    'map.directions': 'Routebeschrijving',
    'map.geo': 'Openen in mijn kaartenapp',
    'map.attribution': '© OpenStreetMap-bijdragers',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
