import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** Changing, forgetting and resetting a password: the pages, the problems and the two mails. */
const en = {
  'field.currentPassword': 'Current password',
  'field.newPassword': 'New password',
  'field.newPasswordAgain': 'New password, again',
  'account.password.link': 'Change my password',
  'account.password.title': 'My password',
  'account.password.intro':
    'Once it is changed, you stay signed in here, every other place where you are signed in is signed out and your API tokens stop working.',
  'account.password.none':
    'Your account has no password yet: you sign in with links sent by e-mail. You may choose one here.',
  'account.password.submit': 'Change my password',
  'account.password.changed':
    'Your password was changed. You were signed out everywhere else and your API tokens were revoked.',
  'account.password.wrongCurrent': 'is not your current password',
  'account.password.wrongCurrentProblem': 'The current password is wrong: nothing was changed.',
  'account.password.mismatch': 'is not the same as the new password',
  'account.password.help': 'At least 10 characters; a phrase of several words is easy to remember.',
  'account.forgot.link': 'Forgot your password?',
  'account.forgot.title': 'Forgotten password',
  'account.forgot.intro':
    'Give the address of your account: we e-mail you a link to choose a new password. It works once, for one hour.',
  'account.forgot.submit': 'E-mail me a link',
  'account.forgot.sent':
    'If an account uses this address, a link to choose a new password is on its way. It works once, for one hour.',
  'account.reset.title': 'Choose a new password',
  'account.reset.intro':
    'For {email}. Once it is set, you are signed in here and signed out everywhere else; your API tokens stop working.',
  'account.reset.submit': 'Set my new password',
  'account.reset.invalid': 'This link has expired or was already used.',
  'account.reset.again': 'Ask for a new link',
  'mail.reset.subject': 'Choose a new password for {network}',
  'mail.reset.body':
    'Someone, probably you, asked to choose a new password for your account. Follow this link within one hour. If it was not you, ignore this mail: your password stays as it is.',
  'mail.passwordLink.subject': 'Choose a password for {network}',
  'mail.passwordLink.body':
    'An administrator of the network sent you this link to choose a password for your account. It works once, for one hour. If you did not expect it, ignore this mail: nothing changes unless the link is used.',
  'mail.passwordChanged.subject': 'Your password for {network} was changed',
  'mail.passwordChanged.body':
    'The password of your account was just changed, and every other session and API token of yours was ended. If it was not you, choose a new password at once with the link below and tell the administrators of the network.',
};

