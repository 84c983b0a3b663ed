import { chapterInterestData } from '../chapters/gdpr.js';
import type { PersonalData } from '../db/gdpr.js';
import { expenseData } from '../expenses/gdpr.js';
import { followData } from '../follows/service.js';
import { invitationData } from '../invitations/gdpr.js';
import { mailData } from '../mail/gdpr.js';
import { profileData } from '../profiles/service.js';
import { registrationData } from '../registrations/gdpr.js';
import { webhookData } from '../webhooks/gdpr.js';

// Every feature that keeps rows about a person exposes a `PersonalData` (db/gdpr.ts) from its
// gdpr.ts (or its service); a new feature that stores personal data adds itself to both lists.
// The account itself (accounts/gdpr.ts) and the audit log's actor are handled by the service,
// first and last. The lists are explicit rather than self-registered so the order stays visible.

/** The export's sections, in the order the file shows them. */
export const sections: readonly PersonalData[] = [
  profileData,
  followData,
  registrationData,
  invitationData,
  chapterInterestData,
  expenseData,
];

/**
 * Erasure, in this order: expenses first, because while the network still owes the person money
 * the erasure is refused (nothing else done); invitations remember what came of them while the registrations still
 * name the person; registrations are anonymised and hand their ids on; mails and webhook payloads
 * about those registrations (or to the address) go next; then sign-ups under the address.
 * Profile and follows go with the account (ON DELETE CASCADE).
 */
export const erasers: readonly PersonalData[] = [
  expenseData,
  invitationData,
  registrationData,
  mailData,
  webhookData,
  chapterInterestData,
];
