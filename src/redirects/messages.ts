import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** The redirects' page in the administration (/admin/redirects). */
const en = {
  'redirect.admin.title': 'Redirects',
  'redirect.admin.intro':
    'An old address of the site (from the previous blog, or an article that changed address) sends its visitors to a page of this one.',
  'redirect.admin.from': 'Old address',
  'redirect.admin.to': 'New address',
  'redirect.admin.origin': 'Origin',
  'redirect.admin.origin.manual': 'added by hand',
  'redirect.admin.origin.import': 'import',
  'redirect.admin.add': 'Add a redirect',
  'redirect.admin.edit': 'Edit',
  'redirect.admin.editTitle': 'Redirect from {from}',
  'redirect.admin.empty': 'No redirect yet.',
  'redirect.admin.previous': 'Previous page',
  'redirect.admin.next': 'Next page',
  'redirect.admin.export': 'Export as CSV',
  'redirect.admin.import': 'Import a CSV file',
  'redirect.admin.importHelp':
    'One line per redirect: the old address, a comma (or a semicolon, as spreadsheets save it), the new address (a first line "from,to" is skipped; the export reads back as it is). The whole file is refused if one line is wrong.',
  'redirect.admin.file': 'CSV file',
  'redirect.admin.importButton': 'Import',
  'redirect.admin.imported': '{count, plural, one {# redirect imported.} other {# redirects imported.}}',
  'redirect.admin.noFile': 'Choose a CSV file.',
  'redirect.admin.list': 'The redirects',
  'redirect.admin.notText':
    'This file is not text (a workbook, an image, a PDF…): save the sheet as CSV and choose that file.',
  'redirect.admin.back': 'Back to the redirects',
  'redirect.admin.link': 'Redirects',
};

export const redirectMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'redirect.admin.title': 'Redirections',
    'redirect.admin.intro':
      'Une ancienne adresse du site (de l’ancien blog, ou d’un article qui a changé d’adresse) envoie ses visiteurs vers une page de celui-ci.',
    'redirect.admin.from': 'Ancienne adresse',
    'redirect.admin.to': 'Nouvelle adresse',
    'redirect.admin.origin': 'Origine',
    'redirect.admin.origin.manual': 'ajoutée à la main',
    'redirect.admin.origin.import': 'import',
    'redirect.admin.add': 'Ajouter une redirection',
    'redirect.admin.edit': 'Modifier',
    'redirect.admin.editTitle': 'Redirection depuis {from}',
    'redirect.admin.empty': 'Aucune redirection pour l’instant.',
    'redirect.admin.previous': 'Page précédente',
    'redirect.admin.next': 'Page suivante',
    'redirect.admin.export': 'Exporter en CSV',
    'redirect.admin.import': 'Importer un fichier CSV',
    'redirect.admin.importHelp':
      'Une ligne par redirection : l’ancienne adresse, une virgule (ou un point-virgule, comme l’enregistre un tableur), la nouvelle adresse (une première ligne « from,to » est ignorée ; l’export se réimporte tel quel). Le fichier entier est refusé si une ligne est fausse.',
    'redirect.admin.file': 'Fichier CSV',
    'redirect.admin.importButton': 'Importer',
    'redirect.admin.imported': '{count, plural, one {# redirection importée.} other {# redirections importées.}}',
    'redirect.admin.noFile': 'Choisissez un fichier CSV.',
    'redirect.admin.list': 'Les redirections',
    'redirect.admin.notText':
      'Ce fichier n’est pas du texte (un classeur, une image, un PDF…) : enregistrez la feuille en CSV et choisissez ce fichier.',
    'redirect.admin.back': 'Retour aux redirections',
    'redirect.admin.link': 'Redirections',
  },
  nl: {
    'redirect.admin.title': 'Doorverwijzingen',
    'redirect.admin.intro':
      'Een oud adres van de site (van de vorige blog, of van een artikel met een nieuw adres) stuurt zijn bezoekers naar een pagina van deze site.',
    'redirect.admin.from': 'Oud adres',
    'redirect.admin.to': 'Nieuw adres',
    'redirect.admin.origin': 'Herkomst',
    'redirect.admin.origin.manual': 'met de hand toegevoegd',
    'redirect.admin.origin.import': 'import',
    'redirect.admin.add': 'Een doorverwijzing toevoegen',
    'redirect.admin.edit': 'Wijzigen',
    'redirect.admin.editTitle': 'Doorverwijzing van {from}',
    'redirect.admin.empty': 'Nog geen doorverwijzingen.',
    'redirect.admin.previous': 'Vorige pagina',
    'redirect.admin.next': 'Volgende pagina',
    'redirect.admin.export': 'Exporteren als CSV',
    'redirect.admin.import': 'Een CSV-bestand importeren',
    'redirect.admin.importHelp':
      'Eén regel per doorverwijzing: het oude adres, een komma (of een puntkomma, zoals een rekenblad het bewaart), het nieuwe adres (een eerste regel "from,to" wordt overgeslagen; de export lees je zo weer in). Het hele bestand wordt geweigerd als één regel fout is.',
    'redirect.admin.file': 'CSV-bestand',
    'redirect.admin.importButton': 'Importeren',
    'redirect.admin.imported':
      '{count, plural, one {# doorverwijzing geïmporteerd.} other {# doorverwijzingen geïmporteerd.}}',
    'redirect.admin.noFile': 'Kies een CSV-bestand.',
    'redirect.admin.list': 'De doorverwijzingen',
    'redirect.admin.notText':
      'Dit bestand is geen tekst (een werkmap, een afbeelding, een pdf…): bewaar het blad als CSV en kies dat bestand.',
    'redirect.admin.back': 'Terug naar de doorverwijzingen',
    'redirect.admin.link': 'Doorverwijzingen',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
