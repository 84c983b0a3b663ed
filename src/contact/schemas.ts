import { z } from 'zod';
import { paragraphs, text } from '../web/schemas.js';

/** A message to a member through the contact form: one schema for the API and the form. */
export const ContactMessageSchema = z.object({
  subject: text(150, 'Subject (optional): the mail says "<your name> wrote to you" with it').default(''),
  body: paragraphs(5000, 'The message, plain text').pipe(z.string().min(10)),
  shareAddress: z
    .boolean()
    .default(false)
    .describe('Give the recipient my address (as the Reply-To of the mail); otherwise they answer through the site'),
});
export type ContactMessage = z.infer<typeof ContactMessageSchema>;

export const ContactParamsSchema = z.object({ id: z.string().max(100).describe('Member id') });

export const ContactSentSchema = z.object({
  id: z.uuid().describe('The logged message (who, to whom, when: never its text)'),
  sentAt: z.string().describe('ISO 8601 instant'),
  sharedAddress: z.boolean(),
});
