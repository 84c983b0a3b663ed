import { catalogueOf } from '../web/i18n/messages.js';

/** The page that answers "fetch the pictures" of an article (media-pages.tsx): each row is [English, French, Dutch]. */
const rows = {
  'newsImport.remote.title': [
    'Pictures fetched for “{title}”',
    'Images rapatriées pour « {title} »',
    'Afbeeldingen binnengehaald voor “{title}”',
  ],
  'newsImport.remote.summary': [
    '{fetched, plural, one {# picture fetched and stored here} other {# pictures fetched and stored here}}, {failed, plural, one {# could not be fetched} other {# could not be fetched}}.',
    '{fetched, plural, one {# image rapatriée et hébergée ici} other {# images rapatriées et hébergées ici}}, {failed, plural, one {# n’a pas pu l’être} other {# n’ont pas pu l’être}}.',
    '{fetched, plural, one {# afbeelding binnengehaald en hier bewaard} other {# afbeeldingen binnengehaald en hier bewaard}}, {failed, plural, one {# kon niet worden binnengehaald} other {# konden niet worden binnengehaald}}.',
  ],
  'newsImport.remote.failed': [
    'Not fetched (the article keeps their address)',
    'Non rapatriées (l’article garde leur adresse)',
    'Niet binnengehaald (het artikel houdt hun adres)',
  ],
  'newsImport.remote.back': ['Back to the article', 'Retour à l’article', 'Terug naar het artikel'],
} as const;

export const newsImportRemoteMessages = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
