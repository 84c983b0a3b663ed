import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** The admin import page (WordPress export → articles): the three languages, same keys. */
const en = {
  'newsImport.title': 'Import a WordPress archive',
  'newsImport.intro':
    'Upload a WordPress export (Tools → Export, a WXR .xml file). You first see what would happen; nothing is written until you confirm.',
  'newsImport.file': 'WordPress export (.xml)',
  'newsImport.preview': 'Preview the import',
  'newsImport.previewTitle': 'Dry run of {file}',
  'newsImport.counts':
    '{created, plural, one {# new article} other {# new articles}}, {updated, plural, one {# updated} other {# updated}}, {unchanged, plural, one {# unchanged} other {# unchanged}}, {skipped, plural, one {# item skipped} other {# items skipped}}, {failed, plural, one {# failed} other {# failed}}',
  'newsImport.extras':
    '{redirects, plural, one {# old address redirected} other {# old addresses redirected}}; {applied, plural, one {# damaged word repaired} other {# damaged words repaired}}, {queued, plural, one {# to review} other {# to review}}; {attachments, plural, one {# attachment listed} other {# attachments listed}}.',
  'newsImport.confirm': 'Import now',
  'newsImport.running': 'Importing… {items, plural, one {# item read} other {# items read}}.',
  'newsImport.progressLabel': 'Progress of the import',
  'newsImport.done': 'Import finished.',
  'newsImport.failed': 'The import failed and nothing was written: {error}',
  'newsImport.recent': 'Recent imports',
  'newsImport.none': 'No import yet.',
  'newsImport.status.previewed': 'waiting for confirmation',
  'newsImport.status.running': 'running',
  'newsImport.status.done': 'done',
  'newsImport.status.failed': 'failed',
  'newsImport.status.interrupted': 'interrupted',
  'newsImport.interrupted':
    'The server stopped while this import was running. Nothing of it was written: resume it to import the file from the start.',
  'newsImport.resume': 'Resume the import',
  'newsImport.error.notInterrupted': 'Only an interrupted import can be resumed.',
  'newsImport.error.fileGone': 'The uploaded file is no longer on the server: upload the export again.',
  'newsImport.error.noFile': 'Choose a WordPress export file.',
  'newsImport.error.tooLarge': 'The file is larger than {mb} MB.',
  'newsImport.error.notPreviewed': 'This import has already been started.',
};

