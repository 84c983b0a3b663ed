import path from 'node:path';
import { z } from 'zod';

/**
 * Environment → one typed, validated object. Nothing else in the code reads process.env,
 * so every setting is documented here and in the README.
 */
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const ConfigSchema = z.object({
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
  BASE_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      .optional(),
  ),
  ESSAIM_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  ESSAIM_NETWORK_NAME: z.preprocess(emptyToUndefined, z.string().min(1).max(120).default('Essaim')),
  ESSAIM_ADMIN_EMAIL: z.preprocess(emptyToUndefined, z.email().optional()),
  ESSAIM_ADMIN_PASSWORD: z.preprocess(
    emptyToUndefined,
    z.string().min(10, 'must be at least 10 characters').optional(),
  ),
  SMTP_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(emptyToUndefined, z.string().max(200).optional()),
  RATE_LIMIT_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(300)),
  ALLOW_PRIVATE_WEBHOOKS: z.preprocess(
    emptyToUndefined,
    z.enum(['0', '1', 'true', 'false'], { message: 'must be 1 or 0' }).default('0'),
  ),
  EXPENSE_SELF_APPROVAL_LIMIT_CENTS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(10_000)),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export interface Config {
  port: number;
  host: string;
  baseUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  networkName: string;
  admin: { email: string; password: string } | undefined;
  /** Outgoing mail; without it messages are held in the outbox for admins to see. */
  smtpUrl: string | undefined;
  mailFrom: string;
  rateLimitPerMinute: number;
  /** Webhooks may go to private, loopback and link-local addresses, and over plain http (tests, intranets). */
  allowPrivateWebhooks: boolean;
  logLevel: string;
  /** Above this amount (cents, either sign) an expense needs an approver other than its submitter. */
  expenseSelfApprovalLimitCents: number;
  /** Cookies get the Secure flag when the public URL is https. */
  secureCookies: boolean;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration — ${lines.join('; ')}`);
  }
  const e = parsed.data;
  if (Boolean(e.ESSAIM_ADMIN_EMAIL) !== Boolean(e.ESSAIM_ADMIN_PASSWORD)) {
    throw new ConfigError(
      'invalid configuration — ESSAIM_ADMIN_EMAIL and ESSAIM_ADMIN_PASSWORD go together: set both or neither',
    );
  }
  const port = overrides.port ?? e.PORT;
  const host = overrides.host ?? e.HOST;
  const baseUrl = (
    overrides.baseUrl ??
    e.BASE_URL ??
    `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`
  ).replace(/\/$/, '');
  return {
    port,
    host,
    baseUrl,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.ESSAIM_DATA_DIR),
    networkName: e.ESSAIM_NETWORK_NAME,
    admin:
      e.ESSAIM_ADMIN_EMAIL && e.ESSAIM_ADMIN_PASSWORD
        ? { email: e.ESSAIM_ADMIN_EMAIL.toLowerCase(), password: e.ESSAIM_ADMIN_PASSWORD }
        : undefined,
    smtpUrl: e.SMTP_URL,
    mailFrom:
      e.MAIL_FROM ??
      `${e.ESSAIM_NETWORK_NAME} <noreply@${new URL(baseUrl).hostname === '127.0.0.1' ? 'localhost' : new URL(baseUrl).hostname}>`,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    allowPrivateWebhooks: e.ALLOW_PRIVATE_WEBHOOKS === '1' || e.ALLOW_PRIVATE_WEBHOOKS === 'true',
    logLevel: e.LOG_LEVEL,
    expenseSelfApprovalLimitCents: e.EXPENSE_SELF_APPROVAL_LIMIT_CENTS,
    secureCookies: baseUrl.startsWith('https:'),
    ...overrides,
  };
}
