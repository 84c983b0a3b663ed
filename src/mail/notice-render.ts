import type { Db } from '../db/connection.js';
import { localeOr, translator } from '../web/i18n.js';
import { composeMail, type Rendered } from './compose.js';
import { localizedText } from '../web/content.js';
import { GATHER_MS, unsubscribeToken } from './notices.js';
import * as q from './queries.js';
import type { outboundMessages } from './tables.js';

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
  const org = await q.selectNoticeOrganizer(db, userId, chapterId);
  if (!org || org.notify === 'off') return null;
  const daily = message.kind === 'organizer.digest';
  // News since the last notice of the same kind to this organiser about this event (or chapter).
  const last = await q.selectLastNotice(db, message.kind, userId, daily ? { chapterId } : { eventId });
  const since = last?.at ?? new Date(message.createdAt.getTime() - (daily ? 86_400_000 : GATHER_MS));
  const news = await q.selectNewsSince(db, chapterId, daily ? undefined : eventId, since);
  if (news.length === 0) return null;
  const lines = news.map((e) =>
    t('mail.notice.line', { title: localizedText(e, 'title', locale), count: e.n, waitlisted: e.waitlisted }),
  );
  const total = news.reduce((s, e) => s + e.n, 0);
  const link = daily ? `${baseUrl}/admin/chapters/${org.slug}` : `${baseUrl}/admin/events/${eventId}/registrations`;
  const unsubscribeUrl = `${baseUrl}/unsubscribe/${unsubscribeToken(secret, userId, chapterId)}`;
  const mail = composeMail(
    locale,
    daily
      ? t('mail.digest.subject', { chapter: org.chapter, count: total })
      : t('mail.notice.subject', { title: localizedText(news[0]!, 'title', locale), count: total }),
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
