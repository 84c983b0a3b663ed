import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { articles } from '../news/tables.js';
import { textRepairs } from './tables.js';

export type RepairRow = typeof textRepairs.$inferSelect;
export type RepairInsert = typeof textRepairs.$inferInsert;

/** Forgets an article's automatic substitutions (an editor's decisions stay). */
export async function deleteAutomatic(db: Tx, articleId: string) {
  await db.delete(textRepairs).where(and(eq(textRepairs.articleId, articleId), eq(textRepairs.automatic, true)));
}

export async function insertRepairs(db: Tx, rows: RepairInsert[]) {
  await db.insert(textRepairs).values(rows);
}

export function selectRepairs(db: Tx, networkId: string, articleId: string) {
  return db
    .select()
    .from(textRepairs)
    .where(and(eq(textRepairs.networkId, networkId), eq(textRepairs.articleId, articleId)))
    .orderBy(asc(textRepairs.field), asc(textRepairs.position));
}

/** Articles with queued words, most first. */
export function selectDamagedArticles(db: Tx, networkId: string, limit: number) {
  return db
    .select({ id: articles.id, title: articles.title, slug: articles.slug, queued: count(textRepairs.id) })
    .from(textRepairs)
    .innerJoin(articles, eq(articles.id, textRepairs.articleId))
    .where(and(eq(textRepairs.networkId, networkId), eq(textRepairs.state, 'queued')))
    .groupBy(articles.id)
    .orderBy(sql`count(${textRepairs.id}) DESC`)
    .limit(limit);
}

export async function selectRepair(
  db: Tx,
  networkId: string,
  articleId: string,
  repairId: string,
): Promise<RepairRow | undefined> {
  const [row] = await db
    .select()
    .from(textRepairs)
    .where(
      and(eq(textRepairs.networkId, networkId), eq(textRepairs.articleId, articleId), eq(textRepairs.id, repairId)),
    );
  return row;
}

/** An editor's decision: the word now in the text, and the row no longer automatic (a new scan keeps it). */
export async function updateDecision(db: Tx, repairId: string, d: { state: RepairRow['state']; replacement: string }) {
  await db
    .update(textRepairs)
    .set({ ...d, automatic: false })
    .where(eq(textRepairs.id, repairId));
}
