import { z } from 'zod';
import { EmailSchema } from '../accounts/schemas.js';
import { requiredText } from '../web/schemas.js';

export const RegistrationCreateSchema = z.strictObject({
  name: requiredText(120, "Name of the person attending (defaults to the signed-in member's)").optional(),
  email: EmailSchema.optional().describe("E-mail (defaults to the signed-in member's); required for guests"),
  answers: z
    .record(z.string(), z.string().max(2000))
    .default({})
    .describe("Answers to the event's questions, by question id"),
  shareWithVenue: z
    .boolean({ message: 'must be true or false' })
    .default(false)
    .describe(
      'The person agrees to share their name and e-mail with the host venue (off unless they say so; recorded with its time). Ignored when the event has no venue, and when an organiser adds the person',
    ),
});
export type RegistrationCreate = z.infer<typeof RegistrationCreateSchema>;
/** `shareWithVenue`: the person's own consent to share their name and e-mail with the event's venue. */
export type RegistrationInput = {
  name: string;
  email: string;
  answers: Record<string, string>;
  shareWithVenue?: boolean;
};

export const RegistrationStatusSchema = z.enum(['confirmed', 'waitlisted', 'cancelled']);

export const RegistrationSchema = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  name: z.string(),
  email: z.string(),
  status: RegistrationStatusSchema,
  waitlistPosition: z.number().int().optional().describe('1 = next to get a seat'),
  answers: z.record(z.string(), z.string()),
  checkedInAt: z.string().nullable(),
  attendance: z.enum(['attended', 'no-show']).nullable().describe('Known once the event has ended'),
  cancelledAt: z.string().nullable(),
  sharedWithVenueAt: z
    .string()
    .nullable()
    .describe('When the person agreed to share their name and e-mail with the host venue; null: not shared'),
  createdAt: z.string(),
});
export type RegistrationView = z.infer<typeof RegistrationSchema>;

/**
 * The answer to a registration the address already holds: its status and place only. Anybody can
 * type anybody's address, so the name, answers and check-in stay with the person (who got them by
 * e-mail) and the organisers.
 */
export const RepeatRegistrationSchema = RegistrationSchema.pick({
  id: true,
  eventId: true,
  status: true,
  waitlistPosition: true,
  createdAt: true,
});

/** What the attendee (holder of the secret link) sees: their own registration and its links. */
export const OwnRegistrationSchema = RegistrationSchema.extend({
  manageUrl: z.string().describe('Secret link to see, cancel and print the ticket'),
  checkInCode: z.string().optional().describe("Carried by the ticket's QR code (confirmed registrations)"),
});

export const RegistrationListQuerySchema = z.object({
  status: RegistrationStatusSchema.optional(),
  format: z
    .enum(['json', 'csv', 'spreadsheet'], { message: 'must be json, csv or spreadsheet' })
    .default('json')
    .describe(
      'csv: RFC 4180 for programs (comma, UTF-8, ISO times in UTC, English keys); spreadsheet: the CSV that opens right when double-clicked (UTF-8 with BOM, ";" in French and Dutch, headers in the language of the request, times on the event\'s clock)',
    ),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});

export const CheckInSchema = z.strictObject({
  code: z.string().trim().min(1, 'is required').max(64).describe("The code from the ticket's QR code"),
});

export const LinkSentSchema = z
  .object({ message: z.string().describe('In the language of the request') })
  .describe('The address is already registered; its owner was sent the ticket link');
