import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import { chapterOrganizers, chapters } from '../chapters/tables.js';
import type { Db, Tx } from '../db/connection.js';
import { events } from '../events/tables.js';
import { memberProfiles } from '../profiles/tables.js';
import { fromWallClock, wallClock } from '../events/time.js';
import { networks } from '../networks/tables.js';
import { registrations } from '../registrations/tables.js';
import { localeOr, translator } from '../web/i18n.js';
import { composeMail, type Rendered } from './render.js';
import { outboundMessages } from './tables.js';

/**
 * Organisers hear of new registrations, as they chose: `immediate` gathers a minute of news into
 * one message per event, `daily` one digest per chapter at 08:00 Brussels time. A waiting notice
 * exists once (the unique index on its `gather` key), so a flash crowd makes one message, not
 * thousands. These are not transactional: they carry List-Unsubscribe.
 */
const GATHER_MS = 60_000;
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
  const organizers = await tx
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      notify: chapterOrganizers.notify,
      locale: memberProfiles.locale,
    })
    .from(chapterOrganizers)
    .innerJoin(users, eq(users.id, chapterOrganizers.userId))
    .leftJoin(memberProfiles, eq(memberProfiles.userId, users.id))
    .where(
      and(
        eq(chapterOrganizers.networkId, networkId),
        eq(chapterOrganizers.chapterId, event.chapterId),
        sql`${chapterOrganizers.notify} <> 'off'`,
      ),
    );
  if (organizers.length === 0) return;
  await tx
    .insert(outboundMessages)
    .values(
      organizers.map((o) => {
        const daily = o.notify === 'daily';
        const sendAt = daily ? nextMorning(now) : new Date(now.getTime() + GATHER_MS);
        const gather = daily
          ? `${o.userId}:${event.chapterId}:${sendAt.toISOString().slice(0, 10)}`
          : `${o.userId}:${event.id}`;
        return {
          networkId,
          kind: daily ? 'organizer.digest' : 'organizer.registrations',
          toEmail: o.email,
          toName: o.name,
          // The organiser's preferred language, from their profile; the network's first without one.
          locale: localeOr(o.locale),
          payload: { gather, userId: o.userId, chapterId: event.chapterId, eventId: event.id },
          nextAttemptAt: sendAt,
        };
      }),
    )
    .onConflictDoNothing();
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

export async function unsubscribe(db: Tx, who: { userId: string; chapterId: string }): Promise<boolean> {
  const rows = await db
    .update(chapterOrganizers)
    .set({ notify: 'off' })
    .where(and(eq(chapterOrganizers.userId, who.userId), eq(chapterOrganizers.chapterId, who.chapterId)))
    .returning();
  return rows.length > 0;
}

type Message = typeof outboundMessages.$inferSelect;

/** Null when there is nothing new to tell (or the organiser has unsubscribed since). */
export async function renderOrganizerNotice(
  db: Db,
  message: Message,
  baseUrl: string,
  secret: string,
): Promise<Rendered | null> {
  const locale = localeOr(message.locale);
  const t = translator(locale);
  const { userId, chapterId, eventId } = message.payload as { userId: string; chapterId: string; eventId: string };
  const [org] = await db
    .select({ notify: chapterOrganizers.notify, chapter: chapters.name, slug: chapters.slug, network: networks.name })
    .from(chapterOrganizers)
    .innerJoin(chapters, eq(chapters.id, chapterOrganizers.chapterId))
    .innerJoin(networks, eq(networks.id, chapterOrganizers.networkId))
    .where(and(eq(chapterOrganizers.userId, userId), eq(chapterOrganizers.chapterId, chapterId)));
  if (!org || org.notify === 'off') return null;
  const daily = message.kind === 'organizer.digest';
  // News since the last notice of the same kind to this organiser about this event (or chapter).
  const [last] = await db
    .select({ at: outboundMessages.sentAt })
    .from(outboundMessages)
    .where(
      and(
        eq(outboundMessages.kind, message.kind),
        eq(outboundMessages.status, 'sent'),
        sql`${outboundMessages.payload}->>'userId' = ${userId}`,
        daily
          ? sql`${outboundMessages.payload}->>'chapterId' = ${chapterId}`
          : sql`${outboundMessages.payload}->>'eventId' = ${eventId}`,
      ),
    )
    .orderBy(desc(outboundMessages.sentAt))
    .limit(1);
  const since = last?.at ?? new Date(message.createdAt.getTime() - (daily ? 86_400_000 : GATHER_MS));
  const news = await db
    .select({
      eventId: events.id,
      title: events.title,
      n: sql<number>`count(*)::int`,
      waitlisted: sql<number>`count(*) filter (where ${registrations.status} = 'waitlisted')::int`,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      and(
        eq(events.chapterId, chapterId),
        daily ? undefined : eq(events.id, eventId),
        gt(registrations.createdAt, since),
      ),
    )
    .groupBy(events.id, events.title)
    .orderBy(events.title);
  if (news.length === 0) return null;
  const lines = news.map((e) => t('mail.notice.line', { title: e.title, count: e.n, waitlisted: e.waitlisted }));
  const total = news.reduce((s, e) => s + e.n, 0);
  const link = daily ? `${baseUrl}/admin/chapters/${org.slug}` : `${baseUrl}/admin/events/${eventId}/registrations`;
  const unsubscribeUrl = `${baseUrl}/unsubscribe/${unsubscribeToken(secret, userId, chapterId)}`;
  const mail = composeMail(
    locale,
    daily
      ? t('mail.digest.subject', { chapter: org.chapter, count: total })
      : t('mail.notice.subject', { title: news[0]!.title, count: total }),
    [
      t('mail.hello', { name: message.toName || message.toEmail }),
      ...lines,
      t('mail.notice.unsubscribe', { url: unsubscribeUrl }),
    ],
    link,
    t('mail.footer', { network: org.network, url: baseUrl }),
  );
  // RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe button.
  return {
    ...mail,
    headers: {
      ...mail.headers,
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