export const newsImportMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'newsImport.title': 'Importer une archive WordPress',
    'newsImport.intro':
      'Déposez un export WordPress (Outils → Exporter, un fichier WXR .xml). Vous voyez d’abord ce qui se passerait ; rien n’est écrit avant votre confirmation.',
    'newsImport.file': 'Export WordPress (.xml)',
    'newsImport.preview': 'Prévisualiser l’import',
    'newsImport.previewTitle': 'Essai à blanc de {file}',
    'newsImport.counts':
      '{created, plural, one {# nouvel article} other {# nouveaux articles}}, {updated, plural, one {# mis à jour} other {# mis à jour}}, {unchanged, plural, one {# inchangé} other {# inchangés}}, {skipped, plural, one {# élément ignoré} other {# éléments ignorés}}, {failed, plural, one {# en échec} other {# en échec}}',
    'newsImport.extras':
      '{redirects, plural, one {# ancienne adresse redirigée} other {# anciennes adresses redirigées}} ; {applied, plural, one {# mot abîmé réparé} other {# mots abîmés réparés}}, {queued, plural, one {# à relire} other {# à relire}} ; {attachments, plural, one {# pièce jointe listée} other {# pièces jointes listées}}.',
    'newsImport.confirm': 'Importer maintenant',
    'newsImport.running': 'Import en cours… {items, plural, one {# élément lu} other {# éléments lus}}.',
    'newsImport.progressLabel': 'Avancement de l’import',
    'newsImport.done': 'Import terminé.',
    'newsImport.failed': 'L’import a échoué et rien n’a été écrit : {error}',
    'newsImport.recent': 'Imports récents',
    'newsImport.none': 'Aucun import pour l’instant.',
    'newsImport.status.previewed': 'en attente de confirmation',
    'newsImport.status.running': 'en cours',
    'newsImport.status.done': 'terminé',
    'newsImport.status.failed': 'échoué',
    'newsImport.status.interrupted': 'interrompu',
    'newsImport.interrupted':
      'Le serveur s’est arrêté pendant cet import. Rien n’en a été écrit : reprenez-le pour importer le fichier depuis le début.',
    'newsImport.resume': 'Reprendre l’import',
    'newsImport.error.notInterrupted': 'Seul un import interrompu peut être repris.',
    'newsImport.error.fileGone': 'Le fichier déposé n’est plus sur le serveur : déposez à nouveau l’export.',
    'newsImport.error.noFile': 'Choisissez un fichier d’export WordPress.',
    'newsImport.error.tooLarge': 'Le fichier dépasse {mb} Mo.',
    'newsImport.error.notPreviewed': 'Cet import a déjà été lancé.',
  },
  nl: {
    'newsImport.title': 'Een WordPress-archief importeren',
    'newsImport.intro':
      'Upload een WordPress-export (Extra → Exporteren, een WXR .xml-bestand). Je ziet eerst wat er zou gebeuren; er wordt niets geschreven voor je bevestigt.',
    'newsImport.file': 'WordPress-export (.xml)',
    'newsImport.preview': 'Import vooraf bekijken',
    'newsImport.previewTitle': 'Proefrun van {file}',
    'newsImport.counts':
      '{created, plural, one {# nieuw artikel} other {# nieuwe artikels}}, {updated, plural, one {# bijgewerkt} other {# bijgewerkt}}, {unchanged, plural, one {# ongewijzigd} other {# ongewijzigd}}, {skipped, plural, one {# item overgeslagen} other {# items overgeslagen}}, {failed, plural, one {# mislukt} other {# mislukt}}',
    'newsImport.extras':
      '{redirects, plural, one {# oud adres doorverwezen} other {# oude adressen doorverwezen}}; {applied, plural, one {# beschadigd woord hersteld} other {# beschadigde woorden hersteld}}, {queued, plural, one {# na te lezen} other {# na te lezen}}; {attachments, plural, one {# bijlage opgelijst} other {# bijlagen opgelijst}}.',
    'newsImport.confirm': 'Nu importeren',
    'newsImport.running': 'Bezig met importeren… {items, plural, one {# item gelezen} other {# items gelezen}}.',
    'newsImport.progressLabel': 'Voortgang van de import',
    'newsImport.done': 'Import klaar.',
    'newsImport.failed': 'De import is mislukt en er is niets geschreven: {error}',
    'newsImport.recent': 'Recente imports',
    'newsImport.none': 'Nog geen import.',
    'newsImport.status.previewed': 'wacht op bevestiging',
    'newsImport.status.running': 'bezig',
    'newsImport.status.done': 'klaar',
    'newsImport.status.failed': 'mislukt',
    'newsImport.status.interrupted': 'onderbroken',
    'newsImport.interrupted':
      'De server stopte terwijl deze import liep. Er is niets van geschreven: hervat hem om het bestand van bij het begin te importeren.',
    'newsImport.resume': 'Import hervatten',
    'newsImport.error.notInterrupted': 'Alleen een onderbroken import kan worden hervat.',
    'newsImport.error.fileGone': 'Het geüploade bestand staat niet meer op de server: upload de export opnieuw.',
    'newsImport.error.noFile': 'Kies een WordPress-exportbestand.',
    'newsImport.error.tooLarge': 'Het bestand is groter dan {mb} MB.',
    'newsImport.error.notPreviewed': 'Deze import is al gestart.',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
