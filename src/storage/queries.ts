import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { blobTrash, uploads } from './tables.js';

export type UploadRow = typeof uploads.$inferSelect;
export type NewUpload = typeof uploads.$inferInsert;

/** Inserts an upload; the same bytes uploaded twice in one network share one row. */
export async function insertUpload(db: Tx, row: NewUpload): Promise<UploadRow> {
  // Bytes discarded a moment ago and uploaded again are wanted after all.
  const keys = [row.key, ...(row.variants ?? []).map((v) => v.key)];
  await db.delete(blobTrash).where(inArray(blobTrash.key, keys));
  const [inserted] = await db.insert(uploads).values(row).onConflictDoNothing().returning();
  if (inserted) return inserted;
  const [existing] = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.networkId, row.networkId), eq(uploads.key, row.key)));
  return existing!;
}

export async function selectUpload(db: Tx, networkId: string, id: string): Promise<UploadRow | undefined> {
  const [row] = await db
    .select()
    .from(uploads)
    .where(and(eq(uploads.networkId, networkId), eq(uploads.id, id)));
  return row;
}

export async function deleteUpload(tx: Tx, networkId: string, id: string): Promise<UploadRow | undefined> {
  const [row] = await tx
    .delete(uploads)
    .where(and(eq(uploads.networkId, networkId), eq(uploads.id, id)))
    .returning();
  return row;
}

export async function queueBlobs(tx: Tx, keys: string[]): Promise<void> {
  if (keys.length)
    await tx
      .insert(blobTrash)
      .values(keys.map((key) => ({ key })))
      .onConflictDoNothing();
}

/** Queued keys that no upload names (in any network: the stores are shared by the install's networks). */
export async function selectTrashedKeys(db: Tx, limit: number): Promise<string[]> {
  const rows = await db
    .select({ key: blobTrash.key })
    .from(blobTrash)
    .where(
      sql`NOT EXISTS (SELECT 1 FROM ${uploads} u WHERE u.key = ${blobTrash.key} OR u.variants @> jsonb_build_array(jsonb_build_object('key', ${blobTrash.key})))`,
    )
    .orderBy(blobTrash.queuedAt)
    .limit(limit);
  return rows.map((r) => r.key);
}

export const unqueueBlob = (db: Tx, key: string) => db.delete(blobTrash).where(eq(blobTrash.key, key));
