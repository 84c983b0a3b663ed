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
  PAGE_CACHE: z.preprocess(
    emptyToUndefined,
    z.enum(['0', '1', 'true', 'false'], { message: 'must be 1 or 0' }).default('1'),
  ),
  PAGE_CACHE_MB: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(4096).default(32)),
  EXPENSE_SELF_APPROVAL_LIMIT_CENTS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(10_000)),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  TRUST_PROXY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(
        /^(\d{1,2}|[0-9a-fA-F:.]+(\/\d{1,3})?(\s*,\s*[0-9a-fA-F:.]+(\/\d{1,3})?)*)$/,
        'must be a number of proxy hops (e.g. 1) or proxy addresses/CIDRs separated by commas (e.g. 10.0.0.0/8,127.0.0.1)',
      )
      .optional(),
  ),
  RATE_LIMIT_STORE: z.preprocess(emptyToUndefined, z.enum(['memory', 'postgres']).optional()),
  SIGN_IN_ATTEMPTS_PER_ACCOUNT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(20)),
  METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  METRICS_ADDRESS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[^:]+:\d{1,5}$/, 'must be HOST:PORT, e.g. 127.0.0.1:9464')
      .optional(),
  ),
  SHUTDOWN_TIMEOUT_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(1).max(600).default(25)),
  BACKUP_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  BACKUP_KEEP: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).default(7)),
  S3_ENDPOINT: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  S3_BUCKET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
        'must be a bucket name: 3 to 63 lower-case letters, digits, dots or hyphens',
      )
      .optional(),
  ),
  S3_ACCESS_KEY_ID: z.preprocess(emptyToUndefined, z.string().optional()),
  S3_SECRET_ACCESS_KEY: z.preprocess(emptyToUndefined, z.string().optional()),
  S3_REGION: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[a-z0-9-]+$/, 'must be a region name, e.g. eu-west-1')
      .default('us-east-1'),
  ),
  ESSAIM_DEBUG: z.preprocess(emptyToUndefined, z.string().optional()),
  GEOCODER_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  MAP_TILES_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(
        /^https:\/\/[^/\s{}]+\/\S*\{z\}\S*\{x\}\S*\{y\}\S*$/,
        'must be an https address with {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      )
      .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  ),
});

/** Fastify's trustProxy: a hop count, or the proxies' addresses; never "every hop". */
export type TrustProxy = false | number | string[];

function parseTrustProxy(value: string | undefined): TrustProxy {
  if (!value) return false;
  if (/^\d+$/.test(value)) return Number(value) || false;
  return value.split(',').map((s) => s.trim());
}

/** An S3-compatible bucket for uploads (several machines share it). */
export interface S3Settings {
  /** `https://s3.eu-west-1.amazonaws.com`, `http://minio:9000`…; the bucket is addressed path-style. */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

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
  /** Anonymous public pages, feeds and API answers kept in memory (web/page-cache.ts); off only to measure or debug. */
  pageCache: boolean;
  /** The most the page cache holds (bodies, keys and headers), in bytes. */
  pageCacheMaxBytes: number;
  /** Above this amount (cents, either sign) an expense needs an approver other than its submitter. */
  expenseSelfApprovalLimitCents: number;
  /** Cookies get the Secure flag when the public URL is https. */
  secureCookies: boolean;
  /** True when BASE_URL was set: links then never follow the address actually listened on. */
  baseUrlFixed: boolean;
  /** Which X-Forwarded-For hops are believed (client address for rate limits and logs). */
  trustProxy: TrustProxy;
  /** Rate-limit counters in this process's memory, or shared in PostgreSQL (several processes). */
  rateLimitStore: 'memory' | 'postgres' | undefined;
  /** Failed sign-ins per account per 15 minutes, whatever the address they come from. */
  signInAttemptsPerAccount: number;
  metricsToken: string | undefined;
  /** `/metrics` on a separate HOST:PORT instead of the public port. */
  metricsAddress: { host: string; port: number } | undefined;
  /** How long SIGTERM waits for requests in flight before closing their connections. */
  shutdownTimeoutMs: number;
  /** Daily backups go here when set; the newest `backupKeep` are kept. */
  backupDir: string | undefined;
  backupKeep: number;
  /** Uploads in an S3-compatible bucket instead of the data directory's `uploads/`. */
  s3: S3Settings | undefined;
  debug: boolean;
  /** A Nominatim-compatible search API (`…/search?format=jsonv2&q=`) that places new venues on the map; none when unset. */
  geocoderUrl: string | undefined;
  /** The map tiles' address template; its host is the only one the pages' CSP lets images come from. */
  mapTilesUrl: string;
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
  const s3Vars = [e.S3_ENDPOINT, e.S3_BUCKET, e.S3_ACCESS_KEY_ID, e.S3_SECRET_ACCESS_KEY];
  if (s3Vars.some(Boolean) && !s3Vars.every(Boolean)) {
    throw new ConfigError(
      'invalid configuration — S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set all four (and S3_REGION if not us-east-1) or none',
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
    pageCache: e.PAGE_CACHE === '1' || e.PAGE_CACHE === 'true',
    pageCacheMaxBytes: e.PAGE_CACHE_MB * 1024 * 1024,
    expenseSelfApprovalLimitCents: e.EXPENSE_SELF_APPROVAL_LIMIT_CENTS,
    secureCookies: baseUrl.startsWith('https:'),
    baseUrlFixed: Boolean(overrides.baseUrl ?? e.BASE_URL),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    rateLimitStore: e.RATE_LIMIT_STORE,
    signInAttemptsPerAccount: e.SIGN_IN_ATTEMPTS_PER_ACCOUNT,
    metricsToken: e.METRICS_TOKEN,
    metricsAddress: e.METRICS_ADDRESS
      ? {
          host: e.METRICS_ADDRESS.slice(0, e.METRICS_ADDRESS.lastIndexOf(':')),
          port: Number(e.METRICS_ADDRESS.slice(e.METRICS_ADDRESS.lastIndexOf(':') + 1)),
        }
      : undefined,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    backupDir: e.BACKUP_DIR ? path.resolve(e.BACKUP_DIR) : undefined,
    backupKeep: e.BACKUP_KEEP,
    s3:
      e.S3_ENDPOINT && e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? {
            endpoint: e.S3_ENDPOINT,
            bucket: e.S3_BUCKET,
            accessKeyId: e.S3_ACCESS_KEY_ID,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY,
            region: e.S3_REGION,
          }
        : undefined,
    debug: Boolean(e.ESSAIM_DEBUG),
    geocoderUrl: e.GEOCODER_URL,
    mapTilesUrl: e.MAP_TILES_URL,
    ...overrides,
  };
}

/** For the last words of a failed command, when the configuration itself may be what failed. */
export function debugRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.ESSAIM_DEBUG);
}
