import { accountMessages } from './accounts/messages.js';
import { auditMessages } from './audit/messages.js';
import { calendarMessages } from './calendar/messages.js';
import { chapterMessages } from './chapters/messages.js';
import { directoryMessages } from './directory/messages.js';
import { eventMessages } from './events/messages.js';
import { feedMessages } from './feeds/messages.js';
import { followMessages } from './follows/messages.js';
import { gdprMessages } from './gdpr/messages.js';
import { invitationMessages } from './invitations/messages.js';
import { mailMessages } from './mail/messages.js';
import { importMessages } from './member-import/messages.js';
import { newsImportMessages } from './news-import/messages.js';
import { memberAdminMessages } from './members/messages.js';
import { networkMessages } from './networks/messages.js';
import { profileMessages } from './profiles/messages.js';
import { registrationMessages } from './registrations/messages.js';
import { signupMessages } from './signup/messages.js';
import { venueMessages } from './venues/messages.js';
import { webhookMessages } from './webhooks/messages.js';
import { newsMessages } from './news/messages.js';
import { reportMessages } from './error-reports/messages.js';
import { callMessages } from './calls/messages.js';
import { submissionMessages } from './calls/submission-messages.js';
import { juryMessages } from './jury/messages.js';
import { programmeMessages } from './programme/messages.js';
import { expenseMessages } from './expenses/messages.js';
import { reportMessages as figureMessages } from './reports/messages.js';
import { packMessages } from './justification/messages.js';
import { registerCatalogue } from './web/i18n.js';

/**
 * Every feature's messages, registered with web/ when the application is loaded (app.ts imports
 * this module, and the CLI imports app.ts). web/ never imports a feature: a new feature adds its
 * catalogue here.
 */
export const featureCatalogues = [
  accountMessages,
  auditMessages,
  calendarMessages,
  chapterMessages,
  directoryMessages,
  eventMessages,
  feedMessages,
  followMessages,
  gdprMessages,
  invitationMessages,
  mailMessages,
  importMessages,
  memberAdminMessages,
  networkMessages,
  profileMessages,
  registrationMessages,
  signupMessages,
  venueMessages,
  webhookMessages,
  newsMessages,
  reportMessages,
  callMessages,
  submissionMessages,
  juryMessages,
  programmeMessages,
  expenseMessages,
  figureMessages,
  packMessages,
  newsImportMessages,
];

for (const catalogue of featureCatalogues) registerCatalogue(catalogue);
