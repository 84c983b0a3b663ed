// The two mails about a password: the single-use link to choose a new one, and the notice that it changed.
import type { Db, Tx } from '../db/connection.js';
import { queueWrittenMail } from '../mail/outbox.js';
import { composeMail } from '../mail/service.js';
import type { Network } from '../networks/service.js';
import { mailLocale } from '../profiles/service.js';
import { msg, translator, type Locale } from '../web/i18n.js';
import { auditAct } from '../audit/service.js';
import { notFound } from '../web/errors.js';
import { isUuid } from '../web/schemas.js';
import { mailAccountLink, queueAccountLink } from './login-mail.js';
import * as q from './queries.js';
import type { UserRow } from './queries.js';

/** The link to choose a new password, by e-mail (one hour): see `mailAccountLink`. */
export const requestPasswordReset = (db: Db, network: Network, email: string, baseUrl: string, locale: Locale) =>
  mailAccountLink(db, network, 'reset', email, baseUrl, locale);

/**
 * An admin sends a member the link to choose a password: a forgotten one, or a first one for an
 * account made by hand or by an import. The same link and mail as "forgot your password?", in the
 * member's language, written in the audit log with the admin's name. The admin never sees the link.
 */
export async function sendPasswordLink(
  db: Db,
  network: Network,
  userId: string,
  admin: { id: string; email: string },
  baseUrl: string,
  locale: Locale,
): Promise<UserRow> {
  const user = await db.transaction(async (tx) => {
    const found = isUuid(userId) ? await q.selectUserById(tx, network.id, userId) : undefined;
    if (!found) return undefined;
    await queueAccountLink(tx, network, found, 'adminReset', baseUrl, locale);
    await auditAct(tx, network.id, admin, 'account.password_link', found.email);
    return found;
  });
  if (!user) throw notFound(msg('gdpr.problem.member', { id: userId }));
  return user;
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
