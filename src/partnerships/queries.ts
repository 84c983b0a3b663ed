import { and, asc, eq, ne } from 'drizzle-orm';
import { chapters } from '../chapters/tables.js';
import type { Tx } from '../db/connection.js';
import { venues } from '../venues/tables.js';
import { partnerships } from './tables.js';

// Partnerships of a chapter and a venue, always read with the names of both.

const withNames = (db: Tx) =>
  db
    .select({
      p: partnerships,
      chapter: { slug: chapters.slug, name: chapters.name },
      venue: { slug: venues.slug, name: venues.name, city: venues.city },
    })
    .from(partnerships)
    .innerJoin(chapters, eq(chapters.id, partnerships.chapterId))
    .innerJoin(venues, eq(venues.id, partnerships.venueId));

export type PartnershipJoined = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];
export type PartnershipRow = typeof partnerships.$inferSelect;

export async function selectPartnership(
  db: Tx,
  networkId: string,
  id: string,
  lock = false,
): Promise<PartnershipJoined | undefined> {
  const q = withNames(db).where(and(eq(partnerships.networkId, networkId), eq(partnerships.id, id)));
  const [row] = lock ? await q.for('update', { of: partnerships }) : await q;
  return row;
}

export function selectPartnerships(db: Tx, networkId: string, filter: { chapterId?: string; venueId?: string }) {
  return withNames(db)
    .where(
      and(
        eq(partnerships.networkId, networkId),
        filter.chapterId ? eq(partnerships.chapterId, filter.chapterId) : undefined,
        filter.venueId ? eq(partnerships.venueId, filter.venueId) : undefined,
      ),
    )
    .orderBy(asc(venues.name), asc(partnerships.createdAt));
}

/** The partnership of this chapter and venue that has not ended, other than `exceptId`, if any. */
export async function selectOpenPartnership(
  db: Tx,
  networkId: string,
  chapterId: string,
  venueId: string,
  exceptId?: string,
): Promise<{ id: string } | undefined> {
  const [open] = await db
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(
      and(
        eq(partnerships.networkId, networkId),
        eq(partnerships.chapterId, chapterId),
        eq(partnerships.venueId, venueId),
        ne(partnerships.status, 'ended'),
        exceptId ? ne(partnerships.id, exceptId) : undefined,
      ),
    );
  return open;
}

export async function insertPartnership(db: Tx, values: typeof partnerships.$inferInsert): Promise<PartnershipRow> {
  const [row] = await db.insert(partnerships).values(values).returning();
  return row!;
}

export async function updatePartnershipRow(
  db: Tx,
  id: string,
  patch: Partial<typeof partnerships.$inferInsert>,
): Promise<PartnershipRow> {
  const [row] = await db.update(partnerships).set(patch).where(eq(partnerships.id, id)).returning();
  return row!;
}
