import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { DELETED_LABEL, isoOrNull as iso, type DataSubject, type PersonalData } from '../db/gdpr.js';
import { events } from '../events/tables.js';
import { registrations } from './tables.js';

// GDPR only: the export and erasure of a person's registrations, moved here from members/queries.ts
// so that the GDPR feature no longer reaches into this feature's tables.

/** A person's registrations: made while signed in, or with their address before they had an account. */
const mine = (who: DataSubject): SQL =>
  and(
    eq(registrations.networkId, who.networkId),
    or(eq(registrations.userId, who.userId), eq(registrations.email, who.email)),
  )!;

export const registrationData: PersonalData = {
  key: 'registrations',
  async export(tx: Tx, who) {
    const rows = await tx
      .select({
        title: events.title,
        startsAt: events.startsAt,
        name: registrations.name,
        email: registrations.email,
        status: registrations.status,
        checkedInAt: registrations.checkedInAt,
        answers: registrations.answers,
        sharedWithVenueAt: registrations.sharedWithVenueAt,
        locale: registrations.locale,
        createdAt: registrations.createdAt,
        cancelledAt: registrations.cancelledAt,
      })
      .from(registrations)
      .innerJoin(events, eq(events.id, registrations.eventId))
      .where(mine(who))
      .orderBy(events.startsAt);
    return rows.map((r) => ({
      event: r.title,
      startsAt: iso(r.startsAt),
      name: r.name,
      email: r.email,
      status: r.status,
      checkedInAt: iso(r.checkedInAt),
      answers: r.answers,
      consentToShareWithVenue: { given: r.sharedWithVenueAt !== null, at: iso(r.sharedWithVenueAt) },
      language: r.locale,
      registeredAt: iso(r.createdAt),
      cancelledAt: iso(r.cancelledAt),
    }));
  },
  /**
   * Keeps the row (status, check-in) so an event's counts stay right, and takes out everything
   * that says who it was. The address becomes unique per row so the one-live-per-address index holds.
   */
  async forget(tx, who, erasure) {
    const anonymised = await tx
      .update(registrations)
      .set({
        name: DELETED_LABEL,
        email: sql`'deleted-' || ${registrations.id} || '@invalid'`,
        answers: {},
        userId: null,
        sharedWithVenueAt: null,
      })
      .where(mine(who))
      .returning({ id: registrations.id });
    erasure.registrationIds.push(...anonymised.map((r) => r.id));
  },
};
