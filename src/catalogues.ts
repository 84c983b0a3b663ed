import { accountMessages } from './accounts/messages.js';
import { auditMessages } from './audit/messages.js';
import { auditPageMessages } from './audit/page-messages.js';
import { auditDetailMessages } from './audit/detail-messages.js';
import { coverMessages } from './covers/messages.js';
import { calendarMessages } from './calendar/messages.js';
import { chapterMessages } from './chapters/messages.js';
import { directoryMessages } from './directory/messages.js';
import { eventMessages } from './events/messages.js';
import { eventAdminMessages } from './events/admin-messages.js';
import { eventCancelMessages } from './events/cancel-messages.js';
import { eventListMessages } from './events/list-messages.js';
import { eventShareMessages } from './events/share-messages.js';
import { eventTimeMessages } from './events/time-messages.js';
import { feedMessages } from './feeds/messages.js';
import { followMessages } from './follows/messages.js';
import { gdprMessages } from './gdpr/messages.js';
import { invitationMessages } from './invitations/messages.js';
import { receivedInvitationMessages } from './invitations/received-messages.js';
import { mailMessages } from './mail/messages.js';
import { importMessages } from './member-import/messages.js';
import { newsImportMessages } from './news-import/messages.js';
import { newsImportRemoteMessages } from './news-import/media-messages.js';
import { memberAdminMessages } from './members/messages.js';
import { networkMessages } from './networks/messages.js';
import { profileMessages } from './profiles/messages.js';
import { pictureMessages } from './profiles/picture-messages.js';
import { contactMessages } from './contact/messages.js';
import { registrationMessages } from './registrations/messages.js';
import { registrationManageMessages } from './registrations/manage-messages.js';
import { signupMessages } from './signup/messages.js';
import { venueMessages } from './venues/messages.js';
import { mapMessages } from './maps/messages.js';
import { webhookMessages } from './webhooks/messages.js';
import { newsMessages } from './news/messages.js';
import { reportMessages } from './error-reports/messages.js';
import { callMessages } from './calls/messages.js';
import { callManageMessages } from './calls/manage-messages.js';
import { submissionMessages } from './calls/submission-messages.js';
import { juryAppealMessages } from './jury/appeal-messages.js';
import { juryInvitationMessages } from './jury/invitation-messages.js';
import { juryManageMessages } from './jury/manage-messages.js';
import { juryMessages } from './jury/messages.js';
import { programmeMessages } from './programme/messages.js';
import { expenseMessages } from './expenses/messages.js';
import { budgetMessages } from './budgets/messages.js';
import { reportMessages as figureMessages } from './reports/messages.js';
import { venueDashboardMessages } from './reports/venue-messages.js';
import { packMessages } from './justification/messages.js';
import { accountProblems } from './accounts/problems.js';
import { passwordMessages } from './accounts/password-messages.js';
import { budgetProblems } from './budgets/problems.js';
import { calendarProblems } from './calendar/problems.js';
import { callProblems } from './calls/problems.js';
import { chapterProblems } from './chapters/problems.js';
import { demoProblems } from './demo/problems.js';
import { directoryProblems } from './directory/problems.js';
import { errorReportProblems } from './error-reports/problems.js';
import { eventProblems } from './events/problems.js';
import { expenseProblems } from './expenses/problems.js';
import { gdprProblems } from './gdpr/problems.js';
import { invitationProblems } from './invitations/problems.js';
import { juryProblems } from './jury/problems.js';
import { packProblems } from './justification/problems.js';
import { mailProblems } from './mail/problems.js';
import { memberImportProblems } from './member-import/problems.js';
import { newsImportProblems } from './news-import/problems.js';
import { xmlReasonMessages } from './news-import/xml-reasons.js';
import { newsProblems } from './news/problems.js';
import { newsRevisionMessages } from './news/revision-messages.js';
import { newsEditorMessages } from './news/editor-messages.js';
import { programmeProblems } from './programme/problems.js';
import { redirectMessages } from './redirects/messages.js';
import { redirectProblems } from './redirects/problems.js';
import { registrationProblems } from './registrations/problems.js';
import { storageProblems } from './storage/problems.js';
import { textRepairProblems } from './text-repair/problems.js';
import { textRepairMessages } from './text-repair/messages.js';
import { venueProblems } from './venues/problems.js';
import { webhookProblems } from './webhooks/problems.js';
import { registerCatalogue } from './web/i18n.js';

/**
 * Every feature's messages, registered with web/ when the application is loaded (app.ts imports
 * this module, and the CLI imports app.ts). web/ never imports a feature: a new feature adds its
 * catalogue here.
 */
export const featureCatalogues = [
  accountMessages,
  auditMessages,
  auditPageMessages,
  auditDetailMessages,
  coverMessages,
  pictureMessages,
  contactMessages,
  calendarMessages,
  chapterMessages,
  directoryMessages,
  eventMessages,
  eventAdminMessages,
  eventCancelMessages,
  eventListMessages,
  eventShareMessages,
  eventTimeMessages,
  feedMessages,
  followMessages,
  gdprMessages,
  invitationMessages,
  receivedInvitationMessages,
  mailMessages,
  importMessages,
  memberAdminMessages,
  networkMessages,
  profileMessages,
  registrationMessages,
  registrationManageMessages,
  signupMessages,
  venueMessages,
  mapMessages,
  webhookMessages,
  newsMessages,
  reportMessages,
  callMessages,
  callManageMessages,
  submissionMessages,
  juryMessages,
  juryInvitationMessages,
  juryManageMessages,
  juryAppealMessages,
  programmeMessages,
  expenseMessages,
  budgetMessages,
  figureMessages,
  venueDashboardMessages,
  packMessages,
  // Each feature's problems (error texts), kept apart from its page words.
  accountProblems,
  passwordMessages,
  budgetProblems,
  calendarProblems,
  callProblems,
  chapterProblems,
  demoProblems,
  directoryProblems,
  errorReportProblems,
  eventProblems,
  expenseProblems,
  gdprProblems,
  invitationProblems,
  juryProblems,
  packProblems,
  mailProblems,
  memberImportProblems,
  newsImportProblems,
  xmlReasonMessages,
  newsProblems,
  newsRevisionMessages,
  newsEditorMessages,
  programmeProblems,
  redirectProblems,
  redirectMessages,
  registrationProblems,
  storageProblems,
  textRepairProblems,
  textRepairMessages,
  venueProblems,
  webhookProblems,
  newsImportMessages,
  newsImportRemoteMessages,
];

for (const catalogue of featureCatalogues) registerCatalogue(catalogue);
