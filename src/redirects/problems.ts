import { catalogueOf } from '../web/i18n/messages.js';

/** Redirects’ problems: each row is [English, French, Dutch]. */
const rows = {
  'redirect.problem.path': [
    'A redirect goes to a path of this site, such as /news/my-article.',
    'Une redirection mène à un chemin de ce site, comme /news/mon-article.',
    'Een doorverwijzing gaat naar een pad van deze site, zoals /news/mijn-artikel.',
  ],
  'redirect.problem.from': [
    'A redirect starts from an old address of the site, such as /blog/2019/my-post.',
    'Une redirection part d’une ancienne adresse du site, comme /blog/2019/mon-article.',
    'Een doorverwijzing vertrekt van een oud adres van de site, zoals /blog/2019/mijn-artikel.',
  ],
  'redirect.problem.pathField': [
    'must be a path starting with /',
    'doit être un chemin commençant par /',
    'moet een pad zijn dat met / begint',
  ],
  'redirect.problem.loop': [
    '{from} → {to} would send visitors in a loop.',
    '{from} → {to} ferait tourner les visiteurs en rond.',
    '{from} → {to} zou bezoekers in een kringetje sturen.',
  ],
  'redirect.problem.loopField': [
    'leads back to the old address',
    'ramène à l’ancienne adresse',
    'leidt terug naar het oude adres',
  ],
  'redirect.problem.exists': [
    '{from} already redirects to {to}.',
    '{from} redirige déjà vers {to}.',
    '{from} verwijst al door naar {to}.',
  ],
  'redirect.problem.existsField': [
    'already redirects to {to}',
    'redirige déjà vers {to}',
    'verwijst al door naar {to}',
  ],
  'redirect.problem.redirect': ['This redirect', 'Cette redirection', 'Deze doorverwijzing'],
  'redirect.problem.twoColumns': [
    'Line {line} needs two columns: the old address and the new one.',
    'La ligne {line} doit avoir deux colonnes : l’ancienne adresse et la nouvelle.',
    'Regel {line} heeft twee kolommen nodig: het oude adres en het nieuwe.',
  ],
  'redirect.problem.line': ['Line {line}: {detail}', 'Ligne {line} : {detail}', 'Regel {line}: {detail}'],
} as const;

export const redirectProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
