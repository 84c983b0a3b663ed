import { and, asc, eq, gt, inArray, notInArray, sql } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import { chapters } from '../chapters/tables.js';
import type { Tx } from '../db/connection.js';
import { partnerships } from '../partnerships/tables.js';
import type { Translations } from '../web/content.js';
import { rooms, venueManagers, venues } from './tables.js';

export type VenueRow = typeof venues.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;
type VenueValues = Omit<typeof venues.$inferInsert, 'id' | 'networkId' | 'createdAt' | 'updatedAt'>;

export function selectVenues(
  db: Tx,
  networkId: string,
  opts: { city?: string; kind?: VenueRow['kind']; after?: string; limit: number },
) {
  return db
    .select()
    .from(venues)
    .where(
      and(
        eq(venues.networkId, networkId),
        opts.city ? sql`lower(${venues.city}) = lower(${opts.city})` : undefined,
        opts.kind ? eq(venues.kind, opts.kind) : undefined,
        opts.after ? gt(venues.slug, opts.after) : undefined,
      ),
    )
    .orderBy(asc(venues.slug))
    .limit(opts.limit);
}

export async function selectVenue(
  db: Tx,
  networkId: string,
  slug: string,
  lock = false,
): Promise<VenueRow | undefined> {
  const q = db
    .select()
    .from(venues)
    .where(and(eq(venues.networkId, networkId), eq(venues.slug, slug)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertVenue(
  db: Tx,
  networkId: string,
  values: VenueValues & { slug: string },
): Promise<VenueRow | undefined> {
  const [row] = await db
    .insert(venues)
    .values({ networkId, ...values })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function updateVenue(db: Tx, id: string, patch: Partial<VenueValues>): Promise<VenueRow> {
  const [row] = await db
    .update(venues)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(venues.id, id))
    .returning();
  return row!;
}

export async function selectRooms(db: Tx, networkId: string, venueIds: string[]) {
  const map = new Map<string, RoomRow[]>();
  if (venueIds.length === 0) return map;
  const rows = await db
    .select()
    .from(rooms)
    .where(and(eq(rooms.networkId, networkId), inArray(rooms.venueId, venueIds)))
    .orderBy(asc(rooms.name));
  for (const r of rows) map.set(r.venueId, [...(map.get(r.venueId) ?? []), r]);
  return map;
}

/** Makes the venue's rooms exactly `wanted`: same names keep their id (and later their bookings). */
export async function replaceRooms(
  db: Tx,
  networkId: string,
  venueId: string,
  wanted: { name: string; capacity: number; language: string; translations: Translations }[],
) {
  const names = wanted.map((r) => r.name);
  await db
    .delete(rooms)
    .where(
      and(
        eq(rooms.networkId, networkId),
        eq(rooms.venueId, venueId),
        names.length ? notInArray(rooms.name, names) : undefined,
      ),
    );
  for (const r of wanted) {
    await db
      .insert(rooms)
      .values({ networkId, venueId, ...r })
      .onConflictDoUpdate({
        target: [rooms.networkId, rooms.venueId, rooms.name],
        set: { capacity: r.capacity, language: r.language, translations: r.translations },
      });
  }
}

/** A chapter the venue hosts, with its name's translations for the venue's page. */
export type HostedChapter = { slug: string; name: string; language: string; translations: Translations };

export async function selectHostedChapters(db: Tx, networkId: string, venueIds: string[]) {
  const map = new Map<string, HostedChapter[]>();
  if (venueIds.length === 0) return map;
  const rows = await db
    .selectDistinct({
      venueId: partnerships.venueId,
      slug: chapters.slug,
      name: chapters.name,
      language: chapters.language,
      translations: chapters.translations,
    })
    .from(partnerships)
    .innerJoin(chapters, eq(chapters.id, partnerships.chapterId))
    .where(
      and(
        eq(partnerships.networkId, networkId),
        inArray(partnerships.venueId, venueIds),
        eq(partnerships.status, 'active'),
      ),
    )
    .orderBy(asc(chapters.name));
  for (const { venueId, ...c } of rows) map.set(venueId, [...(map.get(venueId) ?? []), c]);
  return map;
}

export function selectManagers(db: Tx, networkId: string, venueId: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(venueManagers)
    .innerJoin(users, eq(users.id, venueManagers.userId))
    .where(and(eq(venueManagers.networkId, networkId), eq(venueManagers.venueId, venueId)))
    .orderBy(asc(users.name));
}

export async function insertManager(db: Tx, networkId: string, venueId: string, userId: string): Promise<boolean> {
  const rows = await db.insert(venueManagers).values({ networkId, venueId, userId }).onConflictDoNothing().returning();
  return rows.length > 0;
}

export async function deleteManager(db: Tx, networkId: string, venueId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(venueManagers)
    .where(
      and(eq(venueManagers.networkId, networkId), eq(venueManagers.venueId, venueId), eq(venueManagers.userId, userId)),
    )
    .returning();
  return rows.length > 0;
}

export async function isManager(db: Tx, networkId: string, venueId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(venueManagers)
    .where(
      and(eq(venueManagers.networkId, networkId), eq(venueManagers.venueId, venueId), eq(venueManagers.userId, userId)),
    );
  return Boolean(row);
}

export function selectVenuesManagedBy(db: Tx, networkId: string, userId: string) {
  return db
    .select({ id: venues.id, slug: venues.slug, name: venues.name })
    .from(venueManagers)
    .innerJoin(venues, eq(venues.id, venueManagers.venueId))
    .where(and(eq(venueManagers.networkId, networkId), eq(venueManagers.userId, userId)))
    .orderBy(asc(venues.name));
}
