import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { type JobSummary, newsImportJobs, newsImportMedia } from './tables.js';

export type ImportJob = typeof newsImportJobs.$inferSelect;

export async function insertJob(db: Tx, values: typeof newsImportJobs.$inferInsert): Promise<ImportJob> {
  const [row] = await db.insert(newsImportJobs).values(values).returning();
  return row!;
}

export async function selectJob(db: Tx, networkId: string, id: string): Promise<ImportJob | undefined> {
  const [row] = await db
    .select()
    .from(newsImportJobs)
    .where(and(eq(newsImportJobs.networkId, networkId), eq(newsImportJobs.id, id)));
  return row;
}

export function selectJobs(db: Tx, networkId: string, limit: number) {
  return db
    .select()
    .from(newsImportJobs)
    .where(eq(newsImportJobs.networkId, networkId))
    .orderBy(desc(newsImportJobs.createdAt))
    .limit(limit);
}

/** previewed (or interrupted) → running, once: two clicks on "Import" start one import. */
export async function claimJob(
  db: Tx,
  networkId: string,
  id: string,
  from: 'previewed' | 'interrupted' = 'previewed',
): Promise<ImportJob | undefined> {
  const [row] = await db
    .update(newsImportJobs)
    .set({ status: 'running', items: 0, bytesRead: 0, error: null, updatedAt: new Date() })
    .where(and(eq(newsImportJobs.networkId, networkId), eq(newsImportJobs.id, id), eq(newsImportJobs.status, from)))
    .returning();
  return row;
}

/**
 * The import of a job holds this lock for as long as its transaction lives: a server that stops,
 * however it stops, closes the connection and so lets it go. Transaction-scoped, so it cannot leak
 * to the next user of a pooled connection.
 */
export async function holdJobLock(tx: Tx, jobId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`news-import:${jobId}`}, 0))`);
}

/**
 * Running jobs whose import no process holds any more (holdJobLock), across networks, become
 * interrupted. The lock is tried, never waited for, in the caller's transaction; a job claimed in
 * the last minute is left alone (its import may not have taken the lock yet).
 */
export async function interruptOrphanJobs(tx: Tx): Promise<string[]> {
  const res = await tx.execute<{ id: string }>(sql`
    UPDATE ${newsImportJobs} SET status = 'interrupted', updated_at = now()
    WHERE status = 'running' AND updated_at < now() - interval '1 minute'
      AND pg_try_advisory_xact_lock(hashtextextended('news-import:' || id::text, 0))
    RETURNING id`);
  return res.rows.map((r) => r.id);
}

export async function updateProgress(db: Tx, id: string, items: number, bytesRead: number) {
  await db
    .update(newsImportJobs)
    .set({ items, bytesRead: sql`greatest(${newsImportJobs.bytesRead}, ${bytesRead})`, updatedAt: new Date() })
    .where(eq(newsImportJobs.id, id));
}

export async function finishJob(
  db: Tx,
  id: string,
  end: { status: 'done'; result: JobSummary } | { status: 'failed'; error: string },
) {
  await db
    .update(newsImportJobs)
    .set({ ...end, updatedAt: new Date() })
    .where(eq(newsImportJobs.id, id));
}

/** Which of these old-site addresses are stored here already (fetched media), and as what. */
export async function selectImportedMedia(db: Tx, networkId: string, urls: string[]): Promise<Map<string, string>> {
  if (!urls.length) return new Map();
  const rows = await db
    .select({ url: newsImportMedia.sourceUrl, uploadId: newsImportMedia.uploadId })
    .from(newsImportMedia)
    .where(and(eq(newsImportMedia.networkId, networkId), inArray(newsImportMedia.sourceUrl, urls)));
  return new Map(rows.map((r) => [r.url, r.uploadId]));
}

export async function upsertImportedMedia(db: Tx, networkId: string, sourceUrl: string, uploadId: string) {
  await db
    .insert(newsImportMedia)
    .values({ networkId, sourceUrl, uploadId })
    .onConflictDoUpdate({ target: [newsImportMedia.networkId, newsImportMedia.sourceUrl], set: { uploadId } });
}

/** Whether an upload is a file some import brought from an old site (and may be served as such). */
export async function isImportedUpload(db: Tx, networkId: string, uploadId: string): Promise<boolean> {
  const [row] = await db
    .select({ uploadId: newsImportMedia.uploadId })
    .from(newsImportMedia)
    .where(and(eq(newsImportMedia.networkId, networkId), eq(newsImportMedia.uploadId, uploadId)))
    .limit(1);
  return !!row;
}
