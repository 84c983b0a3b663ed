import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { redirects } from './tables.js';

export type RedirectRow = typeof redirects.$inferSelect;
export type RedirectInsert = typeof redirects.$inferInsert;

/** The target stored for a normalised old address. */
export async function selectTarget(db: Tx, networkId: string, fromKey: string): Promise<string | undefined> {
  const [row] = await db
    .select({ to: redirects.toPath })
    .from(redirects)
    .where(and(eq(redirects.networkId, networkId), eq(redirects.fromKey, fromKey)));
  return row?.to;
}

export async function selectByKey(db: Tx, networkId: string, fromKey: string): Promise<RedirectRow | undefined> {
  const [row] = await db
    .select()
    .from(redirects)
    .where(and(eq(redirects.networkId, networkId), eq(redirects.fromKey, fromKey)));
  return row;
}

export async function selectById(db: Tx, networkId: string, id: string): Promise<RedirectRow | undefined> {
  const [row] = await db
    .select()
    .from(redirects)
    .where(and(eq(redirects.networkId, networkId), eq(redirects.id, id)));
  return row;
}

export async function updateTarget(db: Tx, id: string, toPath: string): Promise<RedirectRow> {
  const [row] = await db.update(redirects).set({ toPath }).where(eq(redirects.id, id)).returning();
  return row!;
}

export async function insertRedirect(db: Tx, values: RedirectInsert): Promise<RedirectRow> {
  const [row] = await db.insert(redirects).values(values).returning();
  return row!;
}

/** Points every redirect that went to one of `olds` at `target` instead. */
export async function retarget(db: Tx, networkId: string, olds: string[], target: string) {
  await db
    .update(redirects)
    .set({ toPath: target })
    .where(and(eq(redirects.networkId, networkId), inArray(redirects.toPath, olds)));
}

/** Whether any of these normalised addresses is itself redirected. */
export async function anyFromKey(db: Tx, networkId: string, fromKeys: string[]): Promise<boolean> {
  const rows = await db
    .select({ id: redirects.id })
    .from(redirects)
    .where(and(eq(redirects.networkId, networkId), inArray(redirects.fromKey, fromKeys)))
    .limit(1);
  return rows.length > 0;
}

/** Inserts the pairs, replacing the target of an old address already known. */
export async function upsertRedirects(db: Tx, values: RedirectInsert[]) {
  await db
    .insert(redirects)
    .values(values)
    .onConflictDoUpdate({ target: [redirects.networkId, redirects.fromKey], set: { toPath: sql`excluded.to_path` } });
}

/** For each i, redirects that went to olds[i] now go to targets[i]: one statement for a whole batch. */
export async function retargetMany(db: Tx, networkId: string, olds: string[], targets: string[]) {
  await db.execute(sql`
    UPDATE ${redirects} r SET to_path = v.target
    FROM unnest(${sql.param(olds)}::text[], ${sql.param(targets)}::text[]) AS v(old, target)
    WHERE r.network_id = ${networkId} AND r.to_path = v.old`);
}

export function selectRedirects(db: Tx, networkId: string, opts: { limit: number; offset: number }) {
  return db
    .select()
    .from(redirects)
    .where(eq(redirects.networkId, networkId))
    .orderBy(asc(redirects.fromKey))
    .limit(opts.limit)
    .offset(opts.offset);
}

/** Deletes one redirect; false when there was none with that id in the network. */
export async function deleteById(db: Tx, networkId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(redirects)
    .where(and(eq(redirects.networkId, networkId), eq(redirects.id, id)))
    .returning({ id: redirects.id });
  return rows.length > 0;
}
