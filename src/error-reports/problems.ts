import { catalogueOf } from '../web/i18n/messages.js';

/** Error reports’ problems: each row is [English, French, Dutch]. */
const rows = {
  'errorReport.problem.tooMany': [
    'This article has received many reports in the last hour: try again later.',
    'Cet article a reçu beaucoup de signalements dans la dernière heure : réessayez plus tard.',
    'Dit artikel kreeg het voorbije uur veel meldingen: probeer het later opnieuw.',
  ],
  'errorReport.problem.report': ['This report', 'Ce signalement', 'Deze melding'],
  'errorReport.problem.decided': [
    'This report was already decided.',
    'Ce signalement a déjà été traité.',
    'Over deze melding is al beslist.',
  ],
} as const;

export const errorReportProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
