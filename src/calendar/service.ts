import { programmeOf, programmeText } from '../programme/service.js';
import { createHash, randomBytes } from 'node:crypto';
import type { User } from '../accounts/service.js';
import { findChapter } from '../chapters/service.js';
import type { Db, Tx } from '../db/connection.js';
import { eventPolicy } from '../events/policy.js';
import { eventPlaces, findEvent } from '../events/service.js';
import type { Network } from '../networks/service.js';
import { findVenue } from '../venues/service.js';
import { latest } from '../web/conditional.js';
import { notFound } from '../web/errors.js';
import type { Actor } from '../web/policy.js';
import type { PlaceParts } from './format.js';
import { renderCalendar, type IcsEntry } from './ics.js';

export { renderCalendar } from './ics.js';
import * as q from './queries.js';
import { msg } from '../web/i18n.js';

/** Feeds start this long ago, so a subscriber still sees recent past events, and end at the last materialised one. */
export const FEED_PAST_DAYS = 90;
/** A bound on one feed's size; a network has far fewer events in that window. */
const FEED_MAX_EVENTS = 5000;

export interface CalendarBody {
  body: string;
  lastModified: Date | undefined;
}
/** Where the feeds point and who organises (MAIL_FROM): a part of the configuration. */
export interface FeedSite {
  baseUrl: string;
  mailFrom?: string;
}
export type FeedScope = { kind: 'network' } | { kind: 'chapter'; slug: string } | { kind: 'venue'; slug: string };

const feedStart = (now: Date) => new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

type Places = Awaited<ReturnType<typeof eventPlaces>>;
/** Where an event takes place, from the places loaded for a list of events (events/service eventPlaces). */
export function placeOf(e: q.EventRow, places: Places): PlaceParts {
  const venue = e.venueId ? places.venues.get(e.venueId) : undefined;
  const room = e.roomId ? places.rooms.get(e.roomId) : undefined;
  return { venue: venue ?? null, room: room ?? null, onlineUrl: e.onlineUrl };
}

async function withPlaces(db: Tx, rows: q.EventRow[]) {
  const places = await eventPlaces(db, rows);
  return { places, venueDates: [...places.venues.values()].map((v) => v.updatedAt) };
}

/** The network's, a chapter's or a venue's public calendar. */
export async function publicCalendar(
  db: Db,
  network: Network,
  scope: FeedScope,
  { baseUrl, mailFrom }: FeedSite,
  now = new Date(),
): Promise<CalendarBody> {
  const chapter = scope.kind === 'chapter' ? await findChapter(db, network, scope.slug) : undefined;
  const venue = scope.kind === 'venue' ? await findVenue(db, network, scope.slug) : undefined;
  const rows = await q.selectFeedEvents(db, network.id, {
    chapterId: chapter?.id,
    venueId: venue?.id,
    from: feedStart(now),
    limit: FEED_MAX_EVENTS,
  });
  const { places, venueDates } = await withPlaces(db, rows);
  const calendarName = [network.name, chapter?.name ?? venue?.name].filter(Boolean).join(' · ');
  const body = renderCalendar(
    { baseUrl, mailFrom, networkName: network.name, calendarName },
    rows.map((event) => ({ event, place: placeOf(event, places) })),
  );
  return {
    body,
    lastModified: latest([...rows.map((r) => r.updatedAt), ...venueDates, chapter?.updatedAt, venue?.updatedAt]),
  };
}

/** One event as a calendar file to download; a draft only for those who run it. */
export async function eventCalendar(
  db: Db,
  network: Network,
  eventId: string,
  actor: Actor,
  { baseUrl, mailFrom }: FeedSite,
): Promise<CalendarBody> {
  const event = await findEvent(db, network, eventId);
  if (!(await eventPolicy.see(db, actor, event))) throw notFound(msg('event.problem.theEvent', { id: eventId }));
  const { places, venueDates } = await withPlaces(db, [event]);
  const programme = programmeText(await programmeOf(db, network, event.id), event.timeZone);
  const body = renderCalendar({ baseUrl, mailFrom, networkName: network.name, calendarName: event.title }, [
    { event, place: placeOf(event, places), ...(programme ? { programme } : {}) },
  ]);
  return { body, lastModified: latest([event.updatedAt, ...venueDates]) };
}

/**
 * The secret feed of a member's own registrations. Unknown and revoked tokens look the same: 404.
 * A waitlisted seat is TENTATIVE; a registration the event's cancellation ended shows CANCELLED.
 */
export async function personalCalendar(
  db: Db,
  network: Network,
  token: string,
  { baseUrl, mailFrom }: FeedSite,
  now = new Date(),
): Promise<CalendarBody> {
  const owner = /^[A-Za-z0-9_-]{43}$/.test(token) ? await q.selectTokenOwner(db, network.id, sha256(token)) : undefined;
  if (!owner) throw notFound(msg('calendar.problem.address'));
  const all = await q.selectPersonalRegistrations(db, network.id, owner, feedStart(now), FEED_MAX_EVENTS);
  const rows = all.filter((r) => r.reg.status !== 'cancelled' || r.reg.cancelledBy === 'event');
  // Someone may hold two registrations for one event (as a member and under another address): keep the best.
  const rank = { confirmed: 0, waitlisted: 1, cancelled: 2 } as const;
  const byEvent = new Map<string, q.PersonalRow>();
  for (const row of rows) {
    const kept = byEvent.get(row.event.id);
    if (!kept || rank[row.reg.status] < rank[kept.reg.status]) byEvent.set(row.event.id, row);
  }
  const kept = [...byEvent.values()];
  const { places, venueDates } = await withPlaces(
    db,
    kept.map((r) => r.event),
  );
  const entries: IcsEntry[] = kept.map((r) => ({
    event: r.event,
    place: placeOf(r.event, places),
    tentative: r.reg.status === 'waitlisted',
  }));
  const body = renderCalendar(
    { baseUrl, mailFrom, networkName: network.name, calendarName: `${network.name} · ${owner.name}` },
    entries,
  );
  // Registrations change the feed without touching the event (a cancelled one leaves it): their dates count too.
  const dates = all.flatMap((r) => [r.event.updatedAt, r.reg.createdAt, r.reg.promotedAt, r.reg.cancelledAt]);
  return { body, lastModified: latest([...dates, ...venueDates]) };
}

export const personalFeedUrl = (baseUrl: string, token: string) => `${baseUrl}/calendar/personal/${token}.ics`;

/** A new secret address; the token is returned once, only its SHA-256 is stored. */
export async function createCalendarToken(db: Tx, network: Network, user: User, baseUrl: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await q.insertToken(db, network.id, user.id, sha256(token));
  return personalFeedUrl(baseUrl, token);
}

export const revokeCalendarTokens = (db: Tx, network: Network, user: User) => q.revokeTokens(db, network.id, user.id);
export const liveCalendarTokens = (db: Tx, network: Network, user: User) => q.countLiveTokens(db, network.id, user.id);
