import { consumeLoginLink, hashPassword, issueLink, peekLoginLink } from '../accounts/service.js';
import { mailLocale } from '../profiles/service.js';
import { createUser, findUserByEmail, type User } from '../accounts/service.js';
import type { Db, Tx } from '../db/connection.js';
import { queueWrittenMail } from '../mail/outbox.js';
import { composeMail } from '../mail/service.js';
import type { Network } from '../networks/service.js';
import { AppError } from '../web/errors.js';
import { translator, type Locale } from '../web/i18n.js';
import * as q from './queries.js';
import type { Signup } from './schemas.js';
import { saveProfile } from '../profiles/service.js';
import { recordAudit } from '../audit/service.js';

/** Mails the 48-hour confirmation link, in the caller's transaction. */
async function queueVerification(tx: Tx, network: Network, user: User, locale: Locale, baseUrl: string): Promise<void> {
  const t = translator(locale);
  const token = await issueLink(tx, network, user.id, 'verify');
  const mail = composeMail(
    locale,
    t('members.mail.verify.subject', { network: network.name }),
    [t('mail.hello', { name: user.name }), t('members.mail.verify.body', { network: network.name })],
    `${baseUrl}/verify/${token}`,
    t('mail.footer', { network: network.name, url: baseUrl }),
  );
  await queueWrittenMail(tx, {
    networkId: network.id,
    kind: 'member.verify',
    toEmail: user.email,
    toName: user.name,
    locale,
    ...mail,
  });
}

/** Someone signed up with an address that already has an account: its owner is told, with a way in. */
async function queueAccountExists(
  tx: Tx,
  network: Network,
  user: User,
  locale: Locale,
  baseUrl: string,
): Promise<void> {
  const t = translator(locale);
  const token = await issueLink(tx, network, user.id, 'login');
  const mail = composeMail(
    locale,
    t('members.mail.exists.subject', { network: network.name }),
    [
      t('mail.hello', { name: user.name }),
      t('members.mail.exists.body', { network: network.name, url: `${baseUrl}/login` }),
    ],
    `${baseUrl}/login/link/${token}`,
    t('mail.footer', { network: network.name, url: baseUrl }),
  );
  await queueWrittenMail(tx, {
    networkId: network.id,
    kind: 'member.exists',
    toEmail: user.email,
    toName: user.name,
    locale,
    ...mail,
  });
}

/**
 * Creates an unconfirmed member account, without a password, with its profile, and mails a
 * confirmation link; the password is chosen on the page that link opens. For an address that
 * already has an account nothing is created and its owner gets a mail instead; the caller answers
 * the same either way.
 */
export async function signUp(db: Db, network: Network, input: Signup, locale: Locale, baseUrl: string): Promise<void> {
  const lang = input.locale ?? locale;
  try {
    await createOrTell(db, network, input, lang, baseUrl);
  } catch (err) {
    // Two sign-ups with one address at the same instant: the other one made the account; answer the same.
    if (err instanceof AppError && err.code === 'conflict') return;
    throw err;
  }
}

async function createOrTell(db: Db, network: Network, input: Signup, lang: Locale, baseUrl: string): Promise<void> {
  await db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, network.id, input.email);
    if (existing) {
      const theirs = await mailLocale(tx, network, existing.id, lang);
      if (!existing.emailVerifiedAt) await queueVerification(tx, network, existing, theirs, baseUrl);
      else await queueAccountExists(tx, network, existing, theirs, baseUrl);
      return;
    }
    const user = await createUser(
      tx,
      network.id,
      { email: input.email, name: input.name, role: 'member', locale: lang },
      { verified: false },
    );
    await saveProfile(tx, user, { locale: lang });
    await queueVerification(tx, network, user, lang, baseUrl);
  });
}

/** A new confirmation link for an account still waiting for one; nothing for any other address. */
export async function resendVerification(
  db: Db,
  network: Network,
  email: string,
  locale: Locale,
  baseUrl: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, network.id, email);
    if (!user || user.emailVerifiedAt) return;
    await queueVerification(tx, network, user, await mailLocale(tx, network, user.id, locale), baseUrl);
  });
}

/** The account a confirmation link is for, without using it (mail scanners open links). */
export const peekVerification = (db: Tx, network: Network, token: string) =>
  peekLoginLink(db, network, token, 'verify');

/**
 * Uses the link: the address is confirmed, the password chosen on its page is set, and the account
 * returned, to be signed in. Only the mailbox's owner can reach that page, so only they set it.
 */
export async function confirmEmail(
  db: Db,
  network: Network,
  token: string,
  password: string,
): Promise<User | undefined> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const user = await consumeLoginLink(tx, network, token, 'verify');
    if (!user) return undefined;
    const updated = await q.setPassword(tx, user.id, passwordHash);
    // The other confirmation links of the account (a second sign-up, a resend) would otherwise
    // still set a password for two days.
    await q.deleteUnusedVerifyLinks(tx, user.id);
    return updated;
  });
}

type Admin = { id: string; email: string };

/**
 * An admin sends a new confirmation link to an account still waiting for one (the mail can be
 * read in the outbox when the server has no SMTP). False when the address is already confirmed.
 */
export async function resendVerificationFor(
  db: Db,
  network: Network,
  userId: string,
  admin: Admin,
  locale: Locale,
  baseUrl: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const user = await q.selectUser(tx, network.id, userId);
    if (!user || user.emailVerifiedAt) return false;
    await queueVerification(tx, network, user, await mailLocale(tx, network, user.id, locale), baseUrl);
    await recordAudit(tx, { networkId: network.id, actor: admin, action: 'member.verify_resent', subject: user.email });
    return true;
  });
}

/**
 * An admin confirms the address by hand (they know the person). The account has no password yet:
 * its owner signs in with a sign-in link, and its pending confirmation links stop working.
 */
export async function markEmailVerified(db: Db, network: Network, userId: string, admin: Admin): Promise<boolean> {
  return db.transaction(async (tx) => {
    const user = await q.setVerified(tx, network.id, userId);
    if (!user) return false;
    await q.deleteUnusedVerifyLinks(tx, user.id);
    await recordAudit(tx, { networkId: network.id, actor: admin, action: 'member.verify', subject: user.email });
    return true;
  });
}
