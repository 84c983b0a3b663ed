// The sign-in link by e-mail: the mail that carries a single-use link, in the member's language.
import type { Db } from '../db/connection.js';
import { queueWrittenMail } from '../mail/outbox.js';
import { composeMail } from '../mail/service.js';
import type { Network } from '../networks/service.js';
import { mailLocale } from '../profiles/service.js';
import { translator, type Locale } from '../web/i18n.js';
import { findUserByEmail, issueLink } from './service.js';

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
