import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { apiTokens, loginLinks, sessions, users } from './tables.js';

// Accounts, API tokens and sessions. Tokens and session cookies are stored as their SHA-256
// only: callers pass the hash, never the secret.

export type UserRow = typeof users.$inferSelect;

export async function selectUserByEmail(db: Tx, networkId: string, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.networkId, networkId), eq(users.email, email)));
  return row;
}

export async function selectUserById(db: Tx, networkId: string, id: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.networkId, networkId), eq(users.id, id)));
  return row;
}

/** A new account, or nothing when the e-mail is taken (the unique index decides, race-free). */
export async function insertUser(db: Tx, values: typeof users.$inferInsert): Promise<UserRow | undefined> {
  const [row] = await db.insert(users).values(values).onConflictDoNothing().returning();
  return row;
}

export async function insertToken(db: Tx, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export const selectTokens = (db: Tx, networkId: string, userId: string) =>
  db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.networkId, networkId), eq(apiTokens.userId, userId)))
    .orderBy(desc(apiTokens.createdAt));

/** Revokes one of the user's live tokens; undefined when there is no such token. */
export async function revokeToken(db: Tx, networkId: string, userId: string, id: string) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiTokens.id, id),
        eq(apiTokens.userId, userId),
        eq(apiTokens.networkId, networkId),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning();
  return row;
}

export async function selectTokenUser(db: Tx, networkId: string, tokenHash: string) {
  const [row] = await db
    .select({ user: users, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), eq(apiTokens.networkId, networkId), isNull(apiTokens.revokedAt)));
  return row;
}

export async function touchToken(db: Tx, tokenId: string): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, tokenId));
}

/** The account's language, as last used on the site. */
export async function updateUserLocale(db: Tx, userId: string, locale: string): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

export async function insertSession(db: Tx, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

export async function selectSessionUser(db: Tx, networkId: string, idHash: string, now: Date) {
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, idHash), eq(sessions.networkId, networkId), gt(sessions.expiresAt, now)));
  return row?.user;
}

export async function deleteSession(db: Tx, idHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

// ——— single-use sign-in and confirmation links (kept as their SHA-256) ———

export async function insertLoginLink(db: Tx, values: typeof loginLinks.$inferInsert): Promise<void> {
  await db.insert(loginLinks).values(values);
}

type LinkKey = { networkId: string; tokenHash: string; purpose: 'login' | 'verify' | 'reset'; now: Date };
const liveLink = (k: LinkKey) =>
  and(
    eq(loginLinks.tokenHash, k.tokenHash),
    eq(loginLinks.networkId, k.networkId),
    eq(loginLinks.purpose, k.purpose),
    isNull(loginLinks.usedAt),
    gt(loginLinks.expiresAt, k.now),
  );

/** The account of a link still unused and in time, without using it. */
export async function selectLinkUser(db: Tx, k: LinkKey): Promise<UserRow | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(loginLinks)
    .innerJoin(users, eq(users.id, loginLinks.userId))
    .where(liveLink(k));
  return row?.user;
}

/** Marks a live link used, in one statement (two clicks at once cannot both use it); its account id, if any. */
export async function useLoginLink(db: Tx, k: LinkKey): Promise<string | undefined> {
  const [link] = await db
    .update(loginLinks)
    .set({ usedAt: k.now })
    .where(liveLink(k))
    .returning({ userId: loginLinks.userId });
  return link?.userId;
}

/** The address is confirmed from now on (an address confirmed before keeps its first date). */
export async function markEmailVerified(db: Tx, userId: string): Promise<UserRow | undefined> {
  const [user] = await db
    .update(users)
    .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
    .where(eq(users.id, userId))
    .returning();
  return user;
}

// ——— a new password: the account's other ways in end with the old one ———

export async function updatePasswordHash(db: Tx, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** Ends the account's sessions but the one kept (its hash), if any; how many ended. */
export async function deleteSessionsExcept(db: Tx, userId: string, keepHash: string | undefined): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepHash ? ne(sessions.idHash, keepHash) : undefined))
    .returning({ idHash: sessions.idHash });
  return rows.length;
}

/** Revokes the account's live tokens but the one kept (its hash), if any; how many were revoked. */
export async function revokeTokensExcept(db: Tx, userId: string, keepHash: string | undefined): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(apiTokens.userId, userId),
        isNull(apiTokens.revokedAt),
        keepHash ? ne(apiTokens.tokenHash, keepHash) : undefined,
      ),
    )
    .returning({ id: apiTokens.id });
  return rows.length;
}

/** Uses up every unused link of a purpose (the other reset links once one was followed). */
export async function useAllLinks(db: Tx, userId: string, purpose: LinkKey['purpose']): Promise<void> {
  await db
    .update(loginLinks)
    .set({ usedAt: new Date() })
    .where(and(eq(loginLinks.userId, userId), eq(loginLinks.purpose, purpose), isNull(loginLinks.usedAt)));
}
