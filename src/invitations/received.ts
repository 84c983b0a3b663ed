import { z } from 'zod';
import type { User } from '../accounts/service.js';
import type { Db } from '../db/connection.js';
import { localizedText } from '../web/content.js';
import type { Locale } from '../web/i18n.js';
import { eventPath } from '../web/event-path.js';
import { type ReceivedRow, selectReceived } from './received-queries.js';

/** What came of an invitation, as the member reads it. */
export const ReceivedAnswerSchema = z
  .enum(['registered', 'waitlisted', 'open', 'past', 'cancelled'])
  .describe(
    'registered or waitlisted (a live registration for the event), open (not registered, still upcoming), past (not registered, event started), cancelled (the event was cancelled)',
  );
export type ReceivedAnswer = z.infer<typeof ReceivedAnswerSchema>;

export const ReceivedInvitationSchema = z.object({
  id: z.uuid(),
  invitedAt: z.string().describe('ISO 8601 instant'),
  event: z.object({
    id: z.uuid(),
    title: z.string().describe('In the language of Accept-Language when written in it, else as written'),
    url: z.string().describe('The event page (a path on this site)'),
    startsAt: z.string().describe('ISO 8601 instant'),
    timeZone: z.string(),
  }),
  chapter: z.object({ slug: z.string(), name: z.string() }),
  message: z.string().describe('The organisers’ message, as for the title'),
  answer: ReceivedAnswerSchema,
});

export function answerOf(row: ReceivedRow, now = new Date()): ReceivedAnswer {
  if (row.event.status === 'cancelled') return 'cancelled';
  if (row.answer === 'confirmed') return 'registered';
  if (row.answer === 'waitlisted') return 'waitlisted';
  return row.event.startsAt <= now ? 'past' : 'open';
}

/** The invitations `user` received, newest first (one more than `limit` tells there is a next page). */
export const receivedInvitations = (db: Db, user: User, opts: { limit: number; offset: number }) =>
  selectReceived(db, { networkId: user.networkId, userId: user.id, email: user.email }, opts);

export function presentReceived(row: ReceivedRow, locale: Locale): z.infer<typeof ReceivedInvitationSchema> {
  const title = localizedText(row.event, 'title', locale);
  return {
    id: row.id,
    invitedAt: row.invitedAt.toISOString(),
    event: {
      id: row.event.id,
      title,
      url: eventPath({ id: row.event.id, title: row.event.title }),
      startsAt: row.event.startsAt.toISOString(),
      timeZone: row.event.timeZone,
    },
    chapter: { slug: row.chapter.slug, name: localizedText(row.chapter, 'name', locale) },
    message: localizedText(row.campaign, 'message', locale),
    answer: answerOf(row),
  };
}
