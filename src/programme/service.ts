import type { User } from '../accounts/service.js';
import type { Db, Tx } from '../db/connection.js';
import { authorizeEvent } from '../events/policy.js';
import { findEvent } from '../events/service.js';
import type { Network } from '../networks/service.js';
import { roomsOf } from '../venues/service.js';
import { AppError, notFound } from '../web/errors.js';
import { isUuid } from '../web/schemas.js';
import { slugify } from '../web/slug.js';
import * as q from './queries.js';
import type { SessionCreate, SessionUpdate } from './schemas.js';
import { msg } from '../web/i18n.js';
import { formatTime } from '../events/format.js';

export { ProgrammeSection } from './components.js';
export type ProgrammeEntry = Awaited<ReturnType<typeof programmeOf>>[number];

/** The programme of an event, in time order, with rooms and speakers. */
export async function programmeOf(db: Tx, _network: Network, eventId: string) {
  const rows = await q.selectSessions(db, [eventId]);
  const sp = await q.speakersOf(
    db,
    rows.map((r) => r.s.id),
  );
  return rows.map(({ s, roomName }) => ({
    id: s.id,
    eventId: s.eventId,
    title: s.title,
    abstract: s.abstract,
    language: s.language,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    room: s.roomId ? { id: s.roomId, name: roomName ?? '' } : null,
    speakers: sp.filter((x) => x.sessionId === s.id).map((x) => ({ name: x.sp.name, slug: x.sp.slug, bio: x.sp.bio })),
  }));
}

/** The programme as plain text lines, for an iCalendar description. */
export function programmeText(entries: ProgrammeEntry[], timeZone: string): string {
  const hm = (d: Date) => formatTime(d, 'en', timeZone);
  return entries
    .map(
      (e) =>
        `${hm(e.startsAt)}–${hm(e.endsAt)} ${e.title}${e.speakers.length ? ` (${e.speakers.map((s) => s.name).join(', ')})` : ''}${e.room ? ` · ${e.room.name}` : ''}`,
    )
    .join('\n');
}

async function checkSlot(
  tx: Tx,
  network: Network,
  event: Awaited<ReturnType<typeof findEvent>>,
  s: { startsAt: Date; endsAt: Date; roomId: string | null },
  except?: string,
) {
  if (s.endsAt <= s.startsAt)
    throw new AppError('validation', msg('programme.problem.endAfterStart'), [
      { field: 'endsAt', message: msg('validation.endAfterStart') },
    ]);
  if (s.startsAt < event.startsAt || s.endsAt > event.endsAt)
    throw new AppError('validation', msg('programme.problem.within'), [
      { field: 'startsAt', message: msg('programme.problem.withinField') },
    ]);
  if (!s.roomId) return;
  const rooms = event.venueId ? ((await roomsOf(tx, network, [event.venueId])).get(event.venueId) ?? []) : [];
  if (!rooms.some((r) => r.id === s.roomId))
    throw new AppError('validation', msg('programme.problem.room'), [
      { field: 'roomId', message: msg('programme.problem.roomField') },
    ]);
  await q.lockRoom(tx, s.roomId);
  const other = await q.overlapping(tx, s.roomId, s.startsAt, s.endsAt, except);
  if (other)
    throw new AppError('conflict', msg('programme.problem.booked', { title: other.title }), [
      { field: 'roomId', message: msg('programme.problem.bookedField') },
    ]);
}

async function addSpeakers(
  tx: Tx,
  network: Network,
  sessionId: string,
  people: { name: string; bio?: string | undefined; email?: string | undefined }[],
) {
  for (const p of people) {
    const sp = await q.insertSpeaker(tx, {
      networkId: network.id,
      slug: slugify(p.name) || 'speaker',
      name: p.name,
      bio: p.bio ?? '',
      email: p.email ?? null,
    });
    await q.linkSpeaker(tx, sessionId, sp.id);
  }
}

/** Organisers add a session by hand: within the event, in a room of its venue that is free then. */
export async function addSession(db: Db, network: Network, actor: User | null, eventId: string, input: SessionCreate) {
  return db.transaction(async (tx) => {
    const event = await findEvent(tx, network, eventId);
    await authorizeEvent(tx, actor, event, 'change the programme of this event');
    const slot = { startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), roomId: input.roomId ?? null };
    await checkSlot(tx, network, event, slot);
    const s = await q.insertSession(tx, {
      networkId: network.id,
      eventId: event.id,
      title: input.title,
      abstract: input.abstract,
      language: input.language,
      ...slot,
    });
    await addSpeakers(tx, network, s.id, input.speakers);
    return s;
  });
}

export async function updateSession(db: Db, network: Network, actor: User | null, id: string, patch: SessionUpdate) {
  return db.transaction(async (tx) => {
    const s = isUuid(id) ? await q.selectSession(tx, network.id, id) : undefined;
    if (!s) throw notFound(msg('programme.problem.session', { id }));
    const event = await findEvent(tx, network, s.eventId);
    await authorizeEvent(tx, actor, event, 'change the programme of this event');
    const slot = {
      startsAt: patch.startsAt ? new Date(patch.startsAt) : s.startsAt,
      endsAt: patch.endsAt ? new Date(patch.endsAt) : s.endsAt,
      roomId: patch.roomId === undefined ? s.roomId : patch.roomId,
    };
    await checkSlot(tx, network, event, slot, s.id);
    return q.updateSessionRow(tx, s.id, {
      ...slot,
      ...(patch.title ? { title: patch.title } : {}),
      ...(patch.abstract !== undefined ? { abstract: patch.abstract } : {}),
    });
  });
}

/**
 * A confirmed talk joins its event's programme, once: at the start of the event until the
 * organisers give it its slot and room. Called in the confirmation's transaction.
 */
export async function sessionFromTalk(
  tx: Tx,
  network: Network,
  talk: {
    submissionId: string;
    eventId: string;
    title: string;
    abstract: string;
    language: string;
    speakers: { name: string; email: string }[];
  },
) {
  const existing = await q.selectSessionBySubmission(tx, talk.submissionId);
  if (existing) return existing;
  const event = await findEvent(tx, network, talk.eventId);
  const startsAt = event.startsAt;
  const endsAt = new Date(Math.min(event.endsAt.getTime(), startsAt.getTime() + 30 * 60_000));
  const s = await q.insertSession(tx, {
    networkId: network.id,
    eventId: event.id,
    submissionId: talk.submissionId,
    title: talk.title,
    abstract: talk.abstract,
    language: talk.language,
    startsAt,
    endsAt,
    roomId: null,
  });
  await addSpeakers(tx, network, s.id, talk.speakers);
  return s;
}

export async function findSpeaker(db: Tx, network: Network, slug: string) {
  const sp = await q.selectSpeaker(db, network.id, slug);
  if (!sp) throw notFound(msg('programme.problem.speaker', { slug }));
  return {
    speaker: sp,
    sessions: (await q.sessionsOfSpeaker(db, sp.id)).map((r) => ({ ...r.s, eventTitle: r.eventTitle })),
  };
}

export async function findSession(db: Tx, network: Network, id: string) {
  const s = isUuid(id) ? await q.selectSession(db, network.id, id) : undefined;
  if (!s) throw notFound(msg('programme.problem.session', { id }));
  return s;
}
