import { catalogueOf } from '../web/i18n/messages.js';

/** GDPR problems: each row is [English, French, Dutch]. */
const rows = {
  'gdpr.problem.member': ['The member {id}', 'Le membre {id}', 'Het lid {id}'],
  'gdpr.problem.onlyAdmin': [
    'This is the network’s only admin: make someone else admin before deleting this account.',
    'C’est le seul administrateur du réseau : nommez quelqu’un d’autre administrateur avant de supprimer ce compte.',
    'Dit is de enige beheerder van het netwerk: maak iemand anders beheerder voor je deze account verwijdert.',
  ],
  'gdpr.problem.confirm': [
    'To delete your account, send your own e-mail address as "confirm".',
    'Pour supprimer votre compte, envoyez votre propre adresse e-mail comme « confirm ».',
    'Om je account te verwijderen, stuur je eigen e-mailadres als "confirm".',
  ],
  'gdpr.problem.confirmField': [
    'must be your e-mail address',
    'doit être votre adresse e-mail',
    'moet je e-mailadres zijn',
  ],
} as const;

export const gdprProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
