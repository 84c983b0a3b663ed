import { and, desc, eq, gt, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import { chapterOrganizers, chapters } from '../chapters/tables.js';
import type { Db, Tx } from '../db/connection.js';
import { events } from '../events/tables.js';
import { memberProfiles } from '../profiles/tables.js';
import { networks } from '../networks/tables.js';
import { registrations } from '../registrations/tables.js';
import { outboundMessages, PRIVATE_BODY } from './tables.js';
import { containing } from '../web/search-sql.js';

// Mail's reads and the organisers' notices. The queue writers other features call inside their
// transactions are in outbox.ts; the worker's claim queries in worker.ts (see docs/DECISIONS.md).

export type OutboxStatus = (typeof outboundMessages.$inferSelect)['status'];
export interface OutboxFilter {
  status?: OutboxStatus;
  /** Part of the recipient's address or name. */
  to?: string;
}

const outboxWhere = (networkId: string, f: OutboxFilter) => {
  const like = f.to ? containing(f.to) : undefined;
  return and(
    eq(outboundMessages.networkId, networkId),
    f.status ? eq(outboundMessages.status, f.status) : undefined,
    like ? or(ilike(outboundMessages.toEmail, like), ilike(outboundMessages.toName, like)) : undefined,
  );
};

/** The outbox as admins see it: the latest messages first, filtered, a page at a time. */
export const selectOutbox = (db: Db, networkId: string, f: OutboxFilter, page: { limit: number; offset: number }) =>
  db
    .select({
      id: outboundMessages.id,
      kind: outboundMessages.kind,
      toEmail: outboundMessages.toEmail,
      subject: outboundMessages.subject,
      locale: outboundMessages.locale,
      payload: outboundMessages.payload,
      status: outboundMessages.status,
      attempts: outboundMessages.attempts,
      lastError: outboundMessages.lastError,
      createdAt: outboundMessages.createdAt,
    })
    .from(outboundMessages)
    .where(outboxWhere(networkId, f))
    .orderBy(desc(outboundMessages.createdAt), desc(outboundMessages.id))
    .limit(page.limit)
    .offset(page.offset);

export async function countOutbox(db: Db, networkId: string, f: OutboxFilter): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outboundMessages)
    .where(outboxWhere(networkId, f));
  return row?.n ?? 0;
}

export async function selectOutboxMessage(db: Db, networkId: string, id: string) {
  const [row] = await db
    .select()
    .from(outboundMessages)
    .where(and(eq(outboundMessages.networkId, networkId), eq(outboundMessages.id, id)));
  return row;
}

/** Back in the queue, due now, as if never tried: the worker sends (or holds) it again. */
export async function requeueMessage(db: Tx, networkId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(outboundMessages)
    .set({ status: 'pending', nextAttemptAt: sql`now()`, attempts: 0, lastError: null, sentAt: null })
    .where(
      and(
        eq(outboundMessages.networkId, networkId),
        eq(outboundMessages.id, id),
        // A waiting notice gathers news under a unique key; a sent one is not resent beside it.
        sql`NOT (${outboundMessages.payload} ? 'gather')`,
        // A private message whose text is gone has nothing left to send.
        sql`NOT (${outboundMessages.payload} ? ${PRIVATE_BODY} AND ${outboundMessages.textBody} IS NULL)`,
      ),
    )
    .returning({ id: outboundMessages.id });
  return rows.length > 0;
}

/** A message not yet sent is not sent at all; the row stays as the record (a private message's without its text). */
export async function cancelMessage(db: Tx, networkId: string, id: string): Promise<boolean> {
  const isPrivate = sql`${outboundMessages.payload} ? ${PRIVATE_BODY}`;
  const rows = await db
    .update(outboundMessages)
    .set({
      status: 'cancelled',
      subject: sql`CASE WHEN ${isPrivate} THEN NULL ELSE ${outboundMessages.subject} END`,
      textBody: sql`CASE WHEN ${isPrivate} THEN NULL ELSE ${outboundMessages.textBody} END`,
      htmlBody: sql`CASE WHEN ${isPrivate} THEN NULL ELSE ${outboundMessages.htmlBody} END`,
      headers: sql`CASE WHEN ${isPrivate} THEN '{}'::jsonb ELSE ${outboundMessages.headers} END`,
      attachments: sql`CASE WHEN ${isPrivate} THEN '[]'::jsonb ELSE ${outboundMessages.attachments} END`,
    })
    .where(
      and(
        eq(outboundMessages.networkId, networkId),
        eq(outboundMessages.id, id),
        inArray(outboundMessages.status, ['pending', 'held']),
      ),
    )
    .returning({ id: outboundMessages.id });
  return rows.length > 0;
}

/** The chapter an unsubscribe link names. */
export async function selectChapterName(db: Db, chapterId: string): Promise<string | undefined> {
  const [row] = await db.select({ name: chapters.name }).from(chapters).where(eq(chapters.id, chapterId));
  return row?.name;
}

/** A registration's message: the registration, its event and network. */
export async function selectRegistrationMail(db: Db, registrationId: string) {
  const [row] = await db
    .select({ registration: registrations, event: events, network: networks })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .innerJoin(networks, eq(networks.id, registrations.networkId))
    .where(eq(registrations.id, registrationId));
  return row;
}

export async function selectNetworkName(db: Db, networkId: string): Promise<string | undefined> {
  const [row] = await db.select({ name: networks.name }).from(networks).where(eq(networks.id, networkId));
  return row?.name;
}

