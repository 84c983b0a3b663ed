import { createHash, randomBytes } from 'node:crypto';
import { auditAct, type AuditActor } from '../audit/service.js';
import type { Tx } from '../db/connection.js';
import { AppError } from '../web/errors.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { UserCreate } from './schemas.js';
import * as q from './queries.js';
import { msg, type Locale } from '../web/i18n.js';

export type User = q.UserRow;
// Single-use links and password hashing, for sign-up and the sign-in pages.
export { consumeLoginLink, issueLink, type LinkPurpose, peekLoginLink } from './login-links.js';
export { hashPassword } from './passwords.js';
const SESSION_DAYS = 14;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function findUserByEmail(db: Tx, networkId: string, email: string): Promise<User | undefined> {
  return q.selectUserByEmail(db, networkId, email.trim().toLowerCase());
}

/**
 * An account made by an admin, the CLI, the demo or an import counts as verified: someone who
 * runs the network vouched for the address. Sign-up passes `verified: false` and sends a link.
 */
export async function createUser(
  db: Tx,
  networkId: string,
  input: UserCreate & { locale?: Locale },
  opts: { verified?: boolean; actor?: AuditActor } = {},
): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const emailVerifiedAt = opts.verified === false ? null : new Date();
  return db.transaction(async (tx) => {
    const row = await insertAccount(tx, networkId, input, passwordHash, emailVerifiedAt);
    // An account an admin makes, and the role it has, is theirs to answer for.
    await auditAct(tx, networkId, opts.actor, 'account.create', row.email, { role: row.role });
    return row;
  });
}

async function insertAccount(
  db: Tx,
  networkId: string,
  input: UserCreate & { locale?: Locale },
  passwordHash: string | null,
  emailVerifiedAt: Date | null,
): Promise<User> {
  const row = await q.insertUser(db, {
    networkId,
    email: input.email,
    name: input.name,
    role: input.role,
    passwordHash,
    emailVerifiedAt,
    locale: input.locale ?? null,
  });
  if (!row)
    throw new AppError('conflict', msg('account.problem.emailTaken', { email: input.email }), [
      { field: 'email', message: msg('validation.alreadyUsed') },
    ]);
  return row;
}

/**
 * The first admin from the environment: created once, never overwritten. Named after the network
 * (a byline, an organiser's name on an event: "Par BetaGroup" rather than an English
 * "Administrator"); they can rename themselves on /me/profile.
 */
export async function ensureAdmin(
  db: Tx,
  network: { id: string; name: string },
  admin: { email: string; password: string } | undefined,
): Promise<boolean> {
  const networkId = network.id;
  if (!admin) return false;
  if (await findUserByEmail(db, networkId, admin.email)) return false;
  const passwordHash = await hashPassword(admin.password);
  const inserted = await q.insertUser(db, {
    networkId,
    email: admin.email,
    name: network.name,
    role: 'admin',
    passwordHash,
    emailVerifiedAt: new Date(),
  });
  return inserted !== undefined;
}

export async function authenticate(db: Tx, networkId: string, email: string, password: string): Promise<User> {
  const user = await findUserByEmail(db, networkId, email);
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok) throw new AppError('unauthenticated', msg('account.problem.wrongPassword'));
  return user;
}

// ── API tokens ─────────────────────────────────────────────────────────────

/**
 * A token acts with all its owner's rights: making one and revoking it are recorded (never the
 * token) when someone did it (the API, the CLI); fixtures and loaders pass no actor.
 */
export async function createToken(db: Tx, user: User, name: string, actor?: AuditActor) {
  const token = `essaim_${randomBytes(32).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const row = await q.insertToken(tx, {
      networkId: user.networkId,
      userId: user.id,
      name,
      tokenHash: sha256(token),
      prefix: token.slice(0, 14),
    });
    await auditAct(tx, user.networkId, actor, 'token.create', user.email, { name, prefix: row.prefix });
    return { row, token };
  });
}

export const listTokens = (db: Tx, user: User) => q.selectTokens(db, user.networkId, user.id);

export async function revokeToken(db: Tx, user: User, id: string, actor: AuditActor = user) {
  return db.transaction(async (tx) => {
    const row = await q.revokeToken(tx, user.networkId, user.id, id);
    if (!row) throw new AppError('not_found', msg('account.problem.noToken', { id }));
    await auditAct(tx, user.networkId, actor, 'token.revoke', user.email, { name: row.name, prefix: row.prefix });
    return row;
  });
}

export async function userForToken(db: Tx, networkId: string, token: string): Promise<User | undefined> {
  const row = await q.selectTokenUser(db, networkId, sha256(token));
  if (!row) return undefined;
  // "Last used" to the minute: a script making many calls does not write on each one.
  if (!row.lastUsedAt || row.lastUsedAt.getTime() < Date.now() - 60_000) {
    await q.touchToken(db, row.tokenId);
  }
  return row.user;
}

// ── Browser sessions ───────────────────────────────────────────────────────

/**
 * A browser session for `user`; `locale` is the language of the page they signed in from, kept as
 * the account's language so later mails speak it (jurors and members without a profile included).
 */
export async function createSession(db: Tx, user: User, locale?: Locale): Promise<{ cookie: string; expiresAt: Date }> {
  if (locale && user.locale !== locale) await q.updateUserLocale(db, user.id, locale);
  const cookie = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await q.insertSession(db, { idHash: sha256(cookie), networkId: user.networkId, userId: user.id, expiresAt });
  return { cookie, expiresAt };
}

export async function userForSession(db: Tx, networkId: string, cookie: string): Promise<User | undefined> {
  return q.selectSessionUser(db, networkId, sha256(cookie), new Date());
}

export async function endSession(db: Tx, cookie: string): Promise<void> {
  await q.deleteSession(db, sha256(cookie));
}
