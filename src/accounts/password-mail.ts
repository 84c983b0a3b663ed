// The two mails about a password: the single-use link to choose a new one, and the notice that it changed.
import type { Db, Tx } from '../db/connection.js';
import { queueWrittenMail } from '../mail/outbox.js';
import { composeMail } from '../mail/service.js';
import type { Network } from '../networks/service.js';
import { mailLocale } from '../profiles/service.js';
import { translator, type Locale } from '../web/i18n.js';
import { issueLink } from './login-links.js';
import type { UserRow } from './queries.js';
import { findUserByEmail } from './service.js';

/**
 * E-mails a single-use link (one hour) to choose a new password. Says nothing about whether the
 * account exists: the caller answers the same either way.
 */
export async function requestPasswordReset(
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
    const token = await issueLink(tx, network, user.id, 'reset');
    const mail = composeMail(
      lang,
      t('mail.reset.subject', { network: network.name }),
      [t('mail.hello', { name: user.name }), t('mail.reset.body')],
      `${baseUrl}/login/reset/${token}`,
      t('mail.footer', { network: network.name, url: baseUrl }),
    );
    await queueWrittenMail(tx, { networkId: network.id, kind: 'password.reset', ...to(user, lang), ...mail });
  });
  return true;
}

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
