import { catalogueOf } from '../web/i18n/messages.js';

/** The profile picture page and the contact opt-out on the profile form: each row is [English, French, Dutch]. */
const rows = {
  'members.picture.title': ['My profile picture', 'Ma photo de profil', 'Mijn profielfoto'],
  'members.picture.link': ['Change my picture', 'Changer ma photo', 'Mijn foto wijzigen'],
  'members.picture.none': [
    'No picture: your profile shows your initials.',
    'Pas de photo : votre profil affiche vos initiales.',
    'Geen foto: je profiel toont je initialen.',
  ],
  'members.picture.who': [
    'Your picture is shown only where your profile is: to the members who can see you in the directory.',
    'Votre photo n’apparaît que là où votre profil apparaît : aux membres qui vous voient dans l’annuaire.',
    'Je foto verschijnt alleen waar je profiel verschijnt: bij de leden die je in de ledengids zien.',
  ],
  'members.picture.image': ['Picture', 'Photo', 'Foto'],
  'members.picture.help': [
    'JPEG, PNG, WebP or GIF, at most 10 MB and 40 megapixels. It is cropped square and resized, and its metadata (camera, GPS position) is removed.',
    'JPEG, PNG, WebP ou GIF, 10 Mo et 40 mégapixels au plus. Elle est recadrée en carré et redimensionnée, et ses métadonnées (appareil, position GPS) sont retirées.',
    'JPEG, PNG, WebP of GIF, hoogstens 10 MB en 40 megapixels. Ze wordt vierkant bijgesneden en verkleind, en haar metadata (camera, gps-positie) worden verwijderd.',
  ],
  'members.picture.save': ['Save the picture', 'Enregistrer la photo', 'De foto opslaan'],
  'members.picture.remove': ['Remove my picture', 'Retirer ma photo', 'Mijn foto verwijderen'],
  'members.picture.saved': ['Your picture is saved.', 'Votre photo est enregistrée.', 'Je foto is opgeslagen.'],
  'members.picture.removed': ['Your picture is removed.', 'Votre photo est retirée.', 'Je foto is verwijderd.'],
  'members.profile.contactable': [
    'Members may contact me through the site',
    'Les membres peuvent me contacter via le site',
    'Leden mogen me via de site contacteren',
  ],
  'members.profile.contactableHelp': [
    'Members who can see your profile can send you a message by e-mail without seeing your address. Untick to receive none.',
    'Les membres qui voient votre profil peuvent vous envoyer un message par e-mail sans voir votre adresse. Décochez pour n’en recevoir aucun.',
    'Leden die je profiel zien, kunnen je een bericht per e-mail sturen zonder je adres te zien. Vink uit om er geen te ontvangen.',
  ],
} as const;

export const pictureMessages = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
