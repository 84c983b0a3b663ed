import { catalogueOf } from '../web/i18n/messages.js';

/** Uploads’ problems: each row is [English, French, Dutch]. */
const rows = {
  'storage.problem.empty': ['{name} is empty.', '{name} est vide.', '{name} is leeg.'],
  'storage.problem.emptyField': ['is an empty file', 'est un fichier vide', 'is een leeg bestand'],
  'storage.problem.tooLarge': [
    '{name} is larger than {size}.',
    '{name} dépasse {size}.',
    '{name} is groter dan {size}.',
  ],
  'storage.problem.type': [
    '{name} is not a file of an accepted type ({accepted}).',
    '{name} n’est pas un fichier d’un type accepté ({accepted}).',
    '{name} is geen bestand van een aanvaard type ({accepted}).',
  ],
  'storage.problem.pixels': [
    '{name} is too large a picture: at most {megapixels} megapixels.',
    '{name} est une image trop grande : {megapixels} mégapixels au plus.',
    '{name} is een te grote afbeelding: hoogstens {megapixels} megapixels.',
  ],
  'storage.problem.pixelsField': [
    'must be at most {megapixels} megapixels',
    'doit faire au plus {megapixels} mégapixels',
    'mag hoogstens {megapixels} megapixels zijn',
  ],
  'storage.problem.unreadable': [
    '{name} cannot be read as a picture.',
    '{name} ne peut pas être lu comme une image.',
    '{name} kan niet als afbeelding worden gelezen.',
  ],
  'storage.problem.unreadableField': [
    'is not a readable picture',
    'n’est pas une image lisible',
    'is geen leesbare afbeelding',
  ],
  'storage.problem.picture': ['This picture', 'Cette image', 'Deze afbeelding'],
  'storage.problem.noPicture': [
    'Choose a picture to upload (JPEG, PNG, WebP or GIF).',
    'Choisissez une image à envoyer (JPEG, PNG, WebP ou GIF).',
    'Kies een afbeelding om te uploaden (JPEG, PNG, WebP of GIF).',
  ],
} as const;

export const storageProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
