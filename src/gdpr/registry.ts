import { callSubmissionData } from '../calls/gdpr.js';
import { treasurerData } from '../budgets/gdpr.js';
import { chapterInterestData, organiserData } from '../chapters/gdpr.js';
import { contactData } from '../contact/service.js';
import type { PersonalData } from '../db/gdpr.js';
import { reportDeciderData } from '../error-reports/gdpr.js';
import { expenseData } from '../expenses/gdpr.js';
import { followData } from '../follows/service.js';
import { invitationData } from '../invitations/gdpr.js';
import { jurorData } from '../jury/gdpr.js';
import { mailData } from '../mail/gdpr.js';
import { articleCommentData, newsEditorData } from '../news/gdpr.js';
import { newsImportData } from '../news-import/gdpr.js';
import { profileData } from '../profiles/service.js';
import { speakerData } from '../programme/gdpr.js';
import { registrationData } from '../registrations/gdpr.js';
import { venueManagerData } from '../venues/gdpr.js';
import { webhookData } from '../webhooks/gdpr.js';

// Every feature that keeps rows about a person exposes a `PersonalData` (db/gdpr.ts) from its
// gdpr.ts (or its service); a new feature that stores personal data adds itself to both lists.
// The account itself (accounts/gdpr.ts) and the audit log's actor are handled by the service,
// first and last. The lists are explicit rather than self-registered so the order stays visible.

/** The export's sections, in the order the file shows them. */
export const sections: readonly PersonalData[] = [
  profileData,
  followData,
  organiserData,
  venueManagerData,
  treasurerData,
  newsEditorData,
  registrationData,
  invitationData,
  chapterInterestData,
  callSubmissionData,
  jurorData,
  speakerData,
  expenseData,
  newsImportData,
  articleCommentData,
  contactData,
];

/**
 * Erasure, in this order: expenses first, because while the network still owes the person money
 * the erasure is refused (nothing else done); invitations remember what came of them while the registrations still
 * name the person; registrations are anonymised and hand their ids on; mails and webhook payloads
 * about those registrations (or to the address) go next; then sign-ups under the address.
 * Then call submissions (and their stored files), speaker profiles under the address, and the
 * name on imported comments; jury seats with submitted reviews become a nameless "former juror" (a judged
 * call keeps its results), the others go. Profile, follows and roles go with the account (ON DELETE CASCADE);
 * the profile's picture, an upload that would outlive it, is removed by profileData (its bytes by the
 * blob trash's timer).
 */
export const erasers: readonly PersonalData[] = [
  expenseData,
  invitationData,
  registrationData,
  mailData,
  webhookData,
  chapterInterestData,
  callSubmissionData,
  speakerData,
  articleCommentData,
  jurorData,
  reportDeciderData,
  profileData,
];

/**
 * Every column that names a person (a reference to an account, or an e-mail address), and what
 * becomes of it: the key of the PersonalData that exports and erases it, or in words why nothing
 * more is needed. `registry.test.ts` fails on a person column missing here.
 */
export const personColumns: Record<string, string> = {
  'users.id': 'the account itself: exported and deleted by the GDPR service',
  'users.email': 'the account itself: exported and deleted by the GDPR service',
  'member_profiles.user_id': 'profile',
  'chapter_followers.user_id': 'followedChapters',
  'registrations.user_id': 'registrations',
  'registrations.email': 'registrations',
  'first_attendances.email': 'derived from registrations by triggers: anonymising them removes the address',
  'invitations.user_id': 'invitations',
  'chapter_interest.email': 'chapterInterest',
  'outbound_messages.to_email': 'mail',
  'submissions.user_id': 'callSubmissions',
  'submissions.applicant_email': 'callSubmissions',
  'co_applicants.email': 'callSubmissions',
  'expenses.reimburse_user_id': 'expenses',
  'expenses.volunteer_user_id': 'expenses',
  'expenses.created_by': 'expenses',
  'expenses.submitted_by': 'expenses',
  'expenses.approved_by': 'expenses',
  'news_import_jobs.created_by': 'newsImports',
  'audit_log.actor_id': 'the audit log: its actor is scrubbed by the GDPR service (forgetAuditActor)',
  'audit_log.actor_email': 'the audit log: its actor is scrubbed by the GDPR service (forgetAuditActor)',
  'api_tokens.user_id': 'credentials, never exported: deleted with the account (cascade)',
  'sessions.user_id': 'credentials, never exported: deleted with the account (cascade)',
  'login_links.user_id': 'credentials, never exported: deleted with the account (cascade)',
  'calendar_tokens.user_id': 'credentials, never exported: deleted with the account (cascade)',
  'chapter_organizers.user_id': 'organiserOf',
  'venue_managers.user_id': 'venueManagerOf',
  'treasurers.user_id': 'treasurerOf',
  'news_editors.user_id': 'newsEditor',
  'call_jurors.user_id': 'jurySeats',
  'call_jurors.email': 'jurySeats',
  'appeals.answered_by': 'the organiser who answered: set to null with the account',
  'calls.created_by': 'authorship of a call: set to null with the account',
  'call_versions.changed_by': 'authorship of a call: set to null with the account',
  'invitation_campaigns.created_by': 'authorship of a campaign: set to null with the account',
  'articles.created_by': 'authorship of published news: set to null with the account',
  'article_revisions.edited_by': 'authorship of published news: set to null with the account',
  'news_authors.user_id': 'a public byline, kept as published; its link to the account is set to null',
  'uploads.created_by': 'who uploaded a file: set to null with the account',
  'speakers.email': 'speakerProfiles',
  'contact_messages.sender_id': 'contactMessages',
  'contact_messages.recipient_id':
    'a message received: exported to its sender only (the recipient received the mail), deleted with either account (cascade)',
  'contact_blocks.blocker_id': 'contactMessages',
  'contact_blocks.blocked_id':
    'a block, known to the member who blocked only: deleted with either account (cascade), exported to the blocker',
  'error_reports.decided_by': 'reportDecisions',
  'error_reports.email':
    "a reporter's address, cleared 30 days after the report closes (error-reports): not tied to an account",
};
