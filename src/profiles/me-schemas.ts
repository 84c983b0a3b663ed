import { z } from 'zod';
import { MemberKindSchema, PictureSchema } from './schemas.js';

/** My profile and attendance: outputs of the member's own routes. */
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
  attendanceVisible: z.boolean(),
  contactable: z.boolean().describe('Members who can see my profile may write to me through the contact form'),
  picture: PictureSchema,
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
