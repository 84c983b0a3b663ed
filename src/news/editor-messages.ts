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
  'news.remotePicture': ['Image on {host}', 'Image sur {host}', 'Afbeelding op {host}'],
  'news.remotePictureAlt': ['Image on {host}: {alt}', 'Image sur {host} : {alt}', 'Afbeelding op {host}: {alt}'],
  'news.editor.remoteTitle': ['Pictures from other sites', 'Images d’autres sites', 'Afbeeldingen van andere sites'],
  'news.editor.remoteIntro': [
    '{count, plural, one {This article shows # picture kept on another site} other {This article shows # pictures kept on other sites}}: this site only loads its own pictures, so readers see a link instead. Fetch them to store them here.',
    '{count, plural, one {Cet article montre # image hébergée sur un autre site} other {Cet article montre # images hébergées sur d’autres sites}} : ce site ne charge que ses propres images, les lecteurs voient donc un lien à la place. Rapatriez-les pour les héberger ici.',
    '{count, plural, one {Dit artikel toont # afbeelding die op een andere site staat} other {Dit artikel toont # afbeeldingen die op andere sites staan}}: deze site laadt alleen haar eigen afbeeldingen, dus lezers zien in de plaats een link. Haal ze binnen om ze hier te bewaren.',
  ],
  'news.editor.coverWaiting': [
    'The imported cover picture is still on the old site: {url}',
    'L’image de couverture importée est encore sur l’ancien site : {url}',
    'De geïmporteerde omslagafbeelding staat nog op de oude site: {url}',
  ],
  'news.editor.fetchMedia': ['Fetch the pictures', 'Rapatrier les images', 'De afbeeldingen binnenhalen'],
} as const;

export const newsEditorMessages = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
