import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** Signing in: password and e-mailed link: messages in the three languages (same keys in each; src/catalogues.test.ts checks). */
const en = {
  'login.title': 'Sign in',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.failed': 'Wrong e-mail or password.',
  'login.linkTitle': 'Or get a sign-in link by e-mail',
  'login.linkEmail': 'Your e-mail for the link',
  'login.linkSubmit': 'E-mail me a link',
  'login.linkSent': 'If an account uses this address, a sign-in link is on its way. It works once, for 15 minutes.',
  'login.linkConfirm': 'Sign in as {email}',
  'login.linkInvalid': 'This sign-in link has expired or was already used. Ask for a new one.',
  'account.password.guessable':
    'is too easy to guess (one character repeated, a keyboard row or a common password): choose a longer phrase of several words',
};

export const accountMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'login.title': 'Connexion',
    'login.password': 'Mot de passe',
    'login.submit': 'Se connecter',
    'login.failed': 'E-mail ou mot de passe incorrect.',
    'login.linkTitle': 'Ou recevez un lien de connexion par e-mail',
    'login.linkEmail': 'Votre e-mail pour le lien',
    'login.linkSubmit': 'M’envoyer un lien',
    'login.linkSent':
      'Si un compte utilise cette adresse, un lien de connexion est en route. Il fonctionne une fois, pendant 15 minutes.',
    'login.linkConfirm': 'Se connecter en tant que {email}',
    'login.linkInvalid': 'Ce lien de connexion a expiré ou a déjà servi. Demandez-en un nouveau.',
    'account.password.guessable':
      'est trop facile à deviner (un caractère répété, une rangée du clavier ou un mot de passe courant) : choisissez une phrase plus longue de plusieurs mots',
  },
  nl: {
    'login.title': 'Aanmelden',
    'login.password': 'Wachtwoord',
    'login.submit': 'Aanmelden',
    'login.failed': 'Verkeerd e-mailadres of wachtwoord.',
    'login.linkTitle': 'Of ontvang een aanmeldlink per e-mail',
    'login.linkEmail': 'Je e-mailadres voor de link',
    'login.linkSubmit': 'Stuur me een link',
    'login.linkSent':
      'Als een account dit adres gebruikt, is er een aanmeldlink onderweg. Hij werkt één keer, 15 minuten lang.',
    'login.linkConfirm': 'Aanmelden als {email}',
    'login.linkInvalid': 'Deze aanmeldlink is verlopen of al gebruikt. Vraag een nieuwe aan.',
    'account.password.guessable':
      'is te makkelijk te raden (één teken herhaald, een rij van het toetsenbord of een veelgebruikt wachtwoord): kies een langere zin van enkele woorden',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
