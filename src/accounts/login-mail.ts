// Mails that carry a single-use link to the account (sign in, choose a new password), in the member's language.
import type { Db, Tx } from '../db/connection.js';
import { queueWrittenMail } from '../mail/outbox.js';
import { composeMail } from '../mail/service.js';
import type { Network } from '../networks/service.js';
import { mailLocale } from '../profiles/service.js';
import { translator, type Locale } from '../web/i18n.js';
import { issueLink } from './login-links.js';
import * as q from './queries.js';
import type { UserRow } from './queries.js';

/** What differs between the link mails: the link's purpose, its words, its page and the outbox kind. */
const LINK_MAILS = {
  login: { purpose: 'login', words: 'mail.login', path: '/login/link/', kind: 'login.link' },
  reset: { purpose: 'reset', words: 'mail.reset', path: '/login/reset/', kind: 'password.reset' },
  // The same link, sent by an admin: its words do not say the member asked for it.
  adminReset: { purpose: 'reset', words: 'mail.passwordLink', path: '/login/reset/', kind: 'password.reset' },
} as const;
export type AccountLinkMail = keyof typeof LINK_MAILS;

/**
 * E-mails a single-use link (sign-in: 15 minutes; new password: one hour), in the member's
 * language. Says nothing about whether the account exists: the caller answers the same either way.
 */
export async function mailAccountLink(
  db: Db,
  network: Network,
  which: AccountLinkMail,
  email: string,
  baseUrl: string,
  locale: Locale,
): Promise<boolean> {
  const user = await q.selectUserByEmail(db, network.id, email.trim().toLowerCase());
  if (!user) return false;
  await db.transaction((tx) => queueAccountLink(tx, network, user, which, baseUrl, locale));
  return true;
}

/** The link and the mail that carries it, in the caller's transaction. */
export async function queueAccountLink(
  tx: Tx,
  network: Network,
  user: UserRow,
  which: AccountLinkMail,
  baseUrl: string,
  locale: Locale,
): Promise<void> {
  const { purpose, words, path, kind } = LINK_MAILS[which];
  const lang = await mailLocale(tx, network, user.id, locale);
  const t = translator(lang);
  const token = await issueLink(tx, network, user.id, purpose);
  const mail = composeMail(
    lang,
    t(`${words}.subject`, { network: network.name }),
    [t('mail.hello', { name: user.name }), t(`${words}.body`)],
    `${baseUrl}${path}${token}`,
    t('mail.footer', { network: network.name, url: baseUrl }),
  );
  await queueWrittenMail(tx, {
    networkId: network.id,
    kind,
    toEmail: user.email,
    toName: user.name,
    locale: lang,
    ...mail,
  });
}

/** The sign-in link by e-mail. */
export const requestLoginLink = (db: Db, network: Network, email: string, baseUrl: string, locale: Locale) =>
  mailAccountLink(db, network, 'login', email, baseUrl, locale);
