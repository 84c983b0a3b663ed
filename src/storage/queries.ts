import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { uploads } from './tables.js';

export type UploadRow = typeof uploads.$inferSelect;
export type NewUpload = typeof uploads.$inferInsert;

/** Inserts an upload; the same bytes uploaded twice in one network share one row. */
export async function insertUpload(db: Tx, row: NewUpload): Promise<UploadRow> {
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
