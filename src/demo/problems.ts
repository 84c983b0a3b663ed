import { catalogueOf } from '../web/i18n/messages.js';

/** The demo loader’s problems: each row is [English, French, Dutch]. */
const rows = {
  'demo.problem.notEmpty': [
    'the network "{name}" already has chapters or venues: run `essaim demo --force` to replace them with the demo',
    'le réseau « {name} » a déjà des antennes ou des lieux : lancez `essaim demo --force` pour les remplacer par la démo',
    'het netwerk "{name}" heeft al afdelingen of locaties: voer `essaim demo --force` uit om ze door de demo te vervangen',
  ],
} as const;

export const demoProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
