import { findChapter } from '../chapters/service.js';
import type { Tx } from '../db/connection.js';
import type { PersonalData } from '../db/gdpr.js';
import type { Network } from '../networks/service.js';
import * as q from './queries.js';

export type FollowedChapter = { id: string; slug: string; name: string };

/** Following twice is following once. 404 for a chapter that does not exist. */
export async function followChapter(db: Tx, network: Network, userId: string, slug: string): Promise<FollowedChapter> {
  const chapter = await findChapter(db, network, slug);
  await q.insertFollow(db, network.id, chapter.id, userId);
  return { id: chapter.id, slug: chapter.slug, name: chapter.name };
}

export async function unfollowChapter(db: Tx, network: Network, userId: string, slug: string): Promise<void> {
  const chapter = await findChapter(db, network, slug);
  await q.deleteFollow(db, network.id, chapter.id, userId);
}

/** The chapters a member follows, by name. */
export function followedChapters(db: Tx, networkId: string, userId: string): Promise<FollowedChapter[]> {
  return q.selectFollowed(db, networkId, userId);
}

export async function isFollowing(db: Tx, networkId: string, userId: string, chapterId: string): Promise<boolean> {
  return (await followedChapters(db, networkId, userId)).some((c) => c.id === chapterId);
}

/** The profile form's checkboxes: exactly these chapters afterwards (ids of other networks are ignored). */
export async function setFollowedChapters(
  tx: Tx,
  network: Network,
  userId: string,
  chapterIds: readonly string[],
  known: readonly { id: string }[],
): Promise<void> {
  const wanted = new Set(chapterIds.filter((id) => known.some((c) => c.id === id)));
  // A diff, not delete-all: a follow keeps the date it began.
  const current = new Set((await q.selectFollowed(tx, network.id, userId)).map((c) => c.id));
  for (const id of current) if (!wanted.has(id)) await q.deleteFollow(tx, network.id, id, userId);
  for (const id of wanted) if (!current.has(id)) await q.insertFollow(tx, network.id, id, userId);
}

/** The chapters followed, in the GDPR export (the follows go with the account: ON DELETE CASCADE). */
export const followData: PersonalData = {
  key: 'followedChapters',
  export: async (tx, who) =>
    (await followedChapters(tx, who.networkId, who.userId)).map((c) => ({ slug: c.slug, name: c.name })),
};
