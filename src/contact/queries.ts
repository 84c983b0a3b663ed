import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import type { Tx } from '../db/connection.js';
import { contactBlocks, contactMessages } from './tables.js';

/** Serialises one sender's messages, so two sent at once cannot both pass the rate limit. */
export async function lockSender(tx: Tx, networkId: string, senderId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`contact:${networkId}:${senderId}`}))`);
}

/** Messages sent by `senderId` since each instant (one count per instant, in one query). */
export async function countSentSince(tx: Tx, networkId: string, senderId: string, hour: Date, day: Date) {
  const [row] = await tx
    .select({
      hour: sql<number>`count(*) filter (where ${contactMessages.sentAt} > ${hour})::int`,
      day: sql<number>`count(*)::int`,
    })
    .from(contactMessages)
    .where(
      and(
        eq(contactMessages.networkId, networkId),
        eq(contactMessages.senderId, senderId),
        gt(contactMessages.sentAt, day),
      ),
    );
  return row ?? { hour: 0, day: 0 };
}

export async function insertMessage(tx: Tx, row: typeof contactMessages.$inferInsert) {
  const [saved] = await tx.insert(contactMessages).values(row).returning();
  return saved!;
}

/** Whether `from` wrote to `to` since `since`: `to` may then answer through the site. */
export async function wroteSince(tx: Tx, networkId: string, from: string, to: string, since: Date): Promise<boolean> {
  const rows = await tx
    .select({ id: contactMessages.id })
    .from(contactMessages)
    .where(
      and(
        eq(contactMessages.networkId, networkId),
        eq(contactMessages.recipientId, to),
        eq(contactMessages.senderId, from),
        gt(contactMessages.sentAt, since),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function isBlocked(tx: Tx, networkId: string, blockerId: string, blockedId: string): Promise<boolean> {
  const rows = await tx
    .select({ at: contactBlocks.createdAt })
    .from(contactBlocks)
    .where(
      and(
        eq(contactBlocks.networkId, networkId),
        eq(contactBlocks.blockerId, blockerId),
        eq(contactBlocks.blockedId, blockedId),
      ),
    );
  return rows.length > 0;
}

export const insertBlock = (tx: Tx, networkId: string, blockerId: string, blockedId: string) =>
  tx.insert(contactBlocks).values({ networkId, blockerId, blockedId }).onConflictDoNothing();

export const deleteBlock = (tx: Tx, networkId: string, blockerId: string, blockedId: string) =>
  tx
    .delete(contactBlocks)
    .where(
      and(
        eq(contactBlocks.networkId, networkId),
        eq(contactBlocks.blockerId, blockerId),
        eq(contactBlocks.blockedId, blockedId),
      ),
    );

/** A member of the network by id, for the contact form's checks (name, address, language, whether verified). */
export async function selectMember(tx: Tx, networkId: string, id: string) {
  const [row] = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      locale: users.locale,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(and(eq(users.networkId, networkId), eq(users.id, id)));
  return row;
}

/** The messages a member sent, newest first, with the recipient's name: their GDPR export. */
export async function selectSent(tx: Tx, networkId: string, senderId: string) {
  return tx
    .select({
      to: users.name,
      recipientId: contactMessages.recipientId,
      sentAt: contactMessages.sentAt,
      sharedAddress: contactMessages.sharedAddress,
    })
    .from(contactMessages)
    .innerJoin(users, eq(users.id, contactMessages.recipientId))
    .where(and(eq(contactMessages.networkId, networkId), eq(contactMessages.senderId, senderId)))
    .orderBy(desc(contactMessages.sentAt));
}

export async function selectBlockedNames(tx: Tx, networkId: string, blockerId: string) {
  return tx
    .select({ name: users.name, since: contactBlocks.createdAt })
    .from(contactBlocks)
    .innerJoin(users, eq(users.id, contactBlocks.blockedId))
    .where(and(eq(contactBlocks.networkId, networkId), eq(contactBlocks.blockerId, blockerId)));
}
