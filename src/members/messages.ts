import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** The admins' list of members and new accounts: messages in the three languages (same keys in each; src/catalogues.test.ts checks). */
const en = {
  'admin.newAccount': 'New account',
  'field.password': 'Password',
  'field.role': 'Role',
  'role.admin': 'Network admin',
  'role.member': 'Member',
  'members.newer': 'Newer',
  'members.admin.search': 'Search by name or e-mail',
  'members.admin.searchSubmit': 'Search',
  'members.admin.since': 'Member since',
  'members.admin.actions': 'Actions',
  'members.admin.unverified': 'not confirmed',
  'members.admin.export': 'Export',
  'members.admin.exportOf': 'Export the data of {name}',
  'members.admin.deleteOf': 'Delete {name}',
  'members.admin.none': 'No member matches.',
  'members.admin.deleteTitle': 'Delete {name}',
  'members.admin.deleteExplain':
    'The account of {email} is removed with its profile, follows and sign-ups; its registrations are kept anonymised. The deletion is written in the audit log. This cannot be undone.',
  'members.admin.deleteSubmit': 'Delete {name} for good',
  'members.admin.back': 'Back to the members',
};

export const memberAdminMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'admin.newAccount': 'Nouveau compte',
    'field.password': 'Mot de passe',
    'field.role': 'Rôle',
    'role.admin': 'Administrateur du réseau',
    'role.member': 'Membre',
    'members.newer': 'Plus récents',
    'members.admin.search': 'Rechercher par nom ou e-mail',
    'members.admin.searchSubmit': 'Rechercher',
    'members.admin.since': 'Membre depuis',
    'members.admin.actions': 'Actions',
    'members.admin.unverified': 'non confirmé',
    'members.admin.export': 'Exporter',
    'members.admin.exportOf': 'Exporter les données de {name}',
    'members.admin.deleteOf': 'Supprimer {name}',
    'members.admin.none': 'Aucun membre ne correspond.',
    'members.admin.deleteTitle': 'Supprimer {name}',
    'members.admin.deleteExplain':
      'Le compte de {email} est supprimé avec son profil, ses abonnements et ses demandes d’information ; ses inscriptions sont conservées anonymisées. La suppression est inscrite au journal d’audit. C’est irréversible.',
    'members.admin.deleteSubmit': 'Supprimer définitivement {name}',
    'members.admin.back': 'Retour aux membres',
  },
  nl: {
    'admin.newAccount': 'Nieuw account',
    'field.password': 'Wachtwoord',
    'field.role': 'Rol',
    'role.admin': 'Netwerkbeheerder',
    'role.member': 'Lid',
    'members.newer': 'Recentere',
    'members.admin.search': 'Zoeken op naam of e-mail',
    'members.admin.searchSubmit': 'Zoeken',
    'members.admin.since': 'Lid sinds',
    'members.admin.actions': 'Acties',
    'members.admin.unverified': 'niet bevestigd',
    'members.admin.export': 'Exporteren',
    'members.admin.exportOf': 'De gegevens van {name} exporteren',
    'members.admin.deleteOf': '{name} verwijderen',
    'members.admin.none': 'Geen enkel lid komt overeen.',
    'members.admin.deleteTitle': '{name} verwijderen',
    'members.admin.deleteExplain':
      'Het account van {email} wordt verwijderd met zijn profiel, gevolgde afdelingen en aanmeldingen; de inschrijvingen blijven geanonimiseerd bewaard. De verwijdering wordt in het auditlogboek opgenomen. Dit kan niet ongedaan worden gemaakt.',
    'members.admin.deleteSubmit': '{name} definitief verwijderen',
    'members.admin.back': 'Terug naar de leden',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
