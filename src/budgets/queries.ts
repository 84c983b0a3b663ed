import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import { chapters } from '../chapters/tables.js';
import type { Tx } from '../db/connection.js';
import { memberProfiles } from '../profiles/tables.js';
import { budgetLines, budgets, categorySets, grants, treasurers } from './tables.js';

export type GrantRow = typeof grants.$inferSelect & { chapterSlug: string | null };
export type CategorySetRow = typeof categorySets.$inferSelect;
export type BudgetRow = typeof budgets.$inferSelect & { chapterSlug: string | null };
export type BudgetLineRow = typeof budgetLines.$inferSelect;

export const selectTreasurerships = (db: Tx, networkId: string, userId: string) =>
  db
    .select({ chapterId: treasurers.chapterId })
    .from(treasurers)
    .where(and(eq(treasurers.networkId, networkId), eq(treasurers.userId, userId)));

export const selectTreasurers = (db: Tx, networkId: string) =>
  db
    .select({
      id: treasurers.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      locale: sql<string>`coalesce(${memberProfiles.locale}, 'fr')`,
      chapterId: treasurers.chapterId,
      chapter: chapters.slug,
    })
    .from(treasurers)
    .innerJoin(users, eq(users.id, treasurers.userId))
    .leftJoin(chapters, eq(chapters.id, treasurers.chapterId))
    .leftJoin(memberProfiles, eq(memberProfiles.userId, users.id))
    .where(eq(treasurers.networkId, networkId))
    .orderBy(asc(users.name));

export async function insertTreasurer(db: Tx, row: typeof treasurers.$inferInsert) {
  const [created] = await db.insert(treasurers).values(row).onConflictDoNothing().returning();
  return created;
}

export const deleteTreasurer = (db: Tx, networkId: string, id: string) =>
  db
    .delete(treasurers)
    .where(and(eq(treasurers.networkId, networkId), eq(treasurers.id, id)))
    .returning();

export const selectCategorySets = (db: Tx, networkId: string) =>
  db.select().from(categorySets).where(eq(categorySets.networkId, networkId)).orderBy(asc(categorySets.createdAt));

export async function insertCategorySet(db: Tx, row: typeof categorySets.$inferInsert) {
  const [created] = await db.insert(categorySets).values(row).onConflictDoNothing().returning();
  return created;
}

export async function updateCategorySet(db: Tx, networkId: string, id: string, patch: Partial<CategorySetRow>) {
  const [row] = await db
    .update(categorySets)
    .set(patch)
    .where(and(eq(categorySets.networkId, networkId), eq(categorySets.id, id)))
    .returning();
  return row;
}

const grantColumns = { grant: grants, chapterSlug: chapters.slug };
const flatGrant = (r: { grant: typeof grants.$inferSelect; chapterSlug: string | null }): GrantRow => ({
  ...r.grant,
  chapterSlug: r.chapterSlug,
});

export async function selectGrants(db: Tx, networkId: string, ids?: string[]): Promise<GrantRow[]> {
  const rows = await db
    .select(grantColumns)
    .from(grants)
    .leftJoin(chapters, eq(chapters.id, grants.chapterId))
    .where(and(eq(grants.networkId, networkId), ids ? inArray(grants.id, ids) : undefined))
    .orderBy(asc(grants.periodStart), asc(grants.funder));
  return rows.map(flatGrant);
}

export async function insertGrant(db: Tx, row: typeof grants.$inferInsert) {
  const [created] = await db.insert(grants).values(row).returning();
  return created!;
}

export async function selectBudgets(
  db: Tx,
  networkId: string,
  f: { year?: number; chapterId?: string | null },
): Promise<BudgetRow[]> {
  const rows = await db
    .select({ budget: budgets, chapterSlug: chapters.slug })
    .from(budgets)
    .leftJoin(chapters, eq(chapters.id, budgets.chapterId))
    .where(
      and(
        eq(budgets.networkId, networkId),
        f.year !== undefined ? eq(budgets.year, f.year) : undefined,
        f.chapterId === null ? isNull(budgets.chapterId) : f.chapterId ? eq(budgets.chapterId, f.chapterId) : undefined,
      ),
    )
    .orderBy(asc(budgets.year), asc(chapters.name));
  return rows.map((r) => ({ ...r.budget, chapterSlug: r.chapterSlug }));
}

export const selectBudgetLines = (db: Tx, budgetIds: string[]) =>
  budgetIds.length
    ? db.select().from(budgetLines).where(inArray(budgetLines.budgetId, budgetIds)).orderBy(asc(budgetLines.kind))
    : Promise.resolve([] as BudgetLineRow[]);

/** The budget of a scope and year, created empty when there is none yet; its row is locked. */
export async function lockBudget(db: Tx, networkId: string, chapterId: string | null, year: number) {
  await db.insert(budgets).values({ networkId, chapterId, year }).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(budgets)
    .where(
      and(
        eq(budgets.networkId, networkId),
        eq(budgets.year, year),
        chapterId ? eq(budgets.chapterId, chapterId) : isNull(budgets.chapterId),
      ),
    )
    .for('update');
  return row!;
}

