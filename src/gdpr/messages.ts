import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** My data: export and account deletion: messages in the three languages (same keys in each; src/catalogues.test.ts checks). */
const en = {
  'members.delete.title': 'Delete my account',
  'members.delete.explain':
    'Your profile, account, follows and sign-ups are erased. Your past registrations are kept without your name or address, so that event figures stay right. This cannot be undone.',
  'members.delete.confirmLabel': 'To confirm, type your e-mail address ({email})',
  'members.delete.mismatch': 'is not the e-mail address of this account',
  'members.delete.submit': 'Delete my account for good',
};

export const gdprMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'members.delete.title': 'Supprimer mon compte',
    'members.delete.explain':
      'Votre profil, votre compte, vos abonnements et vos demandes d’information sont effacés. Vos inscriptions passées sont conservées sans votre nom ni votre adresse, pour que les chiffres des événements restent justes. C’est irréversible.',
    'members.delete.confirmLabel': 'Pour confirmer, tapez votre adresse e-mail ({email})',
    'members.delete.mismatch': 'n’est pas l’adresse e-mail de ce compte',
    'members.delete.submit': 'Supprimer définitivement mon compte',
  },
  nl: {
    'members.delete.title': 'Mijn account verwijderen',
    'members.delete.explain':
      'Je profiel, account, gevolgde afdelingen en aanmeldingen worden gewist. Je vroegere inschrijvingen blijven bewaard zonder je naam of adres, zodat de cijfers van de evenementen kloppen. Dit kan niet ongedaan worden gemaakt.',
    'members.delete.confirmLabel': 'Typ ter bevestiging je e-mailadres ({email})',
    'members.delete.mismatch': 'is niet het e-mailadres van dit account',
    'members.delete.submit': 'Mijn account definitief verwijderen',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
