import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import type { Tx } from '../db/connection.js';
import { events } from '../events/tables.js';
import { registrations } from '../registrations/tables.js';
import { memberProfiles, type PictureRef } from './tables.js';

// My attendance history reads the registrations and their events: a read-only view of another
// feature's rows, kept here until registrations exposes it from its service.

export interface Me {
  networkId: string;
  userId: string;
  email: string;
}

/** A person's registrations: made while signed in, or with their address before they had an account. */
const mine = (me: Me): SQL =>
  and(
    eq(registrations.networkId, me.networkId),
    or(eq(registrations.userId, me.userId), eq(registrations.email, me.email)),
  )!;

export function selectAttendance(db: Tx, me: Me, opts: { limit: number; offset: number }) {
  return db
    .select({
      id: registrations.id,
      eventId: events.id,
      title: events.title,
      // The title in the reader's language, and the event's zone for its date.
      language: events.language,
      translations: events.translations,
      timeZone: events.timeZone,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      status: registrations.status,
      checkedInAt: registrations.checkedInAt,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(mine(me))
    .orderBy(desc(events.startsAt), registrations.id)
    .limit(opts.limit)
    .offset(opts.offset);
}

export async function countAttendance(db: Tx, me: Me) {
  const [row] = await db
    .select({
      registered: sql<number>`count(*) filter (where ${registrations.status} <> 'cancelled')::int`,
      attended: sql<number>`count(*) filter (where ${registrations.checkedInAt} is not null)::int`,
      noShows: sql<number>`count(*) filter (where ${registrations.status} = 'confirmed' and ${registrations.checkedInAt} is null and ${events.endsAt} < now())::int`,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(mine(me));
  return row ?? { registered: 0, attended: 0, noShows: 0 };
}

export async function selectProfile(db: Tx, networkId: string, userId: string) {
  const [row] = await db
    .select()
    .from(memberProfiles)
    .where(sql`${memberProfiles.networkId} = ${networkId} and ${memberProfiles.userId} = ${userId}`);
  return row;
}

export async function upsertProfile(tx: Tx, row: typeof memberProfiles.$inferInsert) {
  const [saved] = await tx
    .insert(memberProfiles)
    .values(row)
    .onConflictDoUpdate({ target: memberProfiles.userId, set: row })
    .returning();
  return saved;
}

/** The display name lives on the account; the profile form changes it too. */
export const renameUser = (tx: Tx, userId: string, name: string) =>
  tx.update(users).set({ name }).where(eq(users.id, userId));

/** The language the account last used (sign-up, sign-in, a juror's invitation): for people without a profile. */
export async function selectAccountLocale(db: Tx, networkId: string, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ locale: users.locale })
    .from(users)
    .where(and(eq(users.networkId, networkId), eq(users.id, userId)));
  return row?.locale ?? null;
}

/** Serialises changes to one member's picture (two uploads at once would orphan one). */
export async function lockProfile(tx: Tx, networkId: string, userId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`profile:${networkId}:${userId}`}))`);
}

export const setPicture = (tx: Tx, networkId: string, userId: string, picture: PictureRef | null) =>
  tx
    .update(memberProfiles)
    .set({ picture })
    .where(and(eq(memberProfiles.networkId, networkId), eq(memberProfiles.userId, userId)));
