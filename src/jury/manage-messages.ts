import type { FeatureCatalogue } from '../web/i18n/messages.js';

/** The call managers' jury and redaction pages. */
const en = {
  'jury.manage.results': 'Results and decisions',
  'jury.manage.redactions': 'Redacted copies (blind review)',
  'jury.manage.back': 'Back to the jury',
  'jury.manage.stages': 'Stages',
  'jury.manage.jurors': 'Jurors of “{stage}”',
  'jury.manage.name': 'Name',
  'jury.manage.email': 'E-mail address',
  'jury.manage.organisation': 'Organisation',
  'jury.manage.organisationHelp': 'Checked against applicants’ organisations to detect conflicts of interest.',
  'jury.manage.mailLanguage': 'Language of their mails',
  'jury.manage.invitation': 'Invitation',
  'jury.manage.invitation.pending': 'Sent, valid until {date}',
  'jury.manage.invitation.accepted': 'Accepted',
  'jury.manage.invitation.expired': 'Expired on {date}',
  'jury.manage.resend': 'Send a new link',
  'jury.manage.load': 'Assigned',
  'jury.manage.noJurors': 'No juror in this stage yet: invite them below.',
  'jury.manage.invite': 'Invite a juror',
  'jury.manage.inviteHelp':
    'They receive a personal link that works once, for 14 days. A juror with an account of their own is written to in the language they chose.',
  'jury.manage.inviteButton': 'Invite',
  'jury.manage.assignments': 'Assignments of “{stage}”',
  'jury.manage.short':
    '{count, plural, one {# submission has} other {# submissions have}} fewer reviewers than the call asks for: invite more jurors, or check conflicts and languages.',
  'jury.manage.run': 'Run the assignment',
  'jury.manage.noSubmissions': 'No submission in this stage.',
  'jury.manage.pair': 'Pin or forbid a pair',
  'jury.manage.pairHelp':
    'A pinned pair is always assigned; a forbidden one never. Reviews already begun are kept whatever you change.',
  'jury.manage.juror': 'Juror',
  'jury.manage.submission': 'Submission',
  'jury.manage.ruleLabel': 'Rule',
  'jury.manage.rule.pin': 'pinned',
  'jury.manage.rule.forbid': 'forbidden',
  'jury.manage.pairButton': 'Apply and run the assignment',
  'jury.thing.submission': 'This submission',
  'jury.redact.title': 'Redacted copies: {title}',
  'jury.redact.intro':
    'The stage “{stage}” is blind: jurors read this copy. Names, e-mail addresses and organisations we know of are already taken out; remove whatever else tells who applied, then confirm.',
  'jury.redact.notBlind':
    'The stage “{stage}” is not blind: jurors read the submissions as written. A confirmed copy is used by blind stages.',
  'jury.redact.pending': 'Not confirmed yet: jurors read the system’s proposal below.',
  'jury.redact.confirmedOn': 'Confirmed on {date}.',
  'jury.redact.titleField': 'Title',
  'jury.redact.confirm': 'Confirm this copy',
} as const;

