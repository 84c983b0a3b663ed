// The two mails about a password: the single-use link to choose a new one, and the notice that it changed.
import type { Db, Tx } from '../db/connection.js';
import { queueWrittenMail } from '../mail/outbox.js';
import { composeMail } from '../mail/service.js';
import type { Network } from '../networks/service.js';
import { mailLocale } from '../profiles/service.js';
import { translator, type Locale } from '../web/i18n.js';
import { mailAccountLink } from './login-mail.js';
import type { UserRow } from './queries.js';

/** The link to choose a new password, by e-mail (one hour): see `mailAccountLink`. */
export const requestPasswordReset = (db: Db, network: Network, email: string, baseUrl: string, locale: Locale) =>
  mailAccountLink(db, network, 'reset', email, baseUrl, locale);

/**
 * The notice that the password changed, in the caller's transaction (no notice for a change that
 * was rolled back). Its link leads to the forgotten-password page: the way back in for a person
 * whose password someone else changed.
 */
export async function queuePasswordNotice(
  tx: Tx,
  network: Network,
  user: UserRow,
  baseUrl: string,
  locale: Locale,
): Promise<void> {
  const lang = await mailLocale(tx, network, user.id, locale);
  const t = translator(lang);
  const mail = composeMail(
    lang,
    t('mail.passwordChanged.subject', { network: network.name }),
    [t('mail.hello', { name: user.name }), t('mail.passwordChanged.body')],
    `${baseUrl}/login/forgot`,
    t('mail.footer', { network: network.name, url: baseUrl }),
  );
  await queueWrittenMail(tx, { networkId: network.id, kind: 'password.changed', ...to(user, lang), ...mail });
}

const to = (user: UserRow, locale: Locale) => ({ toEmail: user.email, toName: user.name, locale });
