import { and, eq, isNull } from 'drizzle-orm';
import { loginLinks, users } from '../accounts/tables.js';
import type { Tx } from '../db/connection.js';

// Confirming an address writes two of the accounts' rows: the password chosen, the links spent.

export async function setPassword(tx: Tx, userId: string, passwordHash: string) {
  const [updated] = await tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).returning();
  return updated;
}

export const deleteUnusedVerifyLinks = (tx: Tx, userId: string) =>
  tx
    .delete(loginLinks)
    .where(and(eq(loginLinks.userId, userId), eq(loginLinks.purpose, 'verify'), isNull(loginLinks.usedAt)));

/** An admin vouches for the address: confirmed now, unless it already was. */
export async function setVerified(tx: Tx, networkId: string, userId: string) {
  const [row] = await tx
    .update(users)
    .set({ emailVerifiedAt: new Date() })
    .where(and(eq(users.networkId, networkId), eq(users.id, userId), isNull(users.emailVerifiedAt)))
    .returning();
  return row;
}

export async function selectUser(tx: Tx, networkId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.networkId, networkId), eq(users.id, userId)));
  return row;
}
