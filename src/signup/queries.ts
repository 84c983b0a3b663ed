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
