import { catalogueOf } from '../web/i18n/messages.js';

/** Invitations’ problems: each row is [English, French, Dutch]. */
const rows = {
  'invitation.problem.badSegment': [
    'The segment is not valid — {list}',
    'Le segment n’est pas valide — {list}',
    'Het segment is niet geldig — {list}',
  ],
  'invitation.problem.comeHome': [
    '"Come home" needs the chapter’s region, and the region of {chapter} {region, select, none {has no region} other {"{region}" names no Belgian province or region}}. Set the chapter’s region (e.g. "Hainaut"), or choose regions of origin instead.',
    '« Retour au pays » a besoin de la région de l’antenne, et {region, select, none {{chapter} n’a pas de région} other {la région de {chapter}, « {region} », ne nomme aucune province ni région belge}}. Indiquez la région de l’antenne (par ex. « Hainaut »), ou choisissez plutôt des régions d’origine.',
    '"Terug naar huis" heeft de regio van de afdeling nodig, en {region, select, none {{chapter} heeft geen regio} other {de regio van {chapter}, "{region}", noemt geen Belgische provincie of gewest}}. Stel de regio van de afdeling in (bv. "Henegouwen"), of kies liever regio’s van herkomst.',
  ],
  'invitation.problem.noRegion': [
    'the chapter {chapter} has no known region',
    'l’antenne {chapter} n’a pas de région connue',
    'de afdeling {chapter} heeft geen bekende regio',
  ],
  'invitation.problem.noChapters': [
    'There is no chapter {list} in this network.',
    'Il n’y a pas d’antenne {list} dans ce réseau.',
    'Er is geen afdeling {list} in dit netwerk.',
  ],
  'invitation.problem.unknownChapters': [
    'unknown chapter {list}',
    'antenne inconnue {list}',
    'onbekende afdeling {list}',
  ],
  'invitation.problem.eventChapter': [
    'The chapter of this event',
    'L’antenne de cet événement',
    'De afdeling van dit evenement',
  ],
  'invitation.problem.theChapter': ['The chapter', 'L’antenne', 'De afdeling'],
  'invitation.problem.cancelled': [
    '"{title}" is cancelled: nobody can be invited to it.',
    '« {title} » est annulé : personne ne peut y être invité.',
    '"{title}" is geannuleerd: niemand kan ervoor worden uitgenodigd.',
  ],
  'invitation.problem.draft': [
    '"{title}" is a draft: publish it before inviting anyone.',
    '« {title} » est un brouillon : publiez-le avant d’inviter qui que ce soit.',
    '"{title}" is een ontwerp: publiceer het voor je iemand uitnodigt.',
  ],
  'invitation.problem.started': [
    '"{title}" has already started: invitations are for upcoming events.',
    '« {title} » a déjà commencé : les invitations sont pour les événements à venir.',
    '"{title}" is al begonnen: uitnodigingen zijn voor komende evenementen.',
  ],
} as const;

export const invitationProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
