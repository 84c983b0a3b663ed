import { z } from 'zod';
import { ONE_LINE_MESSAGE, oneLine } from '../web/schemas.js';
import { EmailSchema, PasswordSchema } from '../accounts/schemas.js';
import { locales } from '../web/i18n.js';

/** Sign-up and address confirmation: inputs and outputs. */
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
