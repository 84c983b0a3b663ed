import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** The audit log: messages in the three languages (same keys in each; src/catalogues.test.ts checks). */
const en = {
  'audit.intro': 'What admins did to members’ data: exports, deletions and imports, newest first.',
  'audit.when': 'When',
  'audit.who': 'Who',
  'audit.action': 'Action',
  'audit.subject': 'Subject',
  'audit.empty': 'Nothing recorded yet.',
  'audit.older': 'Older entries',
  'audit.action.member.export': 'Member data exported',
  'audit.action.member.delete': 'Member deleted',
  'audit.action.member.self_delete': 'Member deleted their own account',
  'audit.action.members.import': 'Members imported',
  'audit.action.member.verify': 'Address marked as confirmed',
  'audit.action.member.verify_resent': 'Confirmation link sent again',
};

export const auditMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'audit.intro':
      'Ce que les administrateurs ont fait des données des membres : exports, suppressions et imports, du plus récent au plus ancien.',
    'audit.when': 'Quand',
    'audit.who': 'Qui',
    'audit.action': 'Action',
    'audit.subject': 'Objet',
    'audit.empty': 'Rien n’a encore été enregistré.',
    'audit.older': 'Entrées plus anciennes',
    'audit.action.member.export': 'Données d’un membre exportées',
    'audit.action.member.delete': 'Membre supprimé',
    'audit.action.member.self_delete': 'Un membre a supprimé son compte',
    'audit.action.members.import': 'Membres importés',
    'audit.action.member.verify': 'Adresse marquée comme confirmée',
    'audit.action.member.verify_resent': 'Lien de confirmation renvoyé',
  },
  nl: {
    'audit.intro':
      'Wat beheerders met de gegevens van leden deden: exports, verwijderingen en imports, de recentste eerst.',
    'audit.when': 'Wanneer',
    'audit.who': 'Wie',
    'audit.action': 'Actie',
    'audit.subject': 'Onderwerp',
    'audit.empty': 'Nog niets opgenomen.',
    'audit.older': 'Oudere items',
    'audit.action.member.export': 'Gegevens van een lid geëxporteerd',
    'audit.action.member.delete': 'Lid verwijderd',
    'audit.action.member.self_delete': 'Een lid verwijderde zijn eigen account',
    'audit.action.members.import': 'Leden geïmporteerd',
    'audit.action.member.verify': 'Adres als bevestigd gemarkeerd',
    'audit.action.member.verify_resent': 'Bevestigingslink opnieuw verzonden',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
