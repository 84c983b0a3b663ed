import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { users } from './tables.js';

// GDPR only: the account rows of an export or erasure, moved here from members/queries.ts.

export async function findAccount(tx: Tx, networkId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.networkId, networkId), eq(users.id, userId)));
  return row;
}

/**
 * Other admins of the network, with every admin row locked (`FOR UPDATE`) until the transaction
 * ends: two admins deleting each other at once would otherwise each count the other and both go,
 * leaving nobody to run the network. The second waits for the first and then counts what is left.
 */
export async function countOtherAdmins(tx: Tx, networkId: string, userId: string): Promise<number> {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.networkId, networkId), eq(users.role, 'admin')))
    .orderBy(users.id)
    .for('update');
  return admins.filter((a) => a.id !== userId).length;
}

/** Sessions, tokens, calendar addresses, links, profile and follows go with the account (ON DELETE CASCADE). */
export const deleteAccount = (tx: Tx, networkId: string, userId: string) =>
  tx
    .delete(users)
    .where(and(eq(users.networkId, networkId), eq(users.id, userId)))
    .returning({ id: users.id });
