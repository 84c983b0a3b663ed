import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { fromWallClock, wallClock } from '../events/service.js';
import { localeOr, locales } from '../web/i18n.js';
import * as q from './queries.js';

/**
 * Organisers hear of new registrations, as they chose: `immediate` gathers a minute of news into
 * one message per event, `daily` one digest per chapter at 08:00 Brussels time. A waiting notice
 * exists once (the unique index on its `gather` key), so a flash crowd makes one message, not
 * thousands. These are not transactional: they carry List-Unsubscribe.
 */
export const GATHER_MS = 60_000;
const TZ = 'Europe/Brussels';

function nextMorning(now: Date): Date {
  const w = wallClock(now, TZ);
  const today = fromWallClock({ year: w.year, month: w.month, day: w.day, hour: 8, minute: 0 }, TZ);
  if (today > now) return today;
  const t = wallClock(new Date(today.getTime() + 36 * 3_600_000), TZ);
  return fromWallClock({ year: t.year, month: t.month, day: t.day, hour: 8, minute: 0 }, TZ);
}

export async function queueOrganizerNotices(
  tx: Tx,
  networkId: string,
  event: { id: string; chapterId: string },
  now = new Date(),
): Promise<void> {
  await q.insertNoticesOfEvent(tx, noticesOf(networkId, event, now));
}

/**
 * `queueOrganizerNotices` as a common table expression named `name`, for a caller that writes
 * everything in one statement (a registration batch: src/registrations/register.ts).
 */
export function organizerNoticesCte(
  name: string,
  networkId: string,
  event: { id: string; chapterId: string },
  now = new Date(),
): SQL {
  return q.noticesOfEventCte(name, noticesOf(networkId, event, now));
}

function noticesOf(networkId: string, event: { id: string; chapterId: string }, now: Date): q.NoticesOfEvent {
  const morning = nextMorning(now);
  // Who is told and how is decided in SQL (queries.ts noticesOfEventSql), from these times:
  // `immediate` gathers a minute per event, `daily` a digest per chapter and morning.
  return {
    networkId,
    chapterId: event.chapterId,
    eventId: event.id,
    soon: new Date(now.getTime() + GATHER_MS),
    morning,
    day: morning.toISOString().slice(0, 10),
    // The organiser's preferred language, from their profile; the network's first without one.
    locales,
    fallbackLocale: localeOr(undefined),
  };
}

/** The unsubscribe link's token: an HMAC of who and which chapter, with the install's secret. */
export function unsubscribeToken(secret: string, userId: string, chapterId: string): string {
  const mac = createHmac('sha256', secret).update(`unsubscribe:${userId}:${chapterId}`).digest('base64url');
  return `${userId}.${chapterId}.${mac}`;
}

export function readUnsubscribeToken(secret: string, token: string): { userId: string; chapterId: string } | undefined {
  const [userId, chapterId, mac] = token.split('.');
  if (!userId || !chapterId || !mac) return undefined;
  const expected = unsubscribeToken(secret, userId, chapterId).split('.')[2]!;
  if (expected.length !== mac.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(mac))) return undefined;
  return { userId, chapterId };
}

export const unsubscribe = (db: Tx, who: { userId: string; chapterId: string }): Promise<boolean> =>
  q.setNotifyOff(db, who);
