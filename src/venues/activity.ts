import { z } from 'zod';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError } from '../web/errors.js';
import { authorize, type Actor } from '../web/policy.js';
import * as q from './activity-queries.js';
import { venuePolicy } from './policy.js';
import { presentVenueEvent } from './present.js';
import type { VenueEventActivity } from './schemas.js';
import { findVenue, type VenueRow } from './service.js';
import { msg } from '../web/i18n.js';

/**
 * The venue managers' view of their venue: the events held there with their attendance, and —
 * per event — only the contacts that people agreed to share with the venue.
 */

/** 401 for visitors (before anything is looked up), 404 for an unknown venue, 403 for anyone but its managers and admins. */
export async function venueForActivity(db: Tx, network: Network, actor: Actor, slug: string): Promise<VenueRow> {
  authorize(actor, true, 'see the events and shared contacts of a venue');
  const venue = await findVenue(db, network, slug);
  authorize(
    actor,
    await venuePolicy.seeActivity(db, actor, venue),
    `see the events and shared contacts of ${venue.name} (its managers and admins)`,
  );
  return venue;
}

/**
 * An id that PostgreSQL's ::uuid cast accepts (8-4-4-4-12 hex digits). A looser test let
 * '------------------------------------' through to the database, which refused it with a 500.
 */
const isUuid = (s: unknown): s is string => z.guid().safeParse(s).success;

type Cursor = { phase: 'upcoming' | 'past'; startsAt: Date; id: string };

const encodeCursor = (c: Cursor) =>
  Buffer.from(JSON.stringify({ p: c.phase, s: c.startsAt.toISOString(), i: c.id })).toString('base64url');

function decodeCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined;
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      p?: unknown;
      s?: unknown;
      i?: unknown;
    };
    const startsAt = typeof c.s === 'string' ? new Date(c.s) : new Date(NaN);
    if ((c.p === 'upcoming' || c.p === 'past') && !Number.isNaN(startsAt.getTime()) && isUuid(c.i))
      return { phase: c.p, startsAt, id: c.i };
  } catch {
    // fall through to the error below
  }
  throw new AppError('validation', msg('error.badCursor'), [{ field: 'cursor', message: msg('validation.badCursor') }]);
}

/**
 * A page of the events held at the venue: those not yet ended first (soonest first), then the
 * past ones (latest first). The cursor is the last event seen, so pages neither skip nor repeat.
 */
export async function venueActivity(
  db: Db,
  network: Network,
  venue: VenueRow,
  f: { cursor?: string; limit: number; now?: Date; phase?: Cursor['phase'] },
): Promise<{ items: VenueEventActivity[]; nextCursor: string | null }> {
  const now = f.now ?? new Date();
  const after = decodeCursor(f.cursor);
  const rows: (q.VenueEventRow & { phase: Cursor['phase'] })[] = [];
  if (f.phase !== 'past' && (!after || after.phase === 'upcoming')) {
    const upcoming = await q.selectVenueEvents(db, network.id, venue.id, {
      phase: 'upcoming',
      now,
      after,
      limit: f.limit + 1,
    });
    rows.push(...upcoming.map((r) => ({ ...r, phase: 'upcoming' as const })));
  }
  if (f.phase !== 'upcoming' && rows.length <= f.limit) {
    const past = await q.selectVenueEvents(db, network.id, venue.id, {
      phase: 'past',
      now,
      after: after?.phase === 'past' ? after : undefined,
      limit: f.limit + 1 - rows.length,
    });
    rows.push(...past.map((r) => ({ ...r, phase: 'past' as const })));
  }
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const figures = await q.selectEventFigures(
    db,
    network.id,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) => ({ ...presentVenueEvent(r, figures.get(r.id), now), phase: r.phase })),
    nextCursor:
      rows.length > f.limit && last ? encodeCursor({ phase: last.phase, startsAt: last.startsAt, id: last.id }) : null,
  };
}

/** What the venue has hosted, in total: past events (not cancelled), registrations, check-ins, shared contacts. */
export async function venueTotals(db: Tx, network: Network, venue: VenueRow, now = new Date()) {
  const t = await q.selectPastTotals(db, network.id, venue.id, now);
  return {
    pastEvents: t.events,
    confirmed: t.confirmed,
    checkedIn: t.checkedIn,
    sharedContacts: t.sharedContacts,
    // Of the confirmed, the share who came: null before anyone registered (no 0 % to misread).
    attendanceRate: t.confirmed ? Math.round((t.checkedIn / t.confirmed) * 1000) / 1000 : null,
  };
}

/** The contacts shared with the venue for one of its events; 404 when the event is not held there. */
export async function sharedContacts(db: Db, network: Network, venue: VenueRow, eventId: string, now = new Date()) {
  const notHere = new AppError('not_found', msg('venue.problem.notHeld', { id: eventId, venue: venue.name }));
  if (!isUuid(eventId)) throw notHere;
  const event = await q.selectHeldEvent(db, network.id, venue.id, eventId);
  if (!event) throw notHere;
  const [figures, contacts] = await Promise.all([
    q.selectEventFigures(db, network.id, [event.id]),
    q.selectSharedContacts(db, network.id, event.id),
  ]);
  return {
    event: presentVenueEvent(event, figures.get(event.id), now),
    items: contacts.map((c) => ({ name: c.name, email: c.email, sharedAt: c.sharedAt.toISOString() })),
  };
}
