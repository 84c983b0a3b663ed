import { catalogueOf } from '../web/i18n/messages.js';

/** The article editor's cover, categories and imported media (editor-form.tsx): each row is [English, French, Dutch]. */
const rows = {
  'news.editor.coverLegend': ['Cover picture', 'Image de couverture', 'Omslagafbeelding'],
  'news.editor.currentCover': ['The current cover', 'L’image de couverture actuelle', 'De huidige omslagafbeelding'],
  'news.editor.noCover': ['No cover picture yet.', 'Pas encore d’image de couverture.', 'Nog geen omslagafbeelding.'],
  'news.editor.removeCover': ['Remove the cover', 'Retirer l’image de couverture', 'De omslagafbeelding verwijderen'],
  'news.editor.coverAlt': [
    'Description of the cover (alternative text)',
    'Description de l’image (texte alternatif)',
    'Beschrijving van de afbeelding (alternatieve tekst)',
  ],
  'news.editor.coverAltHelp': [
    'What the picture shows, for those who cannot see it: screen readers read it, and it shows when the picture does not load. Leave it empty only for a purely decorative picture.',
    'Ce que montre l’image, pour qui ne peut pas la voir ; les lecteurs d’écran le lisent, et il s’affiche si l’image ne se charge pas. Laissez-le vide seulement pour une image purement décorative.',
    'Wat de afbeelding toont, voor wie ze niet kan zien: schermlezers lezen het voor, en het verschijnt als de afbeelding niet laadt. Laat het alleen leeg voor een puur decoratieve afbeelding.',
  ],
  'news.editor.termsHelp': [
    'A name that holds a comma goes in double quotes: "Arts, culture".',
    'Un nom qui contient une virgule se met entre guillemets droits : "Arts, culture".',
    'Een naam met een komma zet je tussen dubbele aanhalingstekens: "Kunst, cultuur".',
  ],
  'news.editor.appearsOn': [
    'Will appear on {day} at {time} (Brussels time)',
    'Paraîtra le {day} à {time} (heure de Bruxelles)',
    'Verschijnt op {day} om {time} (Brusselse tijd)',
  ],
} as const;

export const newsEditorMessages = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
