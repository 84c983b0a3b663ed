import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** The audit page's filters and export, in the three languages (the action labels are in messages.ts). */
const en = {
  'audit.details': 'What changed',
  'audit.csv.code': 'Code',
  'audit.filter.legend': 'Filter the log',
  'audit.filter.actor': 'Who (e-mail)',
  'audit.filter.action': 'Action',
  'audit.filter.anyAction': 'Any action',
  'audit.filter.subject': 'Subject contains',
  'audit.filter.from': 'From',
  'audit.filter.to': 'To',
  'audit.filter.apply': 'Filter',
  'audit.filter.clear': 'Show everything',
  'audit.count': '{count, plural, one {# entry} other {# entries}}',
  'audit.newest': 'Newest entries',
  'audit.noMatch': 'No entry matches these filters.',
  'audit.export': 'Export these entries (CSV)',
  'audit.exportNote': 'The export is itself recorded in this log, with its filters.',
  'audit.validation.toBeforeFrom': 'must not be before the first day',
  'audit.csv.subjectName': 'Subject (name)',
  'audit.deleted':
    '{kind, select, event {deleted event} chapter {deleted chapter} venue {deleted venue} member {deleted member} call {deleted call} other {deleted}}',
};

export const auditPageMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'audit.details': 'Ce qui a changé',
    'audit.csv.code': 'Code',
    'audit.filter.legend': 'Filtrer le journal',
    'audit.filter.actor': 'Qui (e-mail)',
    'audit.filter.action': 'Action',
    'audit.filter.anyAction': 'Toutes les actions',
    'audit.filter.subject': 'L’objet contient',
    'audit.filter.from': 'Du',
    'audit.filter.to': 'Au',
    'audit.filter.apply': 'Filtrer',
    'audit.filter.clear': 'Tout afficher',
    'audit.count': '{count, plural, one {# entrée} other {# entrées}}',
    'audit.newest': 'Entrées les plus récentes',
    'audit.noMatch': 'Aucune entrée ne correspond à ces filtres.',
    'audit.export': 'Exporter ces entrées (CSV)',
    'audit.exportNote': 'L’export est lui-même enregistré dans ce journal, avec ses filtres.',
    'audit.validation.toBeforeFrom': 'ne peut pas précéder le premier jour',
    'audit.csv.subjectName': 'Objet (nom)',
    'audit.deleted':
      '{kind, select, event {événement supprimé} chapter {antenne supprimée} venue {lieu supprimé} member {membre supprimé} call {appel supprimé} other {supprimé}}',
  },
  nl: {
    'audit.details': 'Wat er veranderde',
    'audit.csv.code': 'Code',
    'audit.filter.legend': 'Het logboek filteren',
    'audit.filter.actor': 'Wie (e-mail)',
    'audit.filter.action': 'Actie',
    'audit.filter.anyAction': 'Alle acties',
    'audit.filter.subject': 'Onderwerp bevat',
    'audit.filter.from': 'Van',
    'audit.filter.to': 'Tot en met',
    'audit.filter.apply': 'Filteren',
    'audit.filter.clear': 'Alles tonen',
    'audit.count': '{count, plural, one {# item} other {# items}}',
    'audit.newest': 'Recentste items',
    'audit.noMatch': 'Geen enkel item komt overeen met deze filters.',
    'audit.export': 'Deze items exporteren (CSV)',
    'audit.exportNote': 'De export wordt zelf in dit logboek opgenomen, met zijn filters.',
    'audit.validation.toBeforeFrom': 'mag niet vóór de eerste dag liggen',
    'audit.csv.subjectName': 'Onderwerp (naam)',
    'audit.deleted':
      '{kind, select, event {verwijderd evenement} chapter {verwijderde afdeling} venue {verwijderde locatie} member {verwijderd lid} call {verwijderde oproep} other {verwijderd}}',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
