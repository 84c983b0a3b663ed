// Mails that carry a single-use link to the account (sign in, choose a new password), in the member's language.
import type { Db } from '../db/connection.js';
import { queueWrittenMail } from '../mail/outbox.js';
import { composeMail } from '../mail/service.js';
import type { Network } from '../networks/service.js';
import { mailLocale } from '../profiles/service.js';
import { translator, type Locale } from '../web/i18n.js';
import { findUserByEmail, issueLink } from './service.js';

/** What differs between the link mails: the link's purpose, its words, its page and the outbox kind. */
const LINK_MAILS = {
  login: { words: 'mail.login', path: '/login/link/', kind: 'login.link' },
  reset: { words: 'mail.reset', path: '/login/reset/', kind: 'password.reset' },
} as const;

/**
 * E-mails a single-use link (sign-in: 15 minutes; new password: one hour), in the member's
 * language. Says nothing about whether the account exists: the caller answers the same either way.
 */
export async function mailAccountLink(
  db: Db,
  network: Network,
  purpose: keyof typeof LINK_MAILS,
  email: string,
  baseUrl: string,
  locale: Locale,
): Promise<boolean> {
  const user = await findUserByEmail(db, network.id, email);
  if (!user) return false;
  const { words, path, kind } = LINK_MAILS[purpose];
  const lang = await mailLocale(db, network, user.id, locale);
  const t = translator(lang);
  await db.transaction(async (tx) => {
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
  });
  return true;
}

/** The sign-in link by e-mail. */
export const requestLoginLink = (db: Db, network: Network, email: string, baseUrl: string, locale: Locale) =>
  mailAccountLink(db, network, 'login', email, baseUrl, locale);