export async function replaceBudgetLines(
  db: Tx,
  networkId: string,
  budgetId: string,
  lines: Omit<typeof budgetLines.$inferInsert, 'networkId' | 'budgetId'>[],
) {
  await db.delete(budgetLines).where(eq(budgetLines.budgetId, budgetId));
  if (lines.length) await db.insert(budgetLines).values(lines.map((l) => ({ ...l, networkId, budgetId })));
}

export async function deleteMoney(db: Tx, networkId: string) {
  await db.delete(budgets).where(eq(budgets.networkId, networkId));
  await db.delete(grants).where(eq(grants.networkId, networkId));
  await db.delete(treasurers).where(eq(treasurers.networkId, networkId));
  await db.delete(categorySets).where(eq(categorySets.networkId, networkId));
}

export async function updateGrant(db: Tx, networkId: string, id: string, patch: Partial<typeof grants.$inferInsert>) {
  const [row] = await db
    .update(grants)
    .set(patch)
    .where(and(eq(grants.networkId, networkId), eq(grants.id, id)))
    .returning();
  return row;
}

/**
 * "Approved by the end of `at`" on Brussels clocks: the instant the next day starts there. An
 * expense approved later was still pending on that date, whatever its status today.
 */
const approvedBy = (at: string) => sql`x.approved_at < ((${at}::date + 1)::timestamp AT TIME ZONE 'Europe/Brussels')`;
const submittedBy = (at: string) => sql`x.submitted_at < ((${at}::date + 1)::timestamp AT TIME ZONE 'Europe/Brussels')`;

/** Actual and pending spending from `from` to `at` (dates incurred), per chapter (null: the network's own) and category. */
export async function selectActualByChapterCategory(db: Tx, networkId: string, from: string, at: string) {
  const res = await db.execute<{ chapter_id: string | null; category: string; actual: string; pending: string }>(sql`
    SELECT x.chapter_id, x.category,
      coalesce(sum(x.amount_cents) FILTER (WHERE ${approvedBy(at)}), 0)::bigint AS actual,
      coalesce(sum(x.amount_cents) FILTER (WHERE ${submittedBy(at)} AND NOT coalesce(${approvedBy(at)}, false)
        AND x.status <> 'rejected'), 0)::bigint AS pending
    FROM expenses x
    WHERE x.network_id = ${networkId} AND x.incurred_on >= ${from}::date AND x.incurred_on <= ${at}::date
      AND (x.submitted_at IS NOT NULL OR x.approved_at IS NOT NULL)
    GROUP BY x.chapter_id, x.category`);
  return res.rows.map((r) => ({
    chapterId: r.chapter_id,
    category: r.category,
    actualCents: Number(r.actual),
    pendingCents: Number(r.pending),
  }));
}

/** Actual spending per event (its shares of approved expenses), from `from` to `at`; a chapter's events only when given. */
export async function selectActualByEvent(
  db: Tx,
  networkId: string,
  from: string,
  at: string,
  chapterId?: string | null,
) {
  const res = await db.execute<{
    id: string;
    title: string;
    starts_at: string;
    chapter_id: string;
    actual: string;
  }>(sql`
    SELECT e.id, e.title, e.starts_at::text, e.chapter_id, sum(s.amount_cents)::bigint AS actual
    FROM expense_event_shares s JOIN expenses x ON x.id = s.expense_id JOIN events e ON e.id = s.event_id
    WHERE s.network_id = ${networkId} AND x.incurred_on >= ${from}::date AND x.incurred_on <= ${at}::date
      AND ${approvedBy(at)} ${chapterId ? sql`AND e.chapter_id = ${chapterId}::uuid` : sql``}
    GROUP BY e.id ORDER BY e.starts_at, e.id`);
  return res.rows.map((r) => ({
    eventId: r.id,
    title: r.title,
    startsAt: new Date(r.starts_at),
    chapterId: r.chapter_id,
    actualCents: Number(r.actual),
  }));
}

/** What approved expenses of each grant's period, up to `at`, charge to it: in all, and by one chapter's expenses. */
export async function selectChargedByGrant(db: Tx, networkId: string, at: string, chapterId?: string) {
  const res = await db.execute<{ grant_id: string; charged: string; mine: string }>(sql`
    SELECT s.grant_id, sum(s.amount_cents)::bigint AS charged,
      coalesce(sum(s.amount_cents) FILTER (WHERE ${chapterId ? sql`x.chapter_id = ${chapterId}::uuid` : sql`true`}), 0)::bigint AS mine
    FROM expense_grant_shares s JOIN expenses x ON x.id = s.expense_id JOIN grants g ON g.id = s.grant_id
    WHERE s.network_id = ${networkId} AND x.incurred_on >= g.period_start AND x.incurred_on <= least(g.period_end, ${at}::date)
      AND ${approvedBy(at)}
    GROUP BY s.grant_id`);
  return new Map(res.rows.map((r) => [r.grant_id, { all: Number(r.charged), mine: Number(r.mine) }]));
}
