import { catalogueOf } from '../web/i18n/messages.js';

/** The cover picture page of events, chapters and venues: each row is [English, French, Dutch]. */
const rows = {
  'cover.title': ['Cover picture: {name}', 'Image de couverture : {name}', 'Omslagfoto: {name}'],
  'cover.current': ['Current picture', 'Image actuelle', 'Huidige afbeelding'],
  'cover.none': [
    'No cover picture yet: lists and link previews show the name only.',
    'Pas encore d’image de couverture : les listes et les aperçus de lien n’affichent que le nom.',
    'Nog geen omslagfoto: lijsten en linkvoorbeelden tonen alleen de naam.',
  ],
  'cover.upload': ['Upload a picture', 'Envoyer une image', 'Een afbeelding uploaden'],
  'cover.replace': ['Replace the picture', 'Remplacer l’image', 'De afbeelding vervangen'],
  'cover.image': ['Picture', 'Image', 'Afbeelding'],
  'cover.imageHelp': [
    'JPEG, PNG, WebP or GIF, at most 10 MB. It is resized for phones and screens, and its metadata (camera, GPS position) is removed.',
    'JPEG, PNG, WebP ou GIF, 10 Mo au plus. Elle est redimensionnée pour les téléphones et les écrans, et ses métadonnées (appareil, position GPS) sont retirées.',
    'JPEG, PNG, WebP of GIF, hoogstens 10 MB. Ze wordt verkleind voor telefoons en schermen, en haar metadata (camera, gps-positie) worden verwijderd.',
  ],
  'cover.alt': ['Text alternative', 'Texte alternatif', 'Alternatieve tekst'],
  'cover.altHelp': [
    'What the picture shows, for people who cannot see it (read aloud by screen readers). Required.',
    'Ce que montre l’image, pour les personnes qui ne la voient pas (lu par les lecteurs d’écran). Obligatoire.',
    'Wat de afbeelding toont, voor wie ze niet kan zien (voorgelezen door schermlezers). Verplicht.',
  ],
  'cover.save': ['Save the picture', 'Enregistrer l’image', 'De afbeelding opslaan'],
  'cover.remove': ['Remove the cover picture', 'Retirer l’image de couverture', 'De omslagfoto verwijderen'],
  'cover.back': ['Back to the edit page', 'Retour à la page de modification', 'Terug naar de bewerkingspagina'],
  'cover.view': ['See the public page', 'Voir la page publique', 'De openbare pagina bekijken'],
  'cover.link': ['Cover picture', 'Image de couverture', 'Omslagfoto'],
} as const;

export const coverMessages = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
