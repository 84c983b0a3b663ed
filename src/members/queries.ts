import { and, eq, ilike, or } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import type { Tx } from '../db/connection.js';
import { containing } from '../web/search-sql.js';

// The admins' register of members reads the accounts: a read-only view of another feature's rows.

export function selectMembers(db: Tx, networkId: string, opts: { q?: string; limit: number; offset: number }) {
  const like = opts.q ? containing(opts.q) : undefined;
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(
      and(eq(users.networkId, networkId), like ? or(ilike(users.email, like), ilike(users.name, like)) : undefined),
    )
    .orderBy(users.name, users.id)
    .limit(opts.limit)
    .offset(opts.offset);
}

export async function selectUser(db: Tx, networkId: string, userId: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.networkId, networkId), eq(users.id, userId)));
  return row;
}