export const passwordMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'field.currentPassword': 'Mot de passe actuel',
    'field.newPassword': 'Nouveau mot de passe',
    'field.newPasswordAgain': 'Nouveau mot de passe, à nouveau',
    'account.password.link': 'Changer mon mot de passe',
    'account.password.title': 'Mon mot de passe',
    'account.password.intro':
      'Une fois changé, vous restez connecté ici, vous êtes déconnecté partout ailleurs et vos jetons d’API cessent de fonctionner.',
    'account.password.none':
      'Votre compte n’a pas encore de mot de passe : vous vous connectez avec des liens envoyés par e-mail. Vous pouvez en choisir un ici.',
    'account.password.submit': 'Changer mon mot de passe',
    'account.password.changed':
      'Votre mot de passe a été changé. Vous avez été déconnecté partout ailleurs et vos jetons d’API ont été révoqués.',
    'account.password.wrongCurrent': 'n’est pas votre mot de passe actuel',
    'account.password.wrongCurrentProblem': 'Le mot de passe actuel est incorrect : rien n’a été changé.',
    'account.password.mismatch': 'n’est pas identique au nouveau mot de passe',
    'account.password.help': 'Au moins 10 caractères ; une phrase de plusieurs mots se retient facilement.',
    'account.forgot.link': 'Mot de passe oublié ?',
    'account.forgot.title': 'Mot de passe oublié',
    'account.forgot.intro':
      'Indiquez l’adresse de votre compte : nous vous envoyons un lien pour choisir un nouveau mot de passe. Il fonctionne une fois, pendant une heure.',
    'account.forgot.submit': 'M’envoyer un lien',
    'account.forgot.sent':
      'Si un compte utilise cette adresse, un lien pour choisir un nouveau mot de passe est en route. Il fonctionne une fois, pendant une heure.',
    'account.reset.title': 'Choisir un nouveau mot de passe',
    'account.reset.intro':
      'Pour {email}. Une fois choisi, vous êtes connecté ici et déconnecté partout ailleurs ; vos jetons d’API cessent de fonctionner.',
    'account.reset.submit': 'Enregistrer mon nouveau mot de passe',
    'account.reset.invalid': 'Ce lien a expiré ou a déjà été utilisé.',
    'account.reset.again': 'Demander un nouveau lien',
    'mail.reset.subject': 'Choisissez un nouveau mot de passe pour {network}',
    'mail.reset.body':
      'Quelqu’un, sans doute vous, a demandé à choisir un nouveau mot de passe pour votre compte. Suivez ce lien dans l’heure. Si ce n’était pas vous, ignorez ce message : votre mot de passe reste inchangé.',
    'mail.passwordLink.subject': 'Choisissez un mot de passe pour {network}',
    'mail.passwordLink.body':
      'Un administrateur du réseau vous envoie ce lien pour choisir un mot de passe pour votre compte. Il fonctionne une fois, pendant une heure. Si vous ne l’attendiez pas, ignorez ce message : rien ne change tant que le lien n’est pas utilisé.',
    'mail.passwordChanged.subject': 'Votre mot de passe pour {network} a été changé',
    'mail.passwordChanged.body':
      'Le mot de passe de votre compte vient d’être changé, et toutes vos autres sessions et tous vos jetons d’API ont été fermés. Si ce n’était pas vous, choisissez tout de suite un nouveau mot de passe avec le lien ci-dessous et prévenez les administrateurs du réseau.',
  },
  nl: {
    'field.currentPassword': 'Huidig wachtwoord',
    'field.newPassword': 'Nieuw wachtwoord',
    'field.newPasswordAgain': 'Nieuw wachtwoord, nog eens',
    'account.password.link': 'Mijn wachtwoord wijzigen',
    'account.password.title': 'Mijn wachtwoord',
    'account.password.intro':
      'Na de wijziging blijf je hier aangemeld, word je overal elders afgemeld en werken je API-tokens niet meer.',
    'account.password.none':
      'Je account heeft nog geen wachtwoord: je meldt je aan met links die per e-mail komen. Je kunt er hier een kiezen.',
    'account.password.submit': 'Mijn wachtwoord wijzigen',
    'account.password.changed':
      'Je wachtwoord is gewijzigd. Je bent overal elders afgemeld en je API-tokens zijn ingetrokken.',
    'account.password.wrongCurrent': 'is niet je huidige wachtwoord',
    'account.password.wrongCurrentProblem': 'Het huidige wachtwoord klopt niet: er is niets gewijzigd.',
    'account.password.mismatch': 'is niet hetzelfde als het nieuwe wachtwoord',
    'account.password.help': 'Minstens 10 tekens; een zin van enkele woorden onthoud je makkelijk.',
    'account.forgot.link': 'Wachtwoord vergeten?',
    'account.forgot.title': 'Wachtwoord vergeten',
    'account.forgot.intro':
      'Geef het adres van je account: we mailen je een link om een nieuw wachtwoord te kiezen. Die werkt één keer, een uur lang.',
    'account.forgot.submit': 'Mail me een link',
    'account.forgot.sent':
      'Als een account dit adres gebruikt, is een link om een nieuw wachtwoord te kiezen onderweg. Die werkt één keer, een uur lang.',
    'account.reset.title': 'Kies een nieuw wachtwoord',
    'account.reset.intro':
      'Voor {email}. Zodra het ingesteld is, ben je hier aangemeld en overal elders afgemeld; je API-tokens werken niet meer.',
    'account.reset.submit': 'Mijn nieuwe wachtwoord instellen',
    'account.reset.invalid': 'Deze link is verlopen of werd al gebruikt.',
    'account.reset.again': 'Vraag een nieuwe link',
    'mail.reset.subject': 'Kies een nieuw wachtwoord voor {network}',
    'mail.reset.body':
      'Iemand, wellicht jij, vroeg om een nieuw wachtwoord te kiezen voor je account. Volg deze link binnen het uur. Was jij het niet, negeer deze mail dan: je wachtwoord blijft zoals het is.',
    'mail.passwordLink.subject': 'Kies een wachtwoord voor {network}',
    'mail.passwordLink.body':
      'Een beheerder van het netwerk stuurt je deze link om een wachtwoord te kiezen voor je account. Hij werkt één keer, een uur lang. Verwachtte je hem niet, negeer deze mail dan: er verandert niets zolang de link niet gebruikt wordt.',
    'mail.passwordChanged.subject': 'Je wachtwoord voor {network} is gewijzigd',
    'mail.passwordChanged.body':
      'Het wachtwoord van je account is net gewijzigd, en al je andere sessies en API-tokens zijn beëindigd. Was jij het niet, kies dan meteen een nieuw wachtwoord met de link hieronder en verwittig de beheerders van het netwerk.',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
