import { z } from 'zod';
import { ONE_LINE_MESSAGE, oneLine } from '../web/schemas.js';
import { isGuessable, PASSWORD_MIN } from './password-rule.js';

export const EmailSchema = z
  .email({ message: 'must be an e-mail address such as ada@example.org' })
  .max(254)
  .transform((e) => e.trim().toLowerCase())
  .describe('E-mail address (compared case-insensitively)');

/** Every password a person chooses goes through this one schema (see password-rule.ts). */
export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(200)
  .refine((p) => p.length < PASSWORD_MIN || !isGuessable(p), { message: 'account.password.guessable' })
  .describe(
    `Password, at least ${PASSWORD_MIN} characters, not one guessed first (one character repeated, a keyboard row, a common password)`,
  );

export const RoleSchema = z
  .enum(['admin', 'member'])
  .describe(
    '`admin` runs the whole network; `member` is everyone else (organiser and venue-manager rights are given per chapter and venue)',
  );

export const UserCreateSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().min(1, 'is required').max(120).refine(oneLine, ONE_LINE_MESSAGE).describe('Display name'),
  role: RoleSchema.default('member'),
  password: PasswordSchema.optional(),
});
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const TokenCreateSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, 'is required').max(200),
  name: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(80)
    .refine(oneLine, ONE_LINE_MESSAGE)
    .describe('What the token is for, e.g. "CI script"'),
});

export const TokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('First characters of the token, to tell tokens apart'),
  createdAt: z.string().describe('ISO 8601 instant'),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const NewTokenSchema = TokenSchema.extend({
  token: z.string().describe('The bearer token. Shown once: store it now.'),
});

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, 'is required').max(200),
});

export const UserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
});

/** Changing my password: the current one when the account has one (an account that signs in by links may set a first). */
export const PasswordChangeSchema = z.object({
  currentPassword: z
    .string()
    .max(200)
    .optional()
    .describe(
      'The current password; required when the account has one, left out when it signs in by e-mailed links only',
    ),
  newPassword: PasswordSchema,
});
export type PasswordChange = z.infer<typeof PasswordChangeSchema>;

export const PasswordChangedSchema = z.object({
  sessionsEnded: z.number().int().describe('Other browser sessions of the account that were signed out'),
  tokensRevoked: z.number().int().describe('Other API tokens of the account that were revoked'),
});

export const AccountIdParamsSchema = z.object({ id: z.uuid({ message: 'must be a member id (UUID)' }) });

export const PasswordLinkSentSchema = z
  .object({ message: z.string().describe('In the language of the request') })
  .describe('The link is queued for sending; the answer never carries it');
