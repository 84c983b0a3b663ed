import { and, asc, count, eq, gte, inArray, isNull, ne, or } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import type { Tx } from '../db/connection.js';
import { events } from '../events/tables.js';
import { registrations } from '../registrations/tables.js';
import { calendarTokens } from './tables.js';

export type EventRow = typeof events.$inferSelect;

export interface FeedFilter {
  chapterId?: string;
  venueId?: string;
  from: Date;
  limit: number;
}

/**
 * Published and cancelled events (never drafts) starting from `from`: cancelled ones stay so that
 * subscribed calendars see STATUS:CANCELLED and remove them.
 */
export function selectFeedEvents(db: Tx, networkId: string, f: FeedFilter): Promise<EventRow[]> {
  return db
    .select()
    .from(events)
    .where(
      and(
        eq(events.networkId, networkId),
        inArray(events.status, ['published', 'cancelled']),
        f.chapterId ? eq(events.chapterId, f.chapterId) : undefined,
        f.venueId ? eq(events.venueId, f.venueId) : undefined,
        gte(events.startsAt, f.from),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(f.limit);
}

export interface PersonalRow {
  event: EventRow;
  reg: {
    status: 'confirmed' | 'waitlisted' | 'cancelled';
    cancelledBy: string | null;
    createdAt: Date;
    promotedAt: Date | null;
    cancelledAt: Date | null;
  };
}

/**
 * A member's registrations — by account, or by their e-mail when they signed up as a guest —
 * cancelled ones included: the service shows the live ones and dates the feed by all of them.
 */
export function selectPersonalRegistrations(
  db: Tx,
  networkId: string,
  user: { id: string; email: string },
  from: Date,
  limit: number,
): Promise<PersonalRow[]> {
  return db
    .select({
      event: events,
      reg: {
        status: registrations.status,
        cancelledBy: registrations.cancelledBy,
        createdAt: registrations.createdAt,
        promotedAt: registrations.promotedAt,
        cancelledAt: registrations.cancelledAt,
      },
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      and(
        eq(registrations.networkId, networkId),
        or(eq(registrations.userId, user.id), eq(registrations.email, user.email.toLowerCase())),
        ne(events.status, 'draft'),
        gte(events.startsAt, from),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(limit);
}

export async function insertToken(db: Tx, networkId: string, userId: string, tokenHash: string): Promise<void> {
  await db.insert(calendarTokens).values({ networkId, userId, tokenHash });
}

/** The member behind a live token of this network. */
export async function selectTokenOwner(
  db: Tx,
  networkId: string,
  tokenHash: string,
): Promise<{ id: string; email: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(calendarTokens)
    .innerJoin(users, eq(users.id, calendarTokens.userId))
    .where(
      and(
        eq(calendarTokens.tokenHash, tokenHash),
        eq(calendarTokens.networkId, networkId),
        isNull(calendarTokens.revokedAt),
      ),
    );
  return row;
}

export async function revokeTokens(db: Tx, networkId: string, userId: string): Promise<number> {
  const rows = await db
    .update(calendarTokens)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(calendarTokens.networkId, networkId), eq(calendarTokens.userId, userId), isNull(calendarTokens.revokedAt)),
    )
    .returning({ id: calendarTokens.id });
  return rows.length;
}

export async function countLiveTokens(db: Tx, networkId: string, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(calendarTokens)
    .where(
      and(eq(calendarTokens.networkId, networkId), eq(calendarTokens.userId, userId), isNull(calendarTokens.revokedAt)),
    );
  return row!.n;
}
