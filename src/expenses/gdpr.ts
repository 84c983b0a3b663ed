import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import type { DataSubject, PersonalData } from '../db/gdpr.js';
import { AppError } from '../web/errors.js';
import { msg } from '../web/i18n.js';

// GDPR: the expenses that name a person — as the one reimbursed or paid an allowance (the payee),
// or as the one who recorded, submitted or approved them.

const owedStatuses = sql`('draft', 'submitted', 'incomplete', 'approved')`;
const payee = (who: DataSubject) =>
  sql`((paid_by = 'organiser' AND reimburse_user_id = ${who.userId}) OR volunteer_user_id = ${who.userId})`;

const euros = (cents: number) =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;

export const expenseData: PersonalData = {
  key: 'expenses',
  async export(tx: Tx, who) {
    const res = await tx.execute<{
      id: string;
      incurred_on: string;
      supplier_name: string;
      amount_cents: string;
      category: string;
      description: string;
      status: string;
      paid_by: string;
      paid_on: string | null;
      payee: boolean;
    }>(sql`
      SELECT id, incurred_on::text, supplier_name, amount_cents, category, description, status, paid_by, paid_on::text,
        ${payee(who)} AS payee
      FROM expenses
      WHERE network_id = ${who.networkId}
        AND (${payee(who)} OR created_by = ${who.userId} OR submitted_by = ${who.userId} OR approved_by = ${who.userId})
      ORDER BY incurred_on, id`);
    return res.rows.map((r) => ({
      id: r.id,
      incurredOn: r.incurred_on,
      supplierName: r.supplier_name,
      amountCents: Number(r.amount_cents),
      category: r.category,
      description: r.description,
      status: r.status,
      paidBy: r.paid_by,
      paidOn: r.paid_on,
      toBePaidToMe: r.payee,
    }));
  },
  /**
   * Refuses while the network still owes the person money (a reimbursement or an allowance not yet
   * paid nor rejected): once the account is gone nobody could pay them. Otherwise the lines stay —
   * the accounts keep their money trail — with the payee anonymised; who recorded or approved
   * them goes by the foreign keys (ON DELETE SET NULL).
   */
  async forget(tx: Tx, who) {
    const owed = await tx.execute<{ incurred_on: string; supplier_name: string; amount_cents: string }>(sql`
      SELECT incurred_on::text, supplier_name, amount_cents FROM expenses
      WHERE network_id = ${who.networkId} AND ${payee(who)} AND status IN ${owedStatuses}
      ORDER BY incurred_on, id
      FOR UPDATE`);
    if (owed.rows.length)
      throw new AppError(
        'conflict',
        msg('expenses.problem.owedOnErase', {
          count: owed.rows.length,
          list: owed.rows
            .map((r) => `${r.incurred_on} ${r.supplier_name} ${euros(Number(r.amount_cents))} EUR`)
            .join('; '),
        }),
      );
    await tx.execute(sql`
      UPDATE expenses SET payee_erased_at = now(),
        reimburse_user_id = CASE WHEN reimburse_user_id = ${who.userId} THEN NULL ELSE reimburse_user_id END,
        volunteer_user_id = CASE WHEN volunteer_user_id = ${who.userId} THEN NULL ELSE volunteer_user_id END
      WHERE network_id = ${who.networkId} AND (reimburse_user_id = ${who.userId} OR volunteer_user_id = ${who.userId})`);
  },
};
