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

/**
 * Deletes the uploads given that no row points at any more (read from the catalogue's foreign
 * keys, so a table added later is counted), and returns the blob keys that no upload of any
 * network still uses: the bytes that may go from the store. Uploads are shared by content, so an
 * erased applicant's file that is also someone's receipt stays.
 */
export async function deleteUnusedUploads(db: Tx, networkId: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const refs = await db.execute<{ tbl: string; col: string }>(sql`
    SELECT r.relname AS tbl, a.attname AS col FROM pg_constraint c
    JOIN pg_class r ON r.oid = c.conrelid
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
    WHERE c.contype = 'f' AND c.confrelid = 'uploads'::regclass`);
  const unused = refs.rows.map(
    (r) => sql`NOT EXISTS (SELECT 1 FROM ${sql.identifier(r.tbl)} x WHERE x.${sql.identifier(r.col)} = u.id)`,
  );
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const gone = await db.execute<{ key: string }>(sql`
    DELETE FROM uploads u WHERE u.network_id = ${networkId} AND u.id IN (${list})
      ${unused.length ? sql`AND ${sql.join(unused, sql` AND `)}` : sql``}
    RETURNING u.key`);
  const keys = [...new Set(gone.rows.map((r) => r.key))];
  if (!keys.length) return [];
  const kept = await db.select({ key: uploads.key }).from(uploads).where(inArray(uploads.key, keys));
  return keys.filter((k) => !kept.some((r) => r.key === k));
}

/** The keys among these that no upload of any network uses. */
export async function unusedKeys(db: Tx, keys: string[]): Promise<string[]> {
  if (!keys.length) return [];
  const kept = await db.select({ key: uploads.key }).from(uploads).where(inArray(uploads.key, keys));
  return keys.filter((k) => !kept.some((r) => r.key === k));
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
