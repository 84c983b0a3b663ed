import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/connection.js';
import { queueWrittenMail } from '../mail/outbox.js';
import { composeMail } from '../mail/service.js';
import type { Network } from '../networks/service.js';
import { findProfile } from '../profiles/service.js';
import { localeOr, translator, type Locale } from '../web/i18n.js';
import { findUserByEmail, type User } from './service.js';
import { loginLinks, users } from './tables.js';

/** `login` signs in; `verify` confirms the address given at sign-up (and signs in). */
export type LinkPurpose = 'login' | 'verify';
const VALID_MS: Record<LinkPurpose, number> = { login: 15 * 60_000, verify: 48 * 3_600_000 };
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A new single-use link, written in the caller's transaction (with the mail that carries it); only its SHA-256 is kept. */
export async function issueLink(tx: Tx, network: Network, userId: string, purpose: LinkPurpose): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await tx.insert(loginLinks).values({
    networkId: network.id,
    userId,
    tokenHash: sha256(token),
    purpose,
    expiresAt: new Date(Date.now() + VALID_MS[purpose]),
  });
  return token;
}

/** The member's chosen language for mails; the page's language for an account without a profile. */
export async function mailLocale(db: Tx, network: Network, userId: string, fallback: Locale): Promise<Locale> {
  const saved = (await findProfile(db, network.id, userId))?.locale;
  if (saved) return localeOr(saved, fallback);
  // No member profile (a juror, an account an admin made): the language the account last used.
  const [account] = await db
    .select({ locale: users.locale })
    .from(users)
    .where(and(eq(users.networkId, network.id), eq(users.id, userId)));
  return localeOr(account?.locale, fallback);
}

/**
 * E-mails a single-use sign-in link valid 15 minutes, in the member's language. Says nothing
 * about whether the account exists: the caller answers the same either way.
 */
export async function requestLoginLink(
  db: Db,
  network: Network,
  email: string,
  baseUrl: string,
  locale: Locale,
): Promise<boolean> {
  const user = await findUserByEmail(db, network.id, email);
  if (!user) return false;
  const lang = await mailLocale(db, network, user.id, locale);
  const t = translator(lang);
  await db.transaction(async (tx) => {
    const token = await issueLink(tx, network, user.id, 'login');
    const mail = composeMail(
      lang,
      t('mail.login.subject', { network: network.name }),
      [t('mail.hello', { name: user.name }), t('mail.login.body')],
      `${baseUrl}/login/link/${token}`,
      t('mail.footer', { network: network.name, url: baseUrl }),
    );
    await queueWrittenMail(tx, {
      networkId: network.id,
      kind: 'login.link',
      toEmail: user.email,
      toName: user.name,
      locale: lang,
      ...mail,
    });
  });
  return true;
}

const live = (network: Network, token: string, purpose: LinkPurpose) =>
  and(
    eq(loginLinks.tokenHash, sha256(token)),
    eq(loginLinks.networkId, network.id),
    eq(loginLinks.purpose, purpose),
    isNull(loginLinks.usedAt),
    gt(loginLinks.expiresAt, new Date()),
  );

/** The account a still-valid link would sign in, without using the link (mail scanners follow links). */
export async function peekLoginLink(
  db: Tx,
  network: Network,
  token: string,
  purpose: LinkPurpose = 'login',
): Promise<User | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(loginLinks)
    .innerJoin(users, eq(users.id, loginLinks.userId))
    .where(live(network, token, purpose));
  return row?.user;
}

/**
 * Uses the link: one statement, so two clicks at once cannot both sign in. Following a link
 * proves the person reads that mailbox, so an unconfirmed address becomes confirmed either way.
 */
export async function consumeLoginLink(
  db: Tx,
  network: Network,
  token: string,
  purpose: LinkPurpose = 'login',
): Promise<User | undefined> {
  const [link] = await db
    .update(loginLinks)
    .set({ usedAt: new Date() })
    .where(live(network, token, purpose))
    .returning({ userId: loginLinks.userId });
  if (!link) return undefined;
  const [user] = await db
    .update(users)
    .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
    .where(eq(users.id, link.userId))
    .returning();
  return user;
}