/** The organisers of a chapter who want to hear of registrations, with their language. */
/**
 * The notices of one event's new registrations, chosen and written in one statement (the
 * registration batches of a flash crowd call this under the event's lock: one round trip, not a
 * SELECT then an INSERT). Organisers whose `notify` is off are left out; a waiting notice exists
 * once (the `gather` key), so later ones are dropped.
 */
export async function insertNoticesOfEvent(tx: Tx, p: NoticesOfEvent): Promise<void> {
  await tx.execute(noticesOfEventSql(p));
}

export interface NoticesOfEvent {
  networkId: string;
  chapterId: string;
  eventId: string;
  /** When an `immediate` notice goes, and when the day's digest does (with that day's date). */
  soon: Date;
  morning: Date;
  day: string;
  locales: readonly string[];
  fallbackLocale: string;
}

export const noticesOfEventCte = (name: string, p: NoticesOfEvent): SQL =>
  sql`${sql.identifier(name)} AS (${noticesOfEventSql(p)})`;

/** The statement of `insertNoticesOfEvent`, also spliced into a registration batch's single write. */
export function noticesOfEventSql(p: NoticesOfEvent): SQL {
  const daily = sql`${chapterOrganizers.notify} = 'daily'`;
  return sql`
    INSERT INTO ${outboundMessages} (network_id, kind, to_email, to_name, locale, payload, next_attempt_at)
    SELECT ${p.networkId}::uuid,
      CASE WHEN ${daily} THEN 'organizer.digest' ELSE 'organizer.registrations' END,
      ${users.email}, ${users.name},
      -- The profile's chosen language, else the one the account last used, else the event's.
      CASE WHEN coalesce(${memberProfiles.locale}, ${users.locale}) IN (${sql.join(
        p.locales.map((l) => sql`${l}`),
        sql`, `,
      )}) THEN coalesce(${memberProfiles.locale}, ${users.locale}) ELSE ${p.fallbackLocale}::text END,
      jsonb_build_object(
        'gather', CASE WHEN ${daily}
          THEN ${users.id}::text || ':' || ${p.chapterId}::text || ':' || ${p.day}::text
          ELSE ${users.id}::text || ':' || ${p.eventId}::text END,
        'userId', ${users.id}::text, 'chapterId', ${p.chapterId}::text, 'eventId', ${p.eventId}::text),
      CASE WHEN ${daily} THEN ${p.morning.toISOString()}::timestamptz ELSE ${p.soon.toISOString()}::timestamptz END
    FROM ${chapterOrganizers}
    JOIN ${users} ON ${users.id} = ${chapterOrganizers.userId}
    LEFT JOIN ${memberProfiles} ON ${memberProfiles.userId} = ${users.id}
    WHERE ${chapterOrganizers.networkId} = ${p.networkId} AND ${chapterOrganizers.chapterId} = ${p.chapterId}
      AND ${chapterOrganizers.notify} <> 'off'
    ON CONFLICT DO NOTHING`;
}

export async function setNotifyOff(db: Tx, who: { userId: string; chapterId: string }): Promise<boolean> {
  const rows = await db
    .update(chapterOrganizers)
    .set({ notify: 'off' })
    .where(and(eq(chapterOrganizers.userId, who.userId), eq(chapterOrganizers.chapterId, who.chapterId)))
    .returning();
  return rows.length > 0;
}

export async function selectNoticeOrganizer(db: Db, userId: string, chapterId: string) {
  const [org] = await db
    .select({ notify: chapterOrganizers.notify, chapter: chapters.name, slug: chapters.slug, network: networks.name })
    .from(chapterOrganizers)
    .innerJoin(chapters, eq(chapters.id, chapterOrganizers.chapterId))
    .innerJoin(networks, eq(networks.id, chapterOrganizers.networkId))
    .where(and(eq(chapterOrganizers.userId, userId), eq(chapterOrganizers.chapterId, chapterId)));
  return org;
}

/** The last notice of this kind sent to this organiser about this chapter (digest) or event. */
export async function selectLastNotice(
  db: Db,
  kind: string,
  userId: string,
  about: { chapterId: string } | { eventId: string },
) {
  const [last] = await db
    .select({ at: outboundMessages.sentAt })
    .from(outboundMessages)
    .where(
      and(
        eq(outboundMessages.kind, kind),
        eq(outboundMessages.status, 'sent'),
        sql`${outboundMessages.payload}->>'userId' = ${userId}`,
        'chapterId' in about
          ? sql`${outboundMessages.payload}->>'chapterId' = ${about.chapterId}`
          : sql`${outboundMessages.payload}->>'eventId' = ${about.eventId}`,
      ),
    )
    .orderBy(desc(outboundMessages.sentAt))
    .limit(1);
  return last;
}

/** New registrations per event of the chapter (or of one event) since a date. */
export const selectNewsSince = (db: Db, chapterId: string, eventId: string | undefined, since: Date) =>
  db
    .select({
      eventId: events.id,
      title: events.title,
      language: events.language,
      translations: events.translations,
      n: sql<number>`count(*)::int`,
      waitlisted: sql<number>`count(*) filter (where ${registrations.status} = 'waitlisted')::int`,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      and(
        eq(events.chapterId, chapterId),
        eventId ? eq(events.id, eventId) : undefined,
        gt(registrations.createdAt, since),
      ),
    )
    .groupBy(events.id)
    .orderBy(events.title);
