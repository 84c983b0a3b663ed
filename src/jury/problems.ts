import { catalogueOf } from '../web/i18n/messages.js';

/** The jury’s problems: each row is [English, French, Dutch]. */
const rows = {
  'jury.problem.stage': ['Stage {position}', 'L’étape {position}', 'Fase {position}'],
  'jury.problem.decisionsSentFrozen': [
    'The decisions of this stage were already sent: they cannot change any more.',
    'Les décisions de cette étape ont déjà été envoyées : elles ne peuvent plus changer.',
    'De beslissingen van deze fase zijn al verstuurd: ze kunnen niet meer veranderen.',
  ],
  'jury.problem.notInStage': [
    'Submission {id} is not judged in this stage.',
    'La candidature {id} n’est pas jugée dans cette étape.',
    'Inzending {id} wordt in deze fase niet beoordeeld.',
  ],
  'jury.problem.notInStageField': [
    '{id} is not in this stage',
    '{id} n’est pas dans cette étape',
    '{id} zit niet in deze fase',
  ],
  'jury.problem.nothingToPreview': [
    'There is no decision to preview: draft them first.',
    'Il n’y a aucune décision à prévisualiser : rédigez-les d’abord.',
    'Er is geen beslissing om te bekijken: stel ze eerst op.',
  ],
  'jury.problem.alreadySent': [
    'These decisions were already sent.',
    'Ces décisions ont déjà été envoyées.',
    'Deze beslissingen zijn al verstuurd.',
  ],
  'jury.problem.nothingToSend': [
    'There is no decision to send: draft them first.',
    'Il n’y a aucune décision à envoyer : rédigez-les d’abord.',
    'Er is geen beslissing om te versturen: stel ze eerst op.',
  ],
  'jury.problem.sentOnce': [
    'These decisions were already sent: nobody is written to twice.',
    'Ces décisions ont déjà été envoyées : personne ne reçoit deux fois le même courrier.',
    'Deze beslissingen zijn al verstuurd: niemand krijgt twee keer post.',
  ],
  'jury.problem.previewFirst': [
    'Preview the decisions first: some changed since the last preview.',
    'Prévisualisez d’abord les décisions : certaines ont changé depuis le dernier aperçu.',
    'Bekijk de beslissingen eerst: sommige zijn veranderd sinds het laatste voorbeeld.',
  ],
  'jury.problem.confirmLink': ['This confirmation link', 'Ce lien de confirmation', 'Deze bevestigingslink'],
  'jury.problem.noStage': [
    'This call has no stage {position}.',
    'Cet appel n’a pas d’étape {position}.',
    'Deze oproep heeft geen fase {position}.',
  ],
  'jury.problem.noStageField': ['no such stage', 'étape inexistante', 'onbestaande fase'],
  'jury.problem.alreadyJuror': [
    '{email} is already a juror of this stage.',
    '{email} est déjà juré de cette étape.',
    '{email} is al jurylid in deze fase.',
  ],
  'jury.problem.alreadyJurorField': ['is already a juror', 'est déjà juré', 'is al jurylid'],
  'jury.problem.invitation': ['This invitation', 'Cette invitation', 'Deze uitnodiging'],
  'jury.problem.signIn': [
    'Sign in with your juror invitation link.',
    'Connectez-vous avec votre lien d’invitation de juré.',
    'Meld je aan met je uitnodigingslink als jurylid.',
  ],
  'jury.problem.notJuror': [
    'You are not a juror of this call.',
    'Vous n’êtes pas juré de cet appel.',
    'Je bent geen jurylid van deze oproep.',
  ],
  'jury.problem.juror': ['Juror {id}', 'Le juré {id}', 'Jurylid {id}'],
  'jury.problem.assigned': [
    'Submission {id} in your assignments',
    'La candidature {id} parmi celles qui vous sont confiées',
    'Inzending {id} in jouw toewijzingen',
  ],
  'jury.problem.assignmentsFinal': [
    'This stage is closed: its assignments are final.',
    'Cette étape est clôturée : ses attributions sont définitives.',
    'Deze fase is gesloten: de toewijzingen zijn definitief.',
  ],
  'jury.problem.pinNotInStage': [
    'A pin or forbid names a juror or submission not in this stage.',
    'Une attribution imposée ou interdite cite un juré ou une candidature hors de cette étape.',
    'Een vaste of verboden toewijzing noemt een jurylid of inzending buiten deze fase.',
  ],
  'jury.problem.pinNotInStageField': [
    '{pair} is not in this stage',
    '{pair} n’est pas dans cette étape',
    '{pair} zit niet in deze fase',
  ],
  'jury.problem.declareFirst': [
    'Declare first whether you have a conflict of interest with this submission.',
    'Déclarez d’abord si vous avez un conflit d’intérêts avec cette candidature.',
    'Verklaar eerst of je een belangenconflict hebt met deze inzending.',
  ],
  'jury.problem.declareFirstField': [
    'must be declared (none, soft or hard) before reading',
    'doit être déclaré (aucun, léger ou fort) avant la lecture',
    'moet voor het lezen worden verklaard (geen, licht of zwaar)',
  ],
  'jury.problem.othersAfterOwn': [
    'Other jurors’ scores are shown once you have submitted your own review.',
    'Les notes des autres jurés s’affichent une fois votre propre évaluation envoyée.',
    'De scores van andere juryleden worden getoond zodra je je eigen beoordeling hebt ingediend.',
  ],
  'jury.problem.notAssigned': [
    'This submission is not assigned to you, or you declared a conflict with it.',
    'Cette candidature ne vous est pas confiée, ou vous avez déclaré un conflit avec elle.',
    'Deze inzending is niet aan jou toegewezen, of je hebt er een conflict mee verklaard.',
  ],
  'jury.problem.reviewsLocked': [
    'This stage is closed: reviews are locked.',
    'Cette étape est clôturée : les évaluations sont verrouillées.',
    'Deze fase is gesloten: de beoordelingen liggen vast.',
  ],
  'jury.problem.notCriterion': [
    'is not a criterion of this call',
    'n’est pas un critère de cet appel',
    'is geen criterium van deze oproep',
  ],
  'jury.problem.review': [
    'The review does not fit the call’s criteria.',
    'L’évaluation ne correspond pas aux critères de l’appel.',
    'De beoordeling past niet bij de criteria van de oproep.',
  ],
  'jury.problem.stageClosed': [
    'This stage is already closed.',
    'Cette étape est déjà clôturée.',
    'Deze fase is al gesloten.',
  ],
  'jury.problem.acceptRules': [
    'Accept the rules and choose at least one language.',
    'Acceptez le règlement et choisissez au moins une langue.',
    'Aanvaard de regels en kies minstens één taal.',
  ],
  'jury.problem.chooseLevel': [
    'Choose none, soft or hard.',
    'Choisissez aucun, léger ou fort.',
    'Kies geen, licht of zwaar.',
  ],
  'jury.problem.invalidReview': ['Invalid review.', 'Évaluation non valable.', 'Ongeldige beoordeling.'],
} as const;

export const juryProblems = catalogueOf(rows);

declare module '../web/i18n/messages.js' {
  interface FeatureMessages extends Record<keyof typeof rows, string> {}
}
