// Expenses as they are read: with their shares, receipts and allowance warnings, a month for an
// export, a year's volunteer warnings. Re-exported by the expenses' service.
import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { allowanceWarnings, type Warning } from './allowances.js';
import * as q from './queries.js';
import { notFound } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import { isUuid } from '../web/schemas.js';

export async function findExpense(db: Tx, network: Network, id: string, lock = false): Promise<q.ExpenseRow> {
  const [row] = isUuid(id) ? await q.selectExpenses(db, network.id, { ids: [id], lock }) : [];
  if (!row) throw notFound(msg('expenses.problem.expense'));
  return row;
}

/** An expense with its shares, receipts and warnings, ready to present. */
export type ExpenseView = Awaited<ReturnType<typeof viewExpenses>>[number];

export async function viewExpenses(db: Tx, network: Network, rows: q.ExpenseRow[]) {
  const ids = rows.map((r) => r.id);
  const [shares, receipts] = await Promise.all([q.selectShares(db, ids), q.selectReceipts(db, ids)]);
  const out = [];
  for (const r of rows) {
    const warnings: Warning[] = [];
    if (r.volunteerUserId) {
      const year = Number(r.incurredOn.slice(0, 4));
      const perDay = await q.selectAllowances(db, network.id, r.volunteerUserId, year);
      warnings.push(
        ...allowanceWarnings(
          year,
          perDay.map((d) => ({ day: String(d.day), cents: d.cents })),
        ),
      );
    }
    const mine = receipts.filter((x) => x.expenseId === r.id);
    if (r.paidBy === 'organiser' && mine.length === 0)
      warnings.push({
        code: 'receipt.missing',
        message: msg('expenses.warning.receiptMissing'),
      });
    out.push({
      ...r,
      events: shares.events.filter((s) => s.expenseId === r.id),
      grants: shares.grants.filter((s) => s.expenseId === r.id),
      receipts: mine,
      warnings,
    });
  }
  return out;
}

export const receiptsOf = (db: Tx, expenseIds: string[]) => q.selectReceipts(db, expenseIds);
export const sharesOf = (db: Tx, expenseIds: string[]) => q.selectShares(db, expenseIds);

/** Volunteer allowance warnings of a year, one list per volunteer (name first). */
export async function volunteerWarnings(
  db: Tx,
  network: Network,
  year: number,
): Promise<{ name: string; warnings: Warning[] }[]> {
  const rows = await q.selectVolunteerDays(db, network.id, year);
  const ids = [...new Set(rows.map((r) => r.userId!))];
  const people = await q.selectPeople(db, network.id, ids);
  return ids
    .map((id) => ({
      name: people.find((p) => p.id === id)?.name ?? id,
      warnings: allowanceWarnings(
        year,
        rows.filter((r) => r.userId === id).map((r) => ({ day: String(r.day), cents: r.cents })),
      ),
    }))
    .filter((v) => v.warnings.length > 0);
}

/** A month's expenses for a treasurer's scope (all, or some chapters), flat rows for an export. */
export async function expensesOfMonth(db: Tx, network: Network, month: string, chapterIds: string[] | 'all') {
  const rows = await q.selectMonth(db, network.id, month, chapterIds);
  return rows.map((r) => ({ ...r.expense, chapterSlug: r.chapterSlug }));
}

/** How an expense reads in the audit log: its supplier, and its id to find it again. */
export const expenseSubject = (e: { id: string; supplierName: string }) => `${e.supplierName} · expense ${e.id}`;
