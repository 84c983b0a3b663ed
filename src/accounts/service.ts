import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { AppError } from '../web/errors.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { UserCreate } from './schemas.js';
import { apiTokens, sessions, users } from './tables.js';

export type User = typeof users.$inferSelect;
const SESSION_DAYS = 14;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function findUserByEmail(db: Tx, networkId: string, email: string): Promise<User | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.networkId, networkId), eq(users.email, email.trim().toLowerCase())));
  return row;
}

/**
 * An account made by an admin, the CLI, the demo or an import counts as verified: someone who
 * runs the network vouched for the address. Sign-up passes `verified: false` and sends a link.
 */
export async function createUser(
  db: Tx,
  networkId: string,
  input: UserCreate,
  opts: { verified?: boolean } = {},
): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const emailVerifiedAt = opts.verified === false ? null : new Date();
  const [row] = await db
    .insert(users)
    .values({ networkId, email: input.email, name: input.name, role: input.role, passwordHash, emailVerifiedAt })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw new AppError('conflict', `An account with the e-mail ${input.email} already exists.`, [
      { field: 'email', message: 'is already used' },
    ]);
  return row;
}

/** The first admin from the environment: created once, never overwritten. */
export async function ensureAdmin(
  db: Tx,
  networkId: string,
  admin: { email: string; password: string } | undefined,
): Promise<boolean> {
  if (!admin) return false;
  if (await findUserByEmail(db, networkId, admin.email)) return false;
  const passwordHash = await hashPassword(admin.password);
  const inserted = await db
    .insert(users)
    .values({
      networkId,
      email: admin.email,
      name: 'Administrator',
      role: 'admin',
      passwordHash,
      emailVerifiedAt: new Date(),
    })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return inserted.length > 0;
}

export async function authenticate(db: Tx, networkId: string, email: string, password: string): Promise<User> {
  const user = await findUserByEmail(db, networkId, email);
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok) throw new AppError('unauthenticated', 'Wrong e-mail or password.');
  return user;
}

// ── API tokens ─────────────────────────────────────────────────────────────

export async function createToken(db: Tx, user: User, name: string) {
  const token = `essaim_${randomBytes(32).toString('base64url')}`;
  const [row] = await db
    .insert(apiTokens)
    .values({ networkId: user.networkId, userId: user.id, name, tokenHash: sha256(token), prefix: token.slice(0, 14) })
    .returning();
  return { row: row!, token };
}

export function listTokens(db: Tx, user: User) {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.networkId, user.networkId), eq(apiTokens.userId, user.id)))
    .orderBy(desc(apiTokens.createdAt));
}

export async function revokeToken(db: Tx, user: User, id: string) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiTokens.id, id),
        eq(apiTokens.userId, user.id),
        eq(apiTokens.networkId, user.networkId),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning();
  if (!row) throw new AppError('not_found', `No active token ${id} belongs to you.`);
  return row;
}

export async function userForToken(db: Tx, networkId: string, token: string): Promise<User | undefined> {
  const [row] = await db
    .select({ user: users, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(eq(apiTokens.tokenHash, sha256(token)), eq(apiTokens.networkId, networkId), isNull(apiTokens.revokedAt)),
    );
  if (!row) return undefined;
  // "Last used" to the minute: a script making many calls does not write on each one.
  if (!row.lastUsedAt || row.lastUsedAt.getTime() < Date.now() - 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
  }
  return row.user;
}

// ── Browser sessions ───────────────────────────────────────────────────────

export async function createSession(db: Tx, user: User): Promise<{ cookie: string; expiresAt: Date }> {
  const cookie = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({ idHash: sha256(cookie), networkId: user.networkId, userId: user.id, expiresAt });
  return { cookie, expiresAt };
}

export async function userForSession(db: Tx, networkId: string, cookie: string): Promise<User | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.idHash, sha256(cookie)), eq(sessions.networkId, networkId), gt(sessions.expiresAt, new Date())),
    );
  return row?.user;
}

export async function endSession(db: Tx, cookie: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, sha256(cookie)));
}
