import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { users } from '../accounts/tables.js';
import { outboundMessages } from '../mail/tables.js';
import { memberProfiles } from '../profiles/tables.js';

/** The addresses among `emails` (lower-cased) that already have an account in the network. */
export async function existingEmails(db: Tx, networkId: string, emails: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  // Bounded lists: one parameter per address, and PostgreSQL takes at most 65,535.
  for (let i = 0; i < emails.length; i += 10_000) {
    const rows = await db
      .select({ email: users.email })
      .from(users)
      .where(and(eq(users.networkId, networkId), inArray(users.email, emails.slice(i, i + 10_000))));
    for (const r of rows) found.add(r.email);
  }
  return found;
}

/**
 * One multi-row INSERT; an address taken meanwhile (another import, a sign-up) is skipped by the
 * unique key, not overwritten, and is missing from what is returned.
 */
export function insertUsers(tx: Tx, rows: (typeof users.$inferInsert)[]) {
  return tx.insert(users).values(rows).onConflictDoNothing().returning({ id: users.id, email: users.email });
}

export async function insertProfiles(tx: Tx, rows: (typeof memberProfiles.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(memberProfiles).values(rows);
}

/** Welcome mails, already written, queued with the accounts they welcome. */
export async function insertMails(tx: Tx, rows: (typeof outboundMessages.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(outboundMessages).values(rows);
}
