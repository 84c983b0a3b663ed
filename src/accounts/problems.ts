import { catalogueOf } from '../web/i18n/messages.js';

/** The accounts’ problems: each row is [English, French, Dutch]. */
const rows = {
  'account.problem.emailTaken': [
    'An account with the e-mail {email} already exists.',
    'Un compte avec l’adresse {email} existe déjà.',
    'Er bestaat al een account met het e-mailadres {email}.',
  ],
  'account.problem.wrongPassword': [
    'Wrong e-mail or password.',
    'E-mail ou mot de passe incorrect.',
    'Verkeerd e-mailadres of wachtwoord.',
  ],
  'account.problem.noToken': [
    'No active token {id} belongs to you.',
    'Aucun jeton actif {id} ne vous appartient.',
    'Geen actief token {id} is van jou.',
  ],
  'account.problem.cliNoAccount': [
    'no account uses {email}: create it with `essaim user create`',
    'aucun compte n’utilise {email} : créez-le avec `essaim user create`',
    'geen enkele account gebruikt {email}: maak die aan met `essaim user create`',
  ],
} as const;

export const accountProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
