import { and, asc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { events, rooms } from '../db/schema.js';
import { eventSessions, sessionSpeakers, speakers } from './tables.js';

export type SessionRow = typeof eventSessions.$inferSelect;
export type SpeakerRow = typeof speakers.$inferSelect;

export const selectSessions = (db: Tx, eventIds: string[]) =>
  eventIds.length
    ? db
        .select({ s: eventSessions, roomName: rooms.name })
        .from(eventSessions)
        .leftJoin(rooms, eq(rooms.id, eventSessions.roomId))
        .where(inArray(eventSessions.eventId, eventIds))
        .orderBy(asc(eventSessions.startsAt), asc(eventSessions.title))
    : Promise.resolve([]);

export async function selectSession(db: Tx, networkId: string, id: string) {
  const [row] = await db
    .select()
    .from(eventSessions)
    .where(and(eq(eventSessions.networkId, networkId), eq(eventSessions.id, id)));
  return row;
}

export async function selectSessionBySubmission(db: Tx, submissionId: string) {
  const [row] = await db.select().from(eventSessions).where(eq(eventSessions.submissionId, submissionId));
  return row;
}

/** Serialises bookings of one room, so two sessions cannot both pass the overlap check. */
export const lockRoom = (db: Tx, roomId: string) => db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${roomId}))`);

export async function overlapping(db: Tx, roomId: string, startsAt: Date, endsAt: Date, except?: string) {
  const [row] = await db
    .select()
    .from(eventSessions)
    .where(
      and(
        eq(eventSessions.roomId, roomId),
        lt(eventSessions.startsAt, endsAt),
        gt(eventSessions.endsAt, startsAt),
        except ? ne(eventSessions.id, except) : undefined,
      ),
    )
    .limit(1);
  return row;
}

export async function insertSession(db: Tx, values: typeof eventSessions.$inferInsert) {
  const [row] = await db.insert(eventSessions).values(values).returning();
  return row!;
}
export async function updateSessionRow(db: Tx, id: string, patch: Partial<typeof eventSessions.$inferInsert>) {
  const [row] = await db.update(eventSessions).set(patch).where(eq(eventSessions.id, id)).returning();
  return row!;
}

export async function insertSpeaker(db: Tx, values: typeof speakers.$inferInsert) {
  const [row] = await db
    .insert(speakers)
    .values(values)
    .onConflictDoUpdate({ target: [speakers.networkId, speakers.slug], set: { name: values.name } })
    .returning();
  return row!;
}
export const linkSpeaker = (db: Tx, sessionId: string, speakerId: string) =>
  db.insert(sessionSpeakers).values({ sessionId, speakerId }).onConflictDoNothing();

export const speakersOf = (db: Tx, sessionIds: string[]) =>
  sessionIds.length
    ? db
        .select({ sessionId: sessionSpeakers.sessionId, sp: speakers })
        .from(sessionSpeakers)
        .innerJoin(speakers, eq(speakers.id, sessionSpeakers.speakerId))
        .where(inArray(sessionSpeakers.sessionId, sessionIds))
    : Promise.resolve([]);

export async function selectSpeaker(db: Tx, networkId: string, slug: string) {
  const [row] = await db
    .select()
    .from(speakers)
    .where(and(eq(speakers.networkId, networkId), eq(speakers.slug, slug)));
  return row;
}
export const sessionsOfSpeaker = (db: Tx, speakerId: string) =>
  db
    .select({ s: eventSessions, eventTitle: events.title })
    .from(sessionSpeakers)
    .innerJoin(eventSessions, eq(eventSessions.id, sessionSpeakers.sessionId))
    .innerJoin(events, eq(events.id, eventSessions.eventId))
    .where(eq(sessionSpeakers.speakerId, speakerId))
    .orderBy(asc(eventSessions.startsAt));
