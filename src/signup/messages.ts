import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** Sign-up and address confirmation: messages in the three languages (same keys in each; src/catalogues.test.ts checks). */
const en = {
  'members.signup.title': 'Join',
  'members.signup.heading': 'Join {network}',
  'members.signup.intro':
    'Create your member account: follow chapters, keep your registrations in one place, and appear in the member directory if you wish. We will e-mail you a link to confirm your address and choose your password.',
  'members.signup.passwordHelp':
    'At least 10 characters. A phrase of a few words is easy to remember and hard to guess.',
  'members.signup.submit': 'Create my account',
  'members.signup.haveAccount': 'Already a member?',
  'members.checkMail.title': 'Check your e-mail',
  'members.checkMail.body':
    'We have sent an e-mail to the address you gave. Follow its link within 48 hours to confirm your address and sign in.',
  'members.resend.title': 'No e-mail?',
  'members.resend.submit': 'Send me a new confirmation link',
  'members.verify.title': 'Confirm your e-mail address',
  'members.verify.confirm': 'Confirm {email} and sign in',
  'members.verify.password': 'Choose your password',
  'members.verify.invalid': 'This confirmation link has expired or was already used. Ask for a new one below.',
  'members.mail.verify.subject': 'Confirm your e-mail address for {network}',
  'members.mail.verify.body':
    'Welcome to {network}! Use this link to confirm your e-mail address and sign in. It works once, for 48 hours. If you did not sign up, ignore this e-mail: no account will be usable without it.',
  'members.mail.exists.subject': 'You already have an account with {network}',
  'members.mail.exists.body':
    'Someone (probably you) tried to sign up to {network} with this address, which already has an account. Use this link to sign in (it works once, for 15 minutes), or sign in with your password at {url}. If it was not you, ignore this e-mail.',
};

export const signupMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'members.signup.title': 'Rejoindre',
    'members.signup.heading': 'Rejoindre {network}',
    'members.signup.intro':
      'Créez votre compte de membre : suivez des antennes, retrouvez vos inscriptions au même endroit et, si vous le souhaitez, apparaissez dans l’annuaire des membres. Nous vous enverrons un lien pour confirmer votre adresse et choisir votre mot de passe.',
    'members.signup.passwordHelp':
      'Au moins 10 caractères. Une phrase de quelques mots se retient facilement et se devine mal.',
    'members.signup.submit': 'Créer mon compte',
    'members.signup.haveAccount': 'Déjà membre ?',
    'members.checkMail.title': 'Consultez vos e-mails',
    'members.checkMail.body':
      'Nous avons envoyé un e-mail à l’adresse indiquée. Suivez son lien dans les 48 heures pour confirmer votre adresse et vous connecter.',
    'members.resend.title': 'Pas reçu d’e-mail ?',
    'members.resend.submit': 'M’envoyer un nouveau lien de confirmation',
    'members.verify.title': 'Confirmez votre adresse e-mail',
    'members.verify.confirm': 'Confirmer {email} et me connecter',
    'members.verify.password': 'Choisissez votre mot de passe',
    'members.verify.invalid': 'Ce lien de confirmation a expiré ou a déjà servi. Demandez-en un nouveau ci-dessous.',
    'members.mail.verify.subject': 'Confirmez votre adresse e-mail pour {network}',
    'members.mail.verify.body':
      'Bienvenue chez {network} ! Utilisez ce lien pour confirmer votre adresse e-mail et vous connecter. Il fonctionne une seule fois, pendant 48 heures. Si vous ne vous êtes pas inscrit·e, ignorez cet e-mail : aucun compte ne sera utilisable sans lui.',
    'members.mail.exists.subject': 'Vous avez déjà un compte chez {network}',
    'members.mail.exists.body':
      'Quelqu’un (sans doute vous) a tenté de s’inscrire à {network} avec cette adresse, qui a déjà un compte. Utilisez ce lien pour vous connecter (une seule fois, pendant 15 minutes), ou connectez-vous avec votre mot de passe sur {url}. Si ce n’était pas vous, ignorez cet e-mail.',
  },
  nl: {
    'members.signup.title': 'Word lid',
    'members.signup.heading': 'Word lid van {network}',
    'members.signup.intro':
      'Maak je ledenaccount aan: volg afdelingen, vind al je inschrijvingen op één plek terug en verschijn, als je dat wilt, in de ledengids. We mailen je een link om je adres te bevestigen en je wachtwoord te kiezen.',
    'members.signup.passwordHelp':
      'Minstens 10 tekens. Een zin van enkele woorden onthoud je makkelijk en raadt niemand snel.',
    'members.signup.submit': 'Mijn account aanmaken',
    'members.signup.haveAccount': 'Al lid?',
    'members.checkMail.title': 'Bekijk je e-mail',
    'members.checkMail.body':
      'We hebben een e-mail gestuurd naar het opgegeven adres. Volg de link binnen 48 uur om je adres te bevestigen en aan te melden.',
    'members.resend.title': 'Geen e-mail ontvangen?',
    'members.resend.submit': 'Stuur me een nieuwe bevestigingslink',
    'members.verify.title': 'Bevestig je e-mailadres',
    'members.verify.confirm': '{email} bevestigen en aanmelden',
    'members.verify.password': 'Kies je wachtwoord',
    'members.verify.invalid': 'Deze bevestigingslink is verlopen of al gebruikt. Vraag hieronder een nieuwe aan.',
    'members.mail.verify.subject': 'Bevestig je e-mailadres voor {network}',
    'members.mail.verify.body':
      'Welkom bij {network}! Gebruik deze link om je e-mailadres te bevestigen en aan te melden. Hij werkt één keer, 48 uur lang. Heb je je niet ingeschreven? Negeer dan deze e-mail: zonder deze link is geen account bruikbaar.',
    'members.mail.exists.subject': 'Je hebt al een account bij {network}',
    'members.mail.exists.body':
      'Iemand (waarschijnlijk jij) probeerde zich bij {network} in te schrijven met dit adres, dat al een account heeft. Gebruik deze link om aan te melden (één keer, 15 minuten lang), of meld je aan met je wachtwoord op {url}. Was jij het niet? Negeer dan deze e-mail.',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
