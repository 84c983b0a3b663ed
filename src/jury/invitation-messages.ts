import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** Jurors' invitations (single use, expiring) and the refusals of decisions already sent. */
const en = {
  'jury.mail.invite.valid': 'The link works once, until {until}. After that, ask the organisers for a new one.',
  'jury.invite.title': 'Invitation to the jury: {title}',
  'jury.invite.intro': 'You are invited, as {name}, to review submissions for the stage “{stage}”.',
  'jury.invite.button': 'Accept the invitation and sign in',
  'jury.invite.valid': 'This link works once, until {until}.',
  'jury.invite.used':
    'This invitation link was already used: it works once. Sign in with your e-mail address (we send you a sign-in link) to reach the jury.',
  'jury.invite.expired':
    'This invitation link expired on {date}. Ask the organisers of the call to send you a new one.',
  'jury.invite.signIn': 'Sign in',
  'jury.invite.goToJury': 'Go to the jury',
  'jury.thing.invitation': 'This invitation',
  'jury.thing.juror': 'This juror',
  'jury.error.alreadyJuror': '{email} is already a juror of this stage.',
  'jury.error.alreadyJurorField': 'is already a juror of this stage',
  'jury.error.decisionsSent':
    'The decisions of stage {stage} were already sent on {date}: each applicant is written to once. Nothing was sent again.',
} as const;

export const juryInvitationMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'jury.mail.invite.valid':
      'Le lien fonctionne une seule fois, jusqu’au {until}. Ensuite, demandez-en un nouveau aux organisateurs.',
    'jury.invite.title': 'Invitation au jury : {title}',
    'jury.invite.intro': 'Vous êtes invité·e, en tant que {name}, à évaluer les dossiers de l’étape « {stage} ».',
    'jury.invite.button': 'Accepter l’invitation et me connecter',
    'jury.invite.valid': 'Ce lien fonctionne une seule fois, jusqu’au {until}.',
    'jury.invite.used':
      'Ce lien d’invitation a déjà été utilisé : il ne fonctionne qu’une fois. Connectez-vous avec votre adresse e-mail (nous vous envoyons un lien de connexion) pour accéder au jury.',
    'jury.invite.expired':
      'Ce lien d’invitation a expiré le {date}. Demandez aux organisateurs de l’appel de vous en envoyer un nouveau.',
    'jury.invite.signIn': 'Se connecter',
    'jury.invite.goToJury': 'Aller au jury',
    'jury.thing.invitation': 'Cette invitation',
    'jury.thing.juror': 'Ce juré',
    'jury.error.alreadyJuror': '{email} fait déjà partie du jury de cette étape.',
    'jury.error.alreadyJurorField': 'fait déjà partie du jury de cette étape',
    'jury.error.decisionsSent':
      'Les décisions de l’étape {stage} ont déjà été envoyées le {date} : chaque candidat n’est prévenu qu’une fois. Rien n’a été renvoyé.',
  },
  nl: {
    'jury.mail.invite.valid': 'De link werkt één keer, tot {until}. Vraag daarna een nieuwe aan de organisatoren.',
    'jury.invite.title': 'Uitnodiging voor de jury: {title}',
    'jury.invite.intro': 'Je bent uitgenodigd, als {name}, om de inzendingen van de fase “{stage}” te beoordelen.',
    'jury.invite.button': 'Uitnodiging aanvaarden en aanmelden',
    'jury.invite.valid': 'Deze link werkt één keer, tot {until}.',
    'jury.invite.used':
      'Deze uitnodigingslink werd al gebruikt: hij werkt maar één keer. Meld je aan met je e-mailadres (we sturen je een aanmeldlink) om naar de jury te gaan.',
    'jury.invite.expired':
      'Deze uitnodigingslink is verlopen op {date}. Vraag de organisatoren van de oproep om je een nieuwe te sturen.',
    'jury.invite.signIn': 'Aanmelden',
    'jury.invite.goToJury': 'Naar de jury',
    'jury.thing.invitation': 'Deze uitnodiging',
    'jury.thing.juror': 'Dit jurylid',
    'jury.error.alreadyJuror': '{email} zit al in de jury van deze fase.',
    'jury.error.alreadyJurorField': 'zit al in de jury van deze fase',
    'jury.error.decisionsSent':
      'De beslissingen van fase {stage} werden al verstuurd op {date}: elke kandidaat krijgt maar één bericht. Er werd niets opnieuw verstuurd.',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
