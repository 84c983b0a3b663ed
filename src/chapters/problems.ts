import { catalogueOf } from '../web/i18n/messages.js';

/** Chapters’ and partnerships’ problems: each row is [English, French, Dutch]. */
const rows = {
  'chapter.problem.theChapter': ['The chapter "{slug}"', 'L’antenne « {slug} »', 'De afdeling "{slug}"'],
  'chapter.problem.slugTaken': [
    'A chapter with the URL name "{slug}" already exists. Choose another name or slug.',
    'Une antenne avec le nom d’URL « {slug} » existe déjà. Choisissez un autre nom ou slug.',
    'Er bestaat al een afdeling met de URL-naam "{slug}". Kies een andere naam of slug.',
  ],
  'chapter.problem.slugExists': [
    'A chapter with the URL name "{slug}" already exists.',
    'Une antenne avec le nom d’URL « {slug} » existe déjà.',
    'Er bestaat al een afdeling met de URL-naam "{slug}".',
  ],
  'chapter.problem.notPlanned': [
    'The chapter {name} is {status, select, active {active} paused {paused} closed {closed} other {{status}}}, not planned: sign-ups are for chapters that have not launched yet.',
    'L’antenne {name} est {status, select, active {active} paused {en pause} closed {fermée} other {{status}}}, pas en projet : les inscriptions sont pour les antennes qui n’ont pas encore démarré.',
    'De afdeling {name} is {status, select, active {actief} paused {gepauzeerd} closed {gesloten} other {{status}}}, niet gepland: aanmeldingen zijn voor afdelingen die nog niet gestart zijn.',
  ],
  'chapter.problem.organiser': [
    'The organiser {id} of {chapter}',
    'L’organisateur {id} de {chapter}',
    'De organisator {id} van {chapter}',
  ],
  'chapter.problem.ownRole': [
    'Your organiser role in {chapter}',
    'Votre rôle d’organisateur dans {chapter}',
    'Jouw rol als organisator in {chapter}',
  ],
  'chapter.problem.partnership': ['This partnership', 'Ce partenariat', 'Dit partnerschap'],
  'chapter.problem.thePartnership': ['The partnership {id}', 'Le partenariat {id}', 'Het partnerschap {id}'],
  'chapter.problem.secondOpen': [
    'This chapter already has a partnership with this venue ({id}) that has not ended: change that one instead.',
    'Cette antenne a déjà avec ce lieu un partenariat ({id}) qui n’est pas terminé : modifiez plutôt celui-là.',
    'Deze afdeling heeft al een partnerschap met deze locatie ({id}) dat niet beëindigd is: wijzig liever dat.',
  ],
  'chapter.problem.noVenue': [
    'There is no venue "{venue}". Create the venue first.',
    'Il n’y a pas de lieu « {venue} ». Créez d’abord le lieu.',
    'Er is geen locatie "{venue}". Maak eerst de locatie aan.',
  ],
  'chapter.problem.unknownVenue': ['is not a known venue', 'n’est pas un lieu connu', 'is geen bekende locatie'],
  'chapter.problem.endBeforeStart': [
    'The partnership cannot end before it starts.',
    'Le partenariat ne peut pas se terminer avant son début.',
    'Het partnerschap kan niet eindigen voor het begint.',
  ],
} as const;

export const chapterProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
