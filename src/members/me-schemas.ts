import { z } from 'zod';
import { ONE_LINE_MESSAGE, oneLine } from '../web/schemas.js';
import { EmailSchema, PasswordSchema } from '../accounts/schemas.js';
import { locales } from '../web/i18n.js';
import { MemberKindSchema } from './schemas.js';

/** Sign-up, my profile, my data: inputs and outputs of the member's own routes. */
export const SignupSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(120).refine(oneLine, ONE_LINE_MESSAGE).describe('Display name'),
  email: EmailSchema,
  locale: z
    .enum(locales, { message: `must be one of ${locales.join(', ')}` })
    .optional()
    .describe("Language of the e-mails and pages; the request's language when absent"),
});
export type Signup = z.infer<typeof SignupSchema>;

/**
 * The password is chosen on the page the e-mailed link opens, not at sign-up: whoever signs up
 * with an address cannot set a password on an account that its owner later confirms.
 */
export const VerifySchema = z.object({ password: PasswordSchema });

export const ResendSchema = z.object({ email: EmailSchema });

export const AcceptedSchema = z
  .object({ status: z.literal('accepted'), detail: z.string() })
  .describe('The same answer whether or not the address has an account');

export const ProfileSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  emailVerified: z.boolean(),
  city: z.string(),
  residenceRegion: z.string().nullable(),
  originRegion: z.string().nullable(),
  originDetail: z.string(),
  kind: MemberKindSchema.nullable(),
  skills: z.array(z.string()),
  bio: z.string(),
  links: z.array(z.string()),
  locale: z.string(),
  directoryVisible: z.boolean(),
  invitationsOptOut: z.boolean(),
  followedChapters: z.array(z.string()).describe('Slugs of the chapters I follow'),
});

export const AttendanceItemSchema = z.object({
  registrationId: z.uuid(),
  eventId: z.uuid(),
  title: z.string(),
  startsAt: z.string().describe('ISO 8601 instant'),
  status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
  checkedInAt: z.string().nullable(),
  outcome: z
    .enum(['upcoming', 'attended', 'no-show', 'waitlisted', 'cancelled'])
    .describe('What came of it: attended (checked in), no-show (confirmed, event over, not checked in)…'),
});

export const AttendanceSummarySchema = z.object({
  registered: z.number().int().describe('Registrations not cancelled'),
  attended: z.number().int(),
  noShows: z.number().int(),
});

/** Deleting my account: I type my e-mail address, so a stolen token alone cannot do it by accident. */
export const DeleteMeSchema = z.object({
  confirm: z
    .string()
    .trim()
    .min(1, 'is required: type your e-mail address')
    .max(254)
    .describe('Your e-mail address, typed again to confirm'),
});

export const MemberIdParamsSchema = z.object({ id: z.uuid({ message: 'must be a member id (UUID)' }) });
