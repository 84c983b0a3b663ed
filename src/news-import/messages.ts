import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** The admin import page (WordPress export → articles): the three languages, same keys. */
const en = {
  'newsImport.title': 'Import a WordPress archive',
  'newsImport.intro':
    'Upload a WordPress export (Tools → Export, a WXR .xml file). You first see what would happen; nothing is written until you confirm.',
  'newsImport.file': 'WordPress export (.xml)',
  'newsImport.preview': 'Preview the import',
  'newsImport.previewTitle': 'Dry run of {file}',
  'newsImport.jobTitle': 'Import of {file}',
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
  'newsImport.options': 'Options',
  'newsImport.baseUrl': 'Address of the old site (optional)',
  'newsImport.baseUrlHelp':
    'When the export names another address than the one readers knew (e.g. https://www.example.org): links to it in the posts point to the new articles.',
  'newsImport.fetchMedia':
    'Bring the old site’s pictures, featured images and attached files (PDF) here when the import runs',
  'newsImport.keepGoing': 'Keep going past items that cannot be imported (each is listed with its reason)',
  'newsImport.chosen.baseUrl': 'Links to {url} point to the new articles.',
  'newsImport.chosen.fetchMedia': 'The old site’s files are fetched when the import runs (not in this dry run).',
  'newsImport.chosen.noMedia': 'The old site’s files stay where they are.',
  'newsImport.chosen.keepGoing': 'Items that cannot be imported are skipped and listed.',
  'newsImport.chosen.allOrNothing': 'One item that cannot be imported stops the import: nothing is written.',
  'newsImport.media':
    '{fetched, plural, one {# file of the old site brought here} other {# files of the old site brought here}}, {failed, plural, one {# could not be fetched} other {# could not be fetched}}.',
  'newsImport.problems': 'Not imported',
  'newsImport.moreProblems':
    '{count, plural, one {and # more (see the command line report)} other {and # more (see the command line report)}}',
  'newsImport.error.baseUrl': 'Give the old site’s address as http://… or https://…',
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
    'newsImport.jobTitle': 'Import de {file}',
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
    'newsImport.options': 'Options',
    'newsImport.baseUrl': 'Adresse de l’ancien site (facultatif)',
    'newsImport.baseUrlHelp':
      'Quand l’export nomme une autre adresse que celle que connaissaient les lecteurs (p. ex. https://www.example.org) : les liens vers elle dans les billets mènent aux nouveaux articles.',
    'newsImport.fetchMedia':
      'Rapatrier les images, images à la une et fichiers joints (PDF) de l’ancien site lors de l’import',
    'newsImport.keepGoing': 'Continuer malgré les éléments impossibles à importer (chacun listé avec sa raison)',
    'newsImport.chosen.baseUrl': 'Les liens vers {url} mènent aux nouveaux articles.',
    'newsImport.chosen.fetchMedia':
      'Les fichiers de l’ancien site sont rapatriés lors de l’import (pas dans cet essai à blanc).',
    'newsImport.chosen.noMedia': 'Les fichiers de l’ancien site restent où ils sont.',
    'newsImport.chosen.keepGoing': 'Les éléments impossibles à importer sont ignorés et listés.',
    'newsImport.chosen.allOrNothing': 'Un élément impossible à importer arrête l’import : rien n’est écrit.',
    'newsImport.media':
      '{fetched, plural, one {# fichier de l’ancien site rapatrié} other {# fichiers de l’ancien site rapatriés}}, {failed, plural, one {# impossible à récupérer} other {# impossibles à récupérer}}.',
    'newsImport.problems': 'Non importé',
    'newsImport.moreProblems':
      '{count, plural, one {et # autre (voir le rapport en ligne de commande)} other {et # autres (voir le rapport en ligne de commande)}}',
    'newsImport.error.baseUrl': 'Donnez l’adresse de l’ancien site sous la forme http://… ou https://…',
  },
  nl: {
    'newsImport.title': 'Een WordPress-archief importeren',
    'newsImport.intro':
      'Upload een WordPress-export (Extra → Exporteren, een WXR .xml-bestand). Je ziet eerst wat er zou gebeuren; er wordt niets geschreven voor je bevestigt.',
    'newsImport.file': 'WordPress-export (.xml)',
    'newsImport.preview': 'Import vooraf bekijken',
    'newsImport.previewTitle': 'Proefrun van {file}',
    'newsImport.jobTitle': 'Import van {file}',
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
    'newsImport.options': 'Opties',
    'newsImport.baseUrl': 'Adres van de oude site (optioneel)',
    'newsImport.baseUrlHelp':
      'Als de export een ander adres noemt dan het adres dat lezers kenden (bv. https://www.example.org): links ernaar in de berichten leiden naar de nieuwe artikels.',
    'newsImport.fetchMedia':
      'Afbeeldingen, uitgelichte afbeeldingen en bijgevoegde bestanden (PDF) van de oude site hierheen halen bij de import',
    'newsImport.keepGoing': 'Doorgaan voorbij items die niet te importeren zijn (elk opgelijst met de reden)',
    'newsImport.chosen.baseUrl': 'Links naar {url} leiden naar de nieuwe artikels.',
    'newsImport.chosen.fetchMedia':
      'De bestanden van de oude site worden opgehaald bij de import (niet in deze proefrun).',
    'newsImport.chosen.noMedia': 'De bestanden van de oude site blijven waar ze zijn.',
    'newsImport.chosen.keepGoing': 'Items die niet te importeren zijn, worden overgeslagen en opgelijst.',
    'newsImport.chosen.allOrNothing': 'Eén item dat niet te importeren is, stopt de import: er wordt niets geschreven.',
    'newsImport.media':
      '{fetched, plural, one {# bestand van de oude site opgehaald} other {# bestanden van de oude site opgehaald}}, {failed, plural, one {# kon niet worden opgehaald} other {# konden niet worden opgehaald}}.',
    'newsImport.problems': 'Niet geïmporteerd',
    'newsImport.moreProblems':
      '{count, plural, one {en nog # (zie het rapport op de opdrachtregel)} other {en nog # (zie het rapport op de opdrachtregel)}}',
    'newsImport.error.baseUrl': 'Geef het adres van de oude site als http://… of https://…',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
