import { catalogueOf } from '../web/i18n/messages.js';

/** News imports’ problems: each row is [English, French, Dutch]. */
const rows = {
  'newsImport.problem.job': ['This import', 'Cet import', 'Deze import'],
  'newsImport.problem.document': ['This document', 'Ce document', 'Dit document'],
  'newsImport.problem.notUtf8': [
    '{name} is not UTF-8 text.',
    '{name} n’est pas du texte UTF-8.',
    '{name} is geen UTF-8-tekst.',
  ],
  'newsImport.problem.badZip': [
    '{name} is not a readable zip file.',
    '{name} n’est pas un fichier zip lisible.',
    '{name} is geen leesbaar zipbestand.',
  ],
  'newsImport.problem.zipEntryLarge': [
    '{name} in the zip is larger than 5 MB.',
    '{name} dans le zip dépasse 5 Mo.',
    '{name} in de zip is groter dan 5 MB.',
  ],
  'newsImport.problem.zipTotal': [
    'The zip unpacks to more than 200 MB.',
    'Le zip se décompresse en plus de 200 Mo.',
    'De zip pakt uit tot meer dan 200 MB.',
  ],
  'newsImport.problem.damagedZip': [
    '{name} is a damaged zip file.',
    '{name} est un fichier zip endommagé.',
    '{name} is een beschadigd zipbestand.',
  ],
  'newsImport.problem.fileLarge': ['{name} is larger than 5 MB.', '{name} dépasse 5 Mo.', '{name} is groter dan 5 MB.'],
  'newsImport.problem.missing': ['{name} does not exist.', '{name} n’existe pas.', '{name} bestaat niet.'],
  'newsImport.problem.nothing': [
    'Nothing imported: {list} (--keep-going imports the other files).',
    'Rien n’a été importé : {list} (--keep-going importe les autres fichiers).',
    'Niets geïmporteerd: {list} (--keep-going importeert de andere bestanden).',
  ],
  'newsImport.problem.badDate': [
    '--date {date} is not a date (YYYY-MM-DD)',
    '--date {date} n’est pas une date (AAAA-MM-JJ)',
    '--date {date} is geen datum (JJJJ-MM-DD)',
  ],
  'newsImport.problem.language': [
    '--language must be fr, nl or en',
    '--language doit être fr, nl ou en',
    '--language moet fr, nl of en zijn',
  ],
  'newsImport.problem.noSources': [
    '{name} holds no Markdown or text file.',
    '{name} ne contient aucun fichier Markdown ou texte.',
    '{name} bevat geen Markdown- of tekstbestand.',
  ],
  'newsImport.wxr.xml': [
    'Not readable XML at {where}: {reason}',
    'XML illisible à {where} : {reason}',
    'Onleesbare XML op {where}: {reason}',
  ],
  'newsImport.wxr.encoding': [
    'The file says it is {encoding}: only UTF-8 WXR files are read.',
    'Le fichier se dit en {encoding} : seuls les fichiers WXR en UTF-8 sont lus.',
    'Het bestand zegt dat het {encoding} is: alleen UTF-8-WXR-bestanden worden gelezen.',
  ],
  'newsImport.wxr.doctype': [
    'A DOCTYPE at {where}: refused (entity declarations can expand without end).',
    'Un DOCTYPE à {where} : refusé (les déclarations d’entités peuvent s’étendre sans fin).',
    'Een DOCTYPE op {where}: geweigerd (entiteitsdeclaraties kunnen eindeloos uitdijen).',
  ],
  'newsImport.wxr.namespace': [
    'Unknown WordPress export namespace {ns} at {where}.',
    'Espace de noms d’export WordPress inconnu {ns} à {where}.',
    'Onbekende WordPress-exportnaamruimte {ns} op {where}.',
  ],
  'newsImport.wxr.version': [
    'WXR version "{version}" is not one of {versions}.',
    'La version WXR « {version} » n’est pas l’une de {versions}.',
    'WXR-versie "{version}" is niet een van {versions}.',
  ],
  'newsImport.wxr.noVersionBeforeItem': [
    'No WXR version (wp:wxr_version) before the first item: not a WordPress export.',
    'Aucune version WXR (wp:wxr_version) avant le premier élément : ce n’est pas un export WordPress.',
    'Geen WXR-versie (wp:wxr_version) voor het eerste item: geen WordPress-export.',
  ],
  'newsImport.wxr.notUtf8': [
    'Bytes that are not UTF-8 near byte {byte} (around line {line}).',
    'Des octets qui ne sont pas de l’UTF-8 près de l’octet {byte} (vers la ligne {line}).',
    'Bytes die geen UTF-8 zijn bij byte {byte} (rond regel {line}).',
  ],
  'newsImport.wxr.cutChar': [
    'The file ends in the middle of a UTF-8 character.',
    'Le fichier se termine au milieu d’un caractère UTF-8.',
    'Het bestand eindigt midden in een UTF-8-teken.',
  ],
  'newsImport.wxr.noRss': [
    'Not a WXR file: no <rss> element.',
    'Ce n’est pas un fichier WXR : pas d’élément <rss>.',
    'Geen WXR-bestand: geen <rss>-element.',
  ],
  'newsImport.wxr.noVersion': [
    'No WXR version (wp:wxr_version): not a WordPress export.',
    'Aucune version WXR (wp:wxr_version) : ce n’est pas un export WordPress.',
    'Geen WXR-versie (wp:wxr_version): geen WordPress-export.',
  ],
  'newsImport.wxr.noPostId': [
    'The item at line {line} has no post id (wp:post_id): it cannot be imported.',
    'L’élément de la ligne {line} n’a pas d’identifiant (wp:post_id) : il ne peut pas être importé.',
    'Het item op regel {line} heeft geen post-id (wp:post_id): het kan niet worden geïmporteerd.',
  ],
  'newsImport.wxr.where': [
    'line {line}, column {column}',
    'ligne {line}, colonne {column}',
    'regel {line}, kolom {column}',
  ],
} as const;

export const newsImportProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
