import { and, eq } from 'drizzle-orm';
import { chapters } from '../chapters/tables.js';
import type { Tx } from '../db/connection.js';
import { chapterFollowers, chapterUnfollows } from './tables.js';

export function selectFollowed(db: Tx, networkId: string, userId: string) {
  return db
    .select({ id: chapters.id, slug: chapters.slug, name: chapters.name })
    .from(chapterFollowers)
    .innerJoin(chapters, eq(chapters.id, chapterFollowers.chapterId))
    .where(and(eq(chapterFollowers.networkId, networkId), eq(chapterFollowers.userId, userId)))
    .orderBy(chapters.name);
}

export const insertFollow = (db: Tx, networkId: string, chapterId: string, userId: string) =>
  db.insert(chapterFollowers).values({ networkId, chapterId, userId }).onConflictDoNothing();

/** Ends a follow, and records that one ended (when it began and ended, not whose) for the growth report. */
export async function deleteFollow(db: Tx, networkId: string, chapterId: string, userId: string) {
  const ended = await db
    .delete(chapterFollowers)
    .where(
      and(
        eq(chapterFollowers.networkId, networkId),
        eq(chapterFollowers.chapterId, chapterId),
        eq(chapterFollowers.userId, userId),
      ),
    )
    .returning({ followedAt: chapterFollowers.createdAt });
  if (ended.length)
    await db.insert(chapterUnfollows).values(ended.map((e) => ({ networkId, chapterId, followedAt: e.followedAt })));
}
