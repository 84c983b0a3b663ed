import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import type { Tx } from '../db/connection.js';
import { memberProfiles } from '../profiles/tables.js';
import { registrations } from './tables.js';

/**
 * Who's going: confirmed registrations whose account chose to be shown (the profile's
 * `attendance_visible`), in the order they registered. Only confirmed addresses: a name on a
 * public page must belong to someone who proved the account is theirs.
 */
const shown = (eventId: string) =>
  and(
    eq(registrations.eventId, eventId),
    eq(registrations.status, 'confirmed'),
    eq(memberProfiles.attendanceVisible, true),
    isNotNull(users.emailVerifiedAt),
  );

/**
 * The first `limit` people shown, each row carrying how many are shown in all (a window count,
 * taken before the limit): the names and "and N more" in one statement.
 */
export function selectGoing(db: Tx, eventId: string, limit: number) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      listed: memberProfiles.directoryVisible,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .innerJoin(memberProfiles, eq(memberProfiles.userId, users.id))
    .where(shown(eventId))
    .orderBy(asc(registrations.createdAt), registrations.id)
    .limit(limit);
}
