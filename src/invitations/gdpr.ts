import { and, eq } from 'drizzle-orm';
import { isoOrNull as iso, type PersonalData } from '../db/gdpr.js';
import { events } from '../events/tables.js';
import { keepOutcomes } from './queries.js';
import { invitations } from './tables.js';

/** A member's invitations in the GDPR export; before an erasure, each remembers what came of it. */
export const invitationData: PersonalData = {
  key: 'invitations',
  async export(tx, who) {
    const rows = await tx
      .select({ title: events.title, startsAt: events.startsAt, invitedAt: invitations.createdAt })
      .from(invitations)
      .innerJoin(events, eq(events.id, invitations.eventId))
      .where(and(eq(invitations.networkId, who.networkId), eq(invitations.userId, who.userId)))
      .orderBy(invitations.createdAt);
    return rows.map((i) => ({ event: i.title, startsAt: iso(i.startsAt), invitedAt: iso(i.invitedAt) }));
  },
  // Before the registrations are anonymised: the outcome is found by the account's id and address.
  forget: (tx, who) => keepOutcomes(tx, who.networkId, { id: who.userId, email: who.email }),
};
