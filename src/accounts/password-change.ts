// A new password, three ways: the person changes theirs (knowing the current one), follows a
// reset link, or someone at the server's console sets it. Each ends the account's other ways in,
// is recorded in the audit log and tells the person by mail.
import { createHash } from 'node:crypto';
import { auditAct, type AuditActor } from '../audit/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError } from '../web/errors.js';
import { localeOr, msg, type Locale } from '../web/i18n.js';
import { consumeLoginLink } from './login-links.js';
import { queuePasswordNotice } from './password-mail.js';
import { hashPassword, verifyPassword } from './passwords.js';
import * as q from './queries.js';
import type { PasswordChange } from './schemas.js';

type User = q.UserRow;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The way in the request came by (its session cookie or bearer token): the one that stays open. */
export type Keep = { cookie?: string | undefined; token?: string | undefined };
export type Ended = { sessionsEnded: number; tokensRevoked: number };
type Mailing = { baseUrl: string; locale: Locale };

/**
 * Changes the signed-in person's password. An account with a password must give it: a wrong one
 * is refused as a wrong sign-in is (401, naming the field), and changes nothing. An account that signs
 * in by e-mailed links only may set its first password.
 */
export async function changePassword(
  db: Db,
  network: Network,
  user: User,
  input: PasswordChange,
  keep: Keep,
  mailing: Mailing,
): Promise<Ended> {
  if (user.passwordHash) {
    const ok = input.currentPassword ? await verifyPassword(user.passwordHash, input.currentPassword) : false;
    if (!ok)
      // Answered as a wrong sign-in is (401), and counted with them (ops/rate-limit.ts).
      throw new AppError('unauthenticated', msg('account.password.wrongCurrentProblem'), [
        {
          field: 'currentPassword',
          message: input.currentPassword ? msg('account.password.wrongCurrent') : msg('validation.required'),
        },
      ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction((tx) =>
    setPassword(tx, network, user, passwordHash, keep, { actor: user, by: 'self', ...mailing }),
  );
}

/**
 * Sets the password of the account a reset link names, using the link up (one statement: two
 * submissions at once cannot both use it). Undefined when the link expired or was used; nothing
 * changes then.
 */
export async function resetPassword(
  db: Db,
  network: Network,
  token: string,
  newPassword: string,
  mailing: Mailing,
): Promise<User | undefined> {
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    const user = await consumeLoginLink(tx, network, token, 'reset');
    if (!user) return undefined;
    await setPassword(tx, network, user, passwordHash, {}, { actor: user, by: 'reset link', ...mailing });
    return user;
  });
}

/** The command line's `essaim user set-password`: no current password, recorded with no actor. */
export async function setPasswordFromConsole(
  db: Db,
  network: Network,
  user: User,
  newPassword: string,
  baseUrl: string,
): Promise<Ended> {
  const passwordHash = await hashPassword(newPassword);
  const locale = localeOr(user.locale);
  return db.transaction((tx) =>
    setPassword(tx, network, user, passwordHash, {}, { actor: null, by: 'command line', baseUrl, locale }),
  );
}

async function setPassword(
  tx: Tx,
  network: Network,
  user: User,
  passwordHash: string,
  keep: Keep,
  how: Mailing & { actor: AuditActor; by: string },
): Promise<Ended> {
  await q.updatePasswordHash(tx, user.id, passwordHash);
  // Whoever knew the old password (or held a session opened with it) is out from now on.
  const sessionsEnded = await q.deleteSessionsExcept(tx, user.id, keep.cookie ? sha256(keep.cookie) : undefined);
  const tokensRevoked = await q.revokeTokensExcept(tx, user.id, keep.token ? sha256(keep.token) : undefined);
  // A reset link asked before the change would undo it: used up with it.
  await q.useAllLinks(tx, user.id, 'reset');
  await auditAct(tx, network.id, how.actor, 'account.password_change', user.email, {
    by: how.by,
    sessionsEnded,
    tokensRevoked,
  });
  await queuePasswordNotice(tx, network, user, how.baseUrl, how.locale);
  return { sessionsEnded, tokensRevoked };
}
