import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';

/** A chapter's growth: its followers over a period and its first event (re-exported by queries.ts). */

/**
 * A chapter's followers over the period: gained (follows that began in it, including those ended
 * since), lost (follows that ended in it: the member unfollowed), and the total today. Net growth
 * is gained − lost, computed by the service.
 */
export async function selectFollowerGrowth(
  db: Tx,
  networkId: string,
  chapterId: string,
  p: { from: Date; to: Date },
): Promise<{ gained: number; lost: number; now: number }> {
  const from = p.from.toISOString();
  const to = p.to.toISOString();
  const res = await db.execute<{ gained: number; lost: number; now: number }>(sql`
    SELECT
      (SELECT count(*) FROM chapter_followers WHERE network_id = ${networkId} AND chapter_id = ${chapterId}::uuid
        AND created_at >= ${from}::timestamptz AND created_at < ${to}::timestamptz)::int
      + (SELECT count(*) FROM chapter_unfollows WHERE network_id = ${networkId} AND chapter_id = ${chapterId}::uuid
        AND followed_at >= ${from}::timestamptz AND followed_at < ${to}::timestamptz)::int AS gained,
      (SELECT count(*) FROM chapter_unfollows WHERE network_id = ${networkId} AND chapter_id = ${chapterId}::uuid
        AND unfollowed_at >= ${from}::timestamptz AND unfollowed_at < ${to}::timestamptz)::int AS lost,
      (SELECT count(*) FROM chapter_followers WHERE network_id = ${networkId} AND chapter_id = ${chapterId}::uuid)::int AS now`);
  return res.rows[0] ?? { gained: 0, lost: 0, now: 0 };
}

/** The start of a chapter's first event that was held or is to be (neither a draft nor cancelled), if any. */
export async function selectFirstEventStart(db: Tx, networkId: string, chapterId: string): Promise<Date | null> {
  const res = await db.execute<{ first: string | null }>(sql`
    SELECT min(starts_at) AS first FROM events
    WHERE network_id = ${networkId} AND chapter_id = ${chapterId}::uuid AND status = 'published'`);
  const first = res.rows[0]?.first;
  return first ? new Date(first) : null;
}