export const juryManageMessages: FeatureCatalogue<keyof typeof en> = {
  en,
  fr: {
    'jury.manage.results': 'Résultats et décisions',
    'jury.manage.redactions': 'Copies anonymisées (évaluation à l’aveugle)',
    'jury.manage.back': 'Retour au jury',
    'jury.manage.stages': 'Étapes',
    'jury.manage.jurors': 'Jurés de « {stage} »',
    'jury.manage.name': 'Nom',
    'jury.manage.email': 'Adresse e-mail',
    'jury.manage.organisation': 'Organisation',
    'jury.manage.organisationHelp': 'Comparée aux organisations des candidats pour détecter les conflits d’intérêts.',
    'jury.manage.mailLanguage': 'Langue de ses e-mails',
    'jury.manage.invitation': 'Invitation',
    'jury.manage.invitation.pending': 'Envoyée, valable jusqu’au {date}',
    'jury.manage.invitation.accepted': 'Acceptée',
    'jury.manage.invitation.expired': 'Expirée le {date}',
    'jury.manage.resend': 'Envoyer un nouveau lien',
    'jury.manage.load': 'Attribués',
    'jury.manage.noJurors': 'Aucun juré dans cette étape pour l’instant : invitez-les ci-dessous.',
    'jury.manage.invite': 'Inviter un juré',
    'jury.manage.inviteHelp':
      'Il reçoit un lien personnel qui fonctionne une seule fois, pendant 14 jours. Un juré qui a son propre compte reçoit ses e-mails dans la langue qu’il a choisie.',
    'jury.manage.inviteButton': 'Inviter',
    'jury.manage.assignments': 'Attributions de « {stage} »',
    'jury.manage.short':
      '{count, plural, one {# dossier a} other {# dossiers ont}} moins d’évaluateurs que l’appel n’en demande : invitez d’autres jurés, ou vérifiez conflits et langues.',
    'jury.manage.run': 'Lancer l’attribution',
    'jury.manage.noSubmissions': 'Aucun dossier dans cette étape.',
    'jury.manage.pair': 'Imposer ou interdire une paire',
    'jury.manage.pairHelp':
      'Une paire imposée est toujours attribuée ; une paire interdite, jamais. Les évaluations déjà commencées sont gardées quoi que vous changiez.',
    'jury.manage.juror': 'Juré',
    'jury.manage.submission': 'Dossier',
    'jury.manage.ruleLabel': 'Règle',
    'jury.manage.rule.pin': 'imposée',
    'jury.manage.rule.forbid': 'interdite',
    'jury.manage.pairButton': 'Appliquer et lancer l’attribution',
    'jury.thing.submission': 'Ce dossier',
    'jury.redact.title': 'Copies anonymisées : {title}',
    'jury.redact.intro':
      'L’étape « {stage} » est à l’aveugle : les jurés lisent cette copie. Les noms, adresses e-mail et organisations connus sont déjà retirés ; retirez tout ce qui dit encore qui a déposé, puis confirmez.',
    'jury.redact.notBlind':
      'L’étape « {stage} » n’est pas à l’aveugle : les jurés lisent les dossiers tels quels. Une copie confirmée sert aux étapes à l’aveugle.',
    'jury.redact.pending': 'Pas encore confirmée : les jurés lisent la proposition du système ci-dessous.',
    'jury.redact.confirmedOn': 'Confirmée le {date}.',
    'jury.redact.titleField': 'Titre',
    'jury.redact.confirm': 'Confirmer cette copie',
  },
  nl: {
    'jury.manage.results': 'Resultaten en beslissingen',
    'jury.manage.redactions': 'Geanonimiseerde kopieën (blinde beoordeling)',
    'jury.manage.back': 'Terug naar de jury',
    'jury.manage.stages': 'Fasen',
    'jury.manage.jurors': 'Juryleden van “{stage}”',
    'jury.manage.name': 'Naam',
    'jury.manage.email': 'E-mailadres',
    'jury.manage.organisation': 'Organisatie',
    'jury.manage.organisationHelp':
      'Vergeleken met de organisaties van de kandidaten om belangenconflicten op te sporen.',
    'jury.manage.mailLanguage': 'Taal van de e-mails',
    'jury.manage.invitation': 'Uitnodiging',
    'jury.manage.invitation.pending': 'Verstuurd, geldig tot {date}',
    'jury.manage.invitation.accepted': 'Aanvaard',
    'jury.manage.invitation.expired': 'Verlopen op {date}',
    'jury.manage.resend': 'Nieuwe link sturen',
    'jury.manage.load': 'Toegewezen',
    'jury.manage.noJurors': 'Nog geen juryleden in deze fase: nodig ze hieronder uit.',
    'jury.manage.invite': 'Een jurylid uitnodigen',
    'jury.manage.inviteHelp':
      'Ze krijgen een persoonlijke link die één keer werkt, 14 dagen lang. Een jurylid met een eigen account krijgt e-mails in de taal die het zelf koos.',
    'jury.manage.inviteButton': 'Uitnodigen',
    'jury.manage.assignments': 'Toewijzingen van “{stage}”',
    'jury.manage.short':
      '{count, plural, one {# inzending heeft} other {# inzendingen hebben}} minder beoordelaars dan de oproep vraagt: nodig meer juryleden uit, of controleer conflicten en talen.',
    'jury.manage.run': 'Toewijzing uitvoeren',
    'jury.manage.noSubmissions': 'Geen inzendingen in deze fase.',
    'jury.manage.pair': 'Een paar vastleggen of uitsluiten',
    'jury.manage.pairHelp':
      'Een vastgelegd paar wordt altijd toegewezen, een uitgesloten paar nooit. Begonnen beoordelingen blijven behouden, wat je ook wijzigt.',
    'jury.manage.juror': 'Jurylid',
    'jury.manage.submission': 'Inzending',
    'jury.manage.ruleLabel': 'Regel',
    'jury.manage.rule.pin': 'vastgelegd',
    'jury.manage.rule.forbid': 'uitgesloten',
    'jury.manage.pairButton': 'Toepassen en toewijzing uitvoeren',
    'jury.thing.submission': 'Deze inzending',
    'jury.redact.title': 'Geanonimiseerde kopieën: {title}',
    'jury.redact.intro':
      'De fase “{stage}” is blind: de juryleden lezen deze kopie. Gekende namen, e-mailadressen en organisaties zijn al weggelaten; verwijder wat nog verraadt wie inzond, en bevestig.',
    'jury.redact.notBlind':
      'De fase “{stage}” is niet blind: de juryleden lezen de inzendingen zoals ze geschreven zijn. Een bevestigde kopie dient voor blinde fasen.',
    'jury.redact.pending': 'Nog niet bevestigd: de juryleden lezen het voorstel van het systeem hieronder.',
    'jury.redact.confirmedOn': 'Bevestigd op {date}.',
    'jury.redact.titleField': 'Titel',
    'jury.redact.confirm': 'Deze kopie bevestigen',
  },
};

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof en, string> {}
}
