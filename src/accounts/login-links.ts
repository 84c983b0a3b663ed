import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../db/connection.js';
import { queueWrittenMail } from '../mail/outbox.js';
import { composeMail } from '../mail/render.js';
import type { Network } from '../networks/service.js';
import { translator, type Locale } from '../web/i18n.js';
import { findUserByEmail, type User } from './service.js';
import { loginLinks, users } from './tables.js';

const VALID_MS = 15 * 60_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * E-mails a single-use sign-in link valid 15 minutes. Says nothing about whether the account
 * exists: the caller answers the same either way.
 */
export async function requestLoginLink(db: Db, network: Network, email: string, baseUrl: string, locale: Locale): Promise<boolean> {
  const user = await findUserByEmail(db, network.id, email);
  if (!user) return false;
  const token = randomBytes(32).toString('base64url');
  const t = translator(locale);
  const mail = composeMail(locale, t('mail.login.subject', { network: network.name }), [t('mail.hello', { name: user.name }), t('mail.login.body')], `${baseUrl}/login/link/${token}`, t('mail.footer', { network: network.name, url: baseUrl }));
  await db.transaction(async (tx) => {
    await tx.insert(loginLinks).values({ networkId: network.id, userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + VALID_MS) });
    await queueWrittenMail(tx, { networkId: network.id, kind: 'login.link', toEmail: user.email, toName: user.name, locale, ...mail });
  });
  return true;
}

/** The account a still-valid link would sign in, without using the link (mail scanners follow links). */
export async function peekLoginLink(db: Tx, network: Network, token: string): Promise<User | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(loginLinks)
    .innerJoin(users, eq(users.id, loginLinks.userId))
    .where(and(eq(loginLinks.tokenHash, sha256(token)), eq(loginLinks.networkId, network.id), isNull(loginLinks.usedAt), gt(loginLinks.expiresAt, new Date())));
  return row?.user;
}

/** Uses the link: one statement, so two clicks at once cannot both sign in. */
export async function consumeLoginLink(db: Tx, network: Network, token: string): Promise<User | undefined> {
  const [link] = await db
    .update(loginLinks)
    .set({ usedAt: new Date() })
    .where(and(eq(loginLinks.tokenHash, sha256(token)), eq(loginLinks.networkId, network.id), isNull(loginLinks.usedAt), gt(loginLinks.expiresAt, new Date())))
    .returning({ userId: loginLinks.userId });
  if (!link) return undefined;
  const [user] = await db.select().from(users).where(eq(users.id, link.userId));
  return user;
}
