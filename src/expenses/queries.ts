import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import { chapters } from '../chapters/tables.js';
import { memberProfiles } from '../profiles/tables.js';
import type { Tx } from '../db/connection.js';
import { uploads } from '../storage/tables.js';
import { expenseEventShares, expenseGrantShares, expenseReceipts, expenses } from './tables.js';

export type ExpenseRow = typeof expenses.$inferSelect & { chapterSlug: string | null };

export async function selectExpenses(
  db: Tx,
  networkId: string,
  f: {
    ids?: string[];
    status?: (typeof expenses.$inferSelect)['status'];
    chapterId?: string | null;
    eventId?: string;
    grantId?: string;
    year?: number;
    /** Only these chapters, plus (when `own` is set) what that person submitted or is reimbursed. */
    visible?: { chapterIds: string[]; own: string };
    after?: { incurredOn: string; id: string };
    limit?: number;
    lock?: boolean;
  },
): Promise<ExpenseRow[]> {
  const where: (SQL | undefined)[] = [eq(expenses.networkId, networkId)];
  if (f.ids) where.push(inArray(expenses.id, f.ids));
  if (f.status) where.push(eq(expenses.status, f.status));
  if (f.chapterId === null) where.push(isNull(expenses.chapterId));
  else if (f.chapterId) where.push(eq(expenses.chapterId, f.chapterId));
  if (f.eventId)
    where.push(
      inArray(
        expenses.id,
        db
          .select({ id: expenseEventShares.expenseId })
          .from(expenseEventShares)
          .where(eq(expenseEventShares.eventId, f.eventId)),
      ),
    );
  if (f.grantId)
    where.push(
      inArray(
        expenses.id,
        db
          .select({ id: expenseGrantShares.expenseId })
          .from(expenseGrantShares)
          .where(eq(expenseGrantShares.grantId, f.grantId)),
      ),
    );
  if (f.year !== undefined)
    where.push(gte(expenses.incurredOn, `${f.year}-01-01`), lt(expenses.incurredOn, `${f.year + 1}-01-01`));
  if (f.visible)
    where.push(
      or(
        f.visible.chapterIds.length ? inArray(expenses.chapterId, f.visible.chapterIds) : sql`false`,
        eq(expenses.createdBy, f.visible.own),
        eq(expenses.reimburseUserId, f.visible.own),
      ),
    );
  if (f.after)
    where.push(sql`(${expenses.incurredOn}, ${expenses.id}) < (${f.after.incurredOn}::date, ${f.after.id}::uuid)`);
  const query = db
    .select({ expense: expenses, chapterSlug: chapters.slug })
    .from(expenses)
    .leftJoin(chapters, eq(chapters.id, expenses.chapterId))
    .where(and(...where))
    .orderBy(desc(expenses.incurredOn), desc(expenses.id))
    .limit(f.limit ?? 1000);
  const rows = f.lock ? await query.for('update', { of: expenses }) : await query;
  return rows.map((r) => ({ ...r.expense, chapterSlug: r.chapterSlug }));
}

export async function insertExpense(db: Tx, row: typeof expenses.$inferInsert) {
  const [created] = await db.insert(expenses).values(row).returning();
  return created!;
}

export const updateExpense = (db: Tx, id: string, patch: Partial<typeof expenses.$inferInsert>) =>
  db
    .update(expenses)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(expenses.id, id));

export async function replaceShares(
  db: Tx,
  networkId: string,
  expenseId: string,
  eventShares: { eventId: string; amountCents: number }[] | undefined,
  grantShares: { grantId: string; amountCents: number }[] | undefined,
) {
  if (eventShares) {
    await db.delete(expenseEventShares).where(eq(expenseEventShares.expenseId, expenseId));
    if (eventShares.length)
      await db.insert(expenseEventShares).values(eventShares.map((s) => ({ ...s, networkId, expenseId })));
  }
  if (grantShares) {
    await db.delete(expenseGrantShares).where(eq(expenseGrantShares.expenseId, expenseId));
    if (grantShares.length)
      await db.insert(expenseGrantShares).values(grantShares.map((s) => ({ ...s, networkId, expenseId })));
  }
}

export async function selectShares(db: Tx, expenseIds: string[]) {
  if (expenseIds.length === 0) return { events: [], grants: [] };
  const [ev, gr] = await Promise.all([
    db.select().from(expenseEventShares).where(inArray(expenseEventShares.expenseId, expenseIds)),
    db.select().from(expenseGrantShares).where(inArray(expenseGrantShares.expenseId, expenseIds)),
  ]);
  return { events: ev, grants: gr };
}

