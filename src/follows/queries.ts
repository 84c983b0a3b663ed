import { and, eq } from 'drizzle-orm';
import { chapters } from '../chapters/tables.js';
import type { Tx } from '../db/connection.js';
import { chapterFollowers } from './tables.js';

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

export const deleteFollow = (db: Tx, networkId: string, chapterId: string, userId: string) =>
  db
    .delete(chapterFollowers)
    .where(
      and(
        eq(chapterFollowers.networkId, networkId),
        eq(chapterFollowers.chapterId, chapterId),
        eq(chapterFollowers.userId, userId),
      ),
    );
