import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import type { Tx } from '../db/connection.js';
import { partnerships } from '../partnerships/tables.js';
import { venues } from '../venues/tables.js';
import { chapterInterest, chapterOrganizers, chapters } from './tables.js';
import type { ChapterCreate, ChapterUpdate } from './schemas.js';
import type { Translations } from '../web/content.js';
import type { CoverRef } from '../storage/tables.js';

export type ChapterRow = typeof chapters.$inferSelect;
type Status = ChapterRow['status'];

export function selectChapters(db: Tx, networkId: string, opts: { status?: Status; after?: string; limit: number }) {
  return db
    .select()
    .from(chapters)
    .where(
      and(
        eq(chapters.networkId, networkId),
        opts.status ? eq(chapters.status, opts.status) : undefined,
        opts.after ? gt(chapters.slug, opts.after) : undefined,
      ),
    )
    .orderBy(asc(chapters.slug))
    .limit(opts.limit);
}

export async function selectChapter(
  db: Tx,
  networkId: string,
  slug: string,
  lock = false,
): Promise<ChapterRow | undefined> {
  const q = db
    .select()
    .from(chapters)
    .where(and(eq(chapters.networkId, networkId), eq(chapters.slug, slug)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertChapter(
  db: Tx,
  networkId: string,
  input: Omit<ChapterCreate, 'translations'> & { slug: string; translations: Translations },
): Promise<ChapterRow | undefined> {
  const [row] = await db
    .insert(chapters)
    .values({ networkId, ...input })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function updateChapter(
  db: Tx,
  id: string,
  patch: Omit<ChapterUpdate, 'translations'> & { translations?: Translations },
): Promise<ChapterRow> {
  const [row] = await db
    .update(chapters)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(chapters.id, id))
    .returning();
  return row!;
}

export async function updateChapterCover(db: Tx, id: string, cover: CoverRef | null): Promise<void> {
  await db.update(chapters).set({ cover, updatedAt: new Date() }).where(eq(chapters.id, id));
}

export async function deleteChapter(db: Tx, id: string): Promise<void> {
  await db.delete(chapters).where(eq(chapters.id, id));
}

/** Venues hosting each chapter now (an active partnership), keyed by chapter id. */
/** A venue hosting the chapter, with its name's translations for the chapter's pages. */
export type HostVenue = { slug: string; name: string; city: string; language: string; translations: Translations };

export async function selectHostVenues(db: Tx, networkId: string, chapterIds: string[]) {
  const map = new Map<string, HostVenue[]>();
  if (chapterIds.length === 0) return map;
  const rows = await db
    .selectDistinct({
      chapterId: partnerships.chapterId,
      slug: venues.slug,
      name: venues.name,
      city: venues.city,
      language: venues.language,
      translations: venues.translations,
    })
    .from(partnerships)
    .innerJoin(venues, eq(venues.id, partnerships.venueId))
    .where(
      and(
        eq(partnerships.networkId, networkId),
        inArray(partnerships.chapterId, chapterIds),
        eq(partnerships.status, 'active'),
      ),
    )
    .orderBy(asc(venues.name));
  for (const { chapterId, ...venue } of rows) {
    const list = map.get(chapterId) ?? [];
    list.push(venue);
    map.set(chapterId, list);
  }
  return map;
}

export async function countInterest(db: Tx, networkId: string, chapterIds: string[]) {
  const map = new Map<string, number>();
  if (chapterIds.length === 0) return map;
  const rows = await db
    .select({ chapterId: chapterInterest.chapterId, n: count() })
    .from(chapterInterest)
    .where(and(eq(chapterInterest.networkId, networkId), inArray(chapterInterest.chapterId, chapterIds)))
    .groupBy(chapterInterest.chapterId);
  for (const r of rows) map.set(r.chapterId, r.n);
  return map;
}

/** Inserts a sign-up unless that e-mail already signed up for this chapter; says which happened. */
export async function insertInterest(db: Tx, networkId: string, chapterId: string, name: string, email: string) {
  const [created] = await db
    .insert(chapterInterest)
    .values({ networkId, chapterId, name, email })
    .onConflictDoNothing()
    .returning();
  if (created) return { row: created, created: true };
  const [existing] = await db
    .select()
    .from(chapterInterest)
    .where(
      and(
        eq(chapterInterest.networkId, networkId),
        eq(chapterInterest.chapterId, chapterId),
        eq(chapterInterest.email, email),
      ),
    );
  return { row: existing!, created: false };
}

export function selectInterest(db: Tx, networkId: string, chapterId: string) {
  return db
    .select()
    .from(chapterInterest)
    .where(and(eq(chapterInterest.networkId, networkId), eq(chapterInterest.chapterId, chapterId)))
    .orderBy(asc(chapterInterest.createdAt));
}

export function selectOrganizers(db: Tx, networkId: string, chapterId: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(chapterOrganizers)
    .innerJoin(users, eq(users.id, chapterOrganizers.userId))
    .where(and(eq(chapterOrganizers.networkId, networkId), eq(chapterOrganizers.chapterId, chapterId)))
    .orderBy(asc(users.name));
}

export async function insertOrganizer(db: Tx, networkId: string, chapterId: string, userId: string): Promise<boolean> {
  const rows = await db
    .insert(chapterOrganizers)
    .values({ networkId, chapterId, userId })
    .onConflictDoNothing()
    .returning();
  return rows.length > 0;
}

export async function deleteOrganizer(db: Tx, networkId: string, chapterId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(chapterOrganizers)
    .where(
      and(
        eq(chapterOrganizers.networkId, networkId),
        eq(chapterOrganizers.chapterId, chapterId),
        eq(chapterOrganizers.userId, userId),
      ),
    )
    .returning();
  return rows.length > 0;
}

export async function isOrganizer(db: Tx, networkId: string, chapterId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(chapterOrganizers)
    .where(
      and(
        eq(chapterOrganizers.networkId, networkId),
        eq(chapterOrganizers.chapterId, chapterId),
        eq(chapterOrganizers.userId, userId),
      ),
    );
  return Boolean(row);
}

export function selectChaptersOrganizedBy(db: Tx, networkId: string, userId: string) {
  return db
    .select({ id: chapters.id, slug: chapters.slug, name: chapters.name })
    .from(chapterOrganizers)
    .innerJoin(chapters, eq(chapters.id, chapterOrganizers.chapterId))
    .where(and(eq(chapterOrganizers.networkId, networkId), eq(chapterOrganizers.userId, userId)))
    .orderBy(asc(chapters.name));
}

export async function updateOrganizerNotify(
  db: Tx,
  networkId: string,
  chapterId: string,
  userId: string,
  notify: 'immediate' | 'daily' | 'off',
): Promise<boolean> {
  const rows = await db
    .update(chapterOrganizers)
    .set({ notify })
    .where(
      and(
        eq(chapterOrganizers.networkId, networkId),
        eq(chapterOrganizers.chapterId, chapterId),
        eq(chapterOrganizers.userId, userId),
      ),
    )
    .returning();
  return rows.length > 0;
}

export async function selectOrganizerNotify(db: Tx, networkId: string, chapterId: string, userId: string) {
  const [row] = await db
    .select({ notify: chapterOrganizers.notify })
    .from(chapterOrganizers)
    .where(
      and(
        eq(chapterOrganizers.networkId, networkId),
        eq(chapterOrganizers.chapterId, chapterId),
        eq(chapterOrganizers.userId, userId),
      ),
    );
  return row?.notify;
}
