import { and, asc, eq, ne } from 'drizzle-orm';
import { chapters } from '../chapters/tables.js';
import { findChapter } from '../chapters/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { findVenue } from '../venues/service.js';
import { venues } from '../venues/tables.js';
import { AppError, notFound } from '../web/errors.js';
import type { PartnershipCreate, PartnershipUpdate, PartnershipView } from './schemas.js';
import { partnerships } from './tables.js';
import { msg } from '../web/i18n.js';

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

type Joined = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];

export function presentPartnership({ p, chapter, venue }: Joined): PartnershipView {
  return {
    id: p.id,
    chapter,
    venue,
    venueProvides: p.venueProvides,
    networkProvides: p.networkProvides,
    since: p.since,
    until: p.until,
    status: p.status,
    createdAt: p.createdAt.toISOString(),
  };
}

/** A chapter and a venue have at most one partnership that is not ended. */
async function refuseSecondOpen(db: Tx, networkId: string, chapterId: string, venueId: string, exceptId?: string) {
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
  if (open) throw new AppError('conflict', msg('chapter.problem.secondOpen', { id: open.id }));
}

export async function createPartnership(
  db: Db,
  network: Network,
  chapterSlug: string,
  input: PartnershipCreate,
): Promise<PartnershipView> {
  return db.transaction(async (tx) => {
    const chapter = await findChapter(tx, network, chapterSlug, true);
    const venue = await findVenue(tx, network, input.venue).catch(() => {
      throw new AppError('validation', msg('chapter.problem.noVenue', { venue: input.venue }), [
        { field: 'venue', message: msg('chapter.problem.unknownVenue') },
      ]);
    });
    if (input.status !== 'ended') await refuseSecondOpen(tx, network.id, chapter.id, venue.id);
    const { venue: _slug, ...values } = input;
    const [row] = await tx
      .insert(partnerships)
      .values({ networkId: network.id, chapterId: chapter.id, venueId: venue.id, ...values })
      .returning();
    return presentPartnership({
      p: row!,
      chapter: { slug: chapter.slug, name: chapter.name },
      venue: { slug: venue.slug, name: venue.name, city: venue.city },
    });
  });
}

export async function findPartnership(db: Tx, network: Network, id: string, lock = false): Promise<Joined> {
  const q = withNames(db).where(and(eq(partnerships.networkId, network.id), eq(partnerships.id, id)));
  const [row] = lock ? await q.for('update', { of: partnerships }) : await q;
  if (!row) throw notFound(msg('chapter.problem.thePartnership', { id }));
  return row;
}

export async function updatePartnership(
  db: Db,
  network: Network,
  id: string,
  patch: PartnershipUpdate,
): Promise<PartnershipView> {
  return db.transaction(async (tx) => {
    const current = await findPartnership(tx, network, id, true);
    const since = patch.since !== undefined ? patch.since : current.p.since;
    const until = patch.until !== undefined ? patch.until : current.p.until;
    if (since && until && until < since)
      throw new AppError('validation', msg('chapter.problem.endBeforeStart'), [
        { field: 'until', message: msg('validation.untilAfterSince') },
      ]);
    if (patch.status && patch.status !== 'ended')
      await refuseSecondOpen(tx, network.id, current.p.chapterId, current.p.venueId, id);
    const [row] = await tx.update(partnerships).set(patch).where(eq(partnerships.id, id)).returning();
    return presentPartnership({ ...current, p: row! });
  });
}

export async function listPartnerships(
  db: Tx,
  network: Network,
  filter: { chapterId?: string; venueId?: string },
): Promise<PartnershipView[]> {
  const rows = await withNames(db)
    .where(
      and(
        eq(partnerships.networkId, network.id),
        filter.chapterId ? eq(partnerships.chapterId, filter.chapterId) : undefined,
        filter.venueId ? eq(partnerships.venueId, filter.venueId) : undefined,
      ),
    )
    .orderBy(asc(venues.name), asc(partnerships.createdAt));
  return rows.map(presentPartnership);
}
