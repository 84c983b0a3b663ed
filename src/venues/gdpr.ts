import { and, eq } from 'drizzle-orm';
import { isoOrNull as iso, type PersonalData } from '../db/gdpr.js';
import { venueManagers, venues } from './tables.js';

// GDPR: the venues a person manages. A role, deleted with the account (ON DELETE CASCADE): export only.
export const venueManagerData: PersonalData = {
  key: 'venueManagerOf',
  async export(tx, who) {
    const rows = await tx
      .select({ venue: venues.name, slug: venues.slug, createdAt: venueManagers.createdAt })
      .from(venueManagers)
      .innerJoin(venues, eq(venues.id, venueManagers.venueId))
      .where(and(eq(venueManagers.networkId, who.networkId), eq(venueManagers.userId, who.userId)));
    return rows.map((r) => ({ venue: r.venue, slug: r.slug, since: iso(r.createdAt) }));
  },
};