export function selectReceipts(db: Tx, expenseIds: string[]) {
  if (expenseIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      expenseId: expenseReceipts.expenseId,
      id: uploads.id,
      name: uploads.originalName,
      contentType: uploads.contentType,
      byteSize: uploads.byteSize,
      sha256: uploads.sha256,
      key: uploads.key,
    })
    .from(expenseReceipts)
    .innerJoin(uploads, eq(uploads.id, expenseReceipts.uploadId))
    .where(inArray(expenseReceipts.expenseId, expenseIds))
    .orderBy(asc(expenseReceipts.createdAt));
}

export const insertReceipt = (db: Tx, row: typeof expenseReceipts.$inferInsert) =>
  db.insert(expenseReceipts).values(row).onConflictDoNothing();

/** Volunteer allowances of a person in a year (not rejected), per day: for the legal ceilings. */
export async function selectAllowances(db: Tx, networkId: string, userId: string, year: number) {
  return db
    .select({ day: expenses.incurredOn, cents: sql<number>`sum(${expenses.amountCents})::bigint`.mapWith(Number) })
    .from(expenses)
    .where(
      and(
        eq(expenses.networkId, networkId),
        eq(expenses.volunteerUserId, userId),
        sql`${expenses.status} <> 'rejected'`,
        gte(expenses.incurredOn, `${year}-01-01`),
        lt(expenses.incurredOn, `${year + 1}-01-01`),
      ),
    )
    .groupBy(expenses.incurredOn);
}

/** What other expenses already charge to each grant, for a line: used to keep a grant within its amount. */
export async function selectGrantUse(db: Tx, grantIds: string[], exceptExpense?: string) {
  if (grantIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({
      grantId: expenseGrantShares.grantId,
      cents: sql<number>`sum(${expenseGrantShares.amountCents})::bigint`.mapWith(Number),
    })
    .from(expenseGrantShares)
    .innerJoin(expenses, eq(expenses.id, expenseGrantShares.expenseId))
    .where(
      and(
        inArray(expenseGrantShares.grantId, grantIds),
        sql`${expenses.status} <> 'rejected'`,
        exceptExpense ? sql`${expenses.id} <> ${exceptExpense}` : undefined,
      ),
    )
    .groupBy(expenseGrantShares.grantId);
  return new Map(rows.map((r) => [r.grantId, r.cents]));
}

/** Name, address and language of accounts, for notices. */
export function selectPeople(db: Tx, networkId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: sql<string>`coalesce(${memberProfiles.locale}, 'fr')`,
    })
    .from(users)
    .leftJoin(memberProfiles, eq(memberProfiles.userId, users.id))
    .where(and(eq(users.networkId, networkId), inArray(users.id, ids)));
}

/** Every volunteer's allowances of a year per day (not rejected). */
export function selectVolunteerDays(db: Tx, networkId: string, year: number) {
  return db
    .select({
      userId: expenses.volunteerUserId,
      day: expenses.incurredOn,
      cents: sql<number>`sum(${expenses.amountCents})::bigint`.mapWith(Number),
    })
    .from(expenses)
    .where(
      and(
        eq(expenses.networkId, networkId),
        sql`${expenses.volunteerUserId} is not null`,
        sql`${expenses.status} <> 'rejected'`,
        gte(expenses.incurredOn, `${year}-01-01`),
        lt(expenses.incurredOn, `${year + 1}-01-01`),
      ),
    )
    .groupBy(expenses.volunteerUserId, expenses.incurredOn);
}

/** Expenses incurred in a month, of some chapters (or all, network-wide ones included), for the treasurers' export. */
export function selectMonth(db: Tx, networkId: string, month: string, chapterIds: string[] | 'all') {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return db
    .select({ expense: expenses, chapterSlug: chapters.slug })
    .from(expenses)
    .leftJoin(chapters, eq(chapters.id, expenses.chapterId))
    .where(
      and(
        eq(expenses.networkId, networkId),
        gte(expenses.incurredOn, `${month}-01`),
        lt(expenses.incurredOn, next),
        chapterIds === 'all' ? undefined : chapterIds.length ? inArray(expenses.chapterId, chapterIds) : sql`false`,
      ),
    )
    .orderBy(asc(expenses.incurredOn), asc(expenses.id));
}

export const deleteExpenses = (db: Tx, networkId: string) =>
  db.delete(expenses).where(eq(expenses.networkId, networkId));
