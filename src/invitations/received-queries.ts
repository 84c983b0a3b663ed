import { and, desc, eq, sql } from 'drizzle-orm';
import { chapters } from '../chapters/tables.js';
import type { Tx } from '../db/connection.js';
import { events } from '../events/tables.js';
import { registrations } from '../registrations/tables.js';
import { invitationCampaigns, invitations } from './tables.js';

/**
 * The invitations a member received, newest first, with the event, the campaign's message and what
 * the member did about it: their live registration for the event, by account or by the address the
 * account has (a guest registration made before signing in counts as an answer too).
 */
export function selectReceived(
  db: Tx,
  me: { networkId: string; userId: string; email: string },
  opts: { limit: number; offset: number },
) {
  const answer = sql<'confirmed' | 'waitlisted' | null>`(
    select ${registrations.status}::text from ${registrations}
    where ${registrations.eventId} = ${events.id}
      and ${registrations.status} <> 'cancelled'
      and (${registrations.userId} = ${me.userId} or ${registrations.email} = ${me.email})
    order by ${registrations.createdAt} limit 1)`;
  return db
    .select({
      id: invitations.id,
      invitedAt: invitations.createdAt,
      event: {
        id: events.id,
        title: events.title,
        language: events.language,
        translations: events.translations,
        startsAt: events.startsAt,
        timeZone: events.timeZone,
        status: events.status,
      },
      chapter: {
        slug: chapters.slug,
        name: chapters.name,
        language: chapters.language,
        translations: chapters.translations,
      },
      campaign: {
        message: invitationCampaigns.message,
        language: invitationCampaigns.language,
        translations: invitationCampaigns.translations,
      },
      answer,
    })
    .from(invitations)
    .innerJoin(events, eq(events.id, invitations.eventId))
    .innerJoin(chapters, eq(chapters.id, events.chapterId))
    .innerJoin(invitationCampaigns, eq(invitationCampaigns.id, invitations.campaignId))
    .where(and(eq(invitations.networkId, me.networkId), eq(invitations.userId, me.userId)))
    .orderBy(desc(invitations.createdAt), invitations.id)
    .limit(opts.limit)
    .offset(opts.offset);
}

export type ReceivedRow = Awaited<ReturnType<typeof selectReceived>>[number];
