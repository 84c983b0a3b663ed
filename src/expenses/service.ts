import { findChapter } from '../chapters/service.js';
import { checkCategory, moneyScope, treasurersFor, type MoneyScope } from '../budgets/service.js';
import { changesOf, recordAudit, type AuditAction } from '../audit/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { queueWebhooks } from '../webhooks/outbox.js';
import type { User } from '../accounts/service.js';
import { AppError, notFound } from '../web/errors.js';
import type { MessageKey } from '../web/i18n/en.js';
import { authorize } from '../web/policy.js';
import { resolveAllocation } from './allocation.js';
import { queueExpenseNotices, type ExpenseNotice } from './notices.js';
import { expensePolicy } from './policy.js';
import * as q from './queries.js';
import type { ExpenseCreate, ExpenseUpdate } from './schemas.js';
import { msg } from '../web/i18n.js';

export type { ExpenseRow } from './queries.js';
export {
  expensesOfMonth,
  type ExpenseView,
  findExpense,
  receiptsOf,
  sharesOf,
  viewExpenses,
  volunteerWarnings,
} from './views.js';
export { addReceipt, openReceipt, RECEIPT_RULES } from './receipts.js';
import { expenseSubject, findExpense } from './views.js';
import { isoDay } from '../events/format.js';
export const ExpenseStatuses = ['draft', 'submitted', 'incomplete', 'approved', 'paid', 'rejected'] as const;
export interface Settings {
  selfApprovalLimitCents: number;
  baseUrl: string;
}

/** Lists what the person may see: everything for treasurers of the network, else their chapters and their own. */
export async function listExpenses(
  db: Tx,
  network: Network,
  actor: User,
  scope: MoneyScope,
  f: Omit<Parameters<typeof q.selectExpenses>[2], 'visible'>,
) {
  const visible = scope.all
    ? undefined
    : { chapterIds: [...new Set([...scope.treasurerOf, ...scope.organiserOf])], own: actor.id };
  return q.selectExpenses(db, network.id, { ...f, visible });
}

const audit = (
  tx: Tx,
  network: Network,
  actor: User,
  action: AuditAction,
  e: { id: string; supplierName: string },
  details = {},
) => recordAudit(tx, { networkId: network.id, actor, action, subject: expenseSubject(e), details });

export async function createExpense(db: Db, network: Network, actor: User, input: ExpenseCreate) {
  const chapterId = input.chapter ? (await findChapter(db, network, input.chapter)).id : null;
  const scope = await moneyScope(db, network, actor);
  authorize(actor, expensePolicy.create(scope, chapterId), 'record expenses for this chapter');
  await checkCategory(db, network, input.category, 'category');
  const line = { chapterId, amountCents: input.amountCents, category: input.category, incurredOn: input.incurredOn };
  const shares = await resolveAllocation(db, network, line, input.events, input.grants);
  return db.transaction(async (tx) => {
    const row = await q.insertExpense(tx, {
      networkId: network.id,
      chapterId,
      incurredOn: input.incurredOn,
      paidOn: input.paidOn ?? null,
      supplierName: input.supplierName,
      supplierVat: input.supplierVat?.replace(/[ .]/g, '') ?? null,
      amountCents: input.amountCents,
      vatRate: input.vatRate,
      category: input.category,
      description: input.description,
      paidBy: input.paidBy,
      reimburseUserId: input.paidBy === 'organiser' ? (input.reimburseTo ?? actor.id) : null,
      volunteerUserId: input.volunteer ?? null,
      createdBy: actor.id,
    });
    await q.replaceShares(tx, network.id, row.id, shares.events, shares.grants);
    await audit(tx, network, actor, 'expense.create', row, {
      amountCents: row.amountCents,
      category: row.category,
      incurredOn: row.incurredOn,
    });
    return findExpense(tx, network, row.id);
  });
}

export async function updateExpense(db: Db, network: Network, actor: User, id: string, patch: ExpenseUpdate) {
  return db.transaction(async (tx) => {
    const current = await findExpense(tx, network, id, true);
    const scope = await moneyScope(tx, network, actor);
    if (!expensePolicy.read(scope, actor, current)) throw notFound(msg('expenses.problem.expense'));
    if (current.status !== 'draft' && current.status !== 'incomplete')
      throw new AppError(
        'conflict',
        msg('expenses.problem.notEditable', { status: msg(`expenses.status.${current.status}` as MessageKey) }),
      );
    authorize(actor, expensePolicy.edit(scope, actor, current), 'change this expense');
    if (patch.category) await checkCategory(tx, network, patch.category, 'category');
    const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    const line = {
      chapterId: current.chapterId,
      amountCents: next.amountCents,
      category: next.category,
      incurredOn: next.incurredOn,
    };
    const existing = await q.selectShares(tx, [id]);
    const shares = await resolveAllocation(
      tx,
      network,
      line,
      patch.events ??
        (patch.amountCents !== undefined ? existing.events.map((e) => ({ eventId: e.eventId })) : existing.events),
      patch.grants ?? existing.grants,
    );
    const { events: _e, grants: _g, ...fields } = patch;
    await q.updateExpense(tx, id, fields);
    await q.replaceShares(tx, network.id, id, shares.events, shares.grants);
    const changed = changesOf(current, fields, Object.keys(fields) as (keyof typeof fields & string)[]);
    if (patch.events) changed.events = { from: existing.events.length, to: shares.events.length };
    if (patch.grants) changed.grants = { from: existing.grants.length, to: shares.grants.length };
    await audit(tx, network, actor, 'expense.update', current, changed);
    return findExpense(tx, network, id);
  });
}

/** One step of the workflow: locked, checked, written, audited, notified, in one transaction. */
async function step(
  db: Db,
  network: Network,
  actor: User,
  id: string,
  run: (
    tx: Tx,
    e: q.ExpenseRow,
    scope: MoneyScope,
  ) => Promise<{ action: AuditAction; notice?: ExpenseNotice; to?: string[] }>,
  settings: Settings,
) {
  return db.transaction(async (tx) => {
    const e = await findExpense(tx, network, id, true);
    const scope = await moneyScope(tx, network, actor);
    if (!expensePolicy.read(scope, actor, e)) throw notFound(msg('expenses.problem.expense'));
    const { action, notice, to } = await run(tx, e, scope);
    const after = await findExpense(tx, network, id);
    await audit(tx, network, actor, action, e, { from: e.status, to: after.status, reason: after.statusReason });
    if (notice && to?.length)
      await queueExpenseNotices(
        tx,
        network.id,
        notice,
        after,
        await q.selectPeople(tx, network.id, to),
        settings.baseUrl,
      );
    return after;
  });
}

const expectStatus = (e: q.ExpenseRow, allowed: string[], verb: string) => {
  if (!allowed.includes(e.status))
    throw new AppError(
      'conflict',
      msg('expenses.problem.wrongStatus', {
        status: msg(`expenses.status.${e.status}` as MessageKey),
        verb,
        allowed: allowed.join(' / '),
      }),
    );
};

export const submitExpense = (db: Db, network: Network, actor: User, id: string, settings: Settings) =>
  step(
    db,
    network,
    actor,
    id,
    async (tx, e, scope) => {
      expectStatus(e, ['draft', 'incomplete'], 'submitted');
      authorize(actor, expensePolicy.edit(scope, actor, e), 'submit this expense');
      if (e.paidBy === 'organiser' && (await q.selectReceipts(tx, [e.id])).length === 0)
        throw new AppError('validation', msg('expenses.problem.needsReceipt'), [
          { field: 'receipts', message: msg('expenses.problem.needsReceiptField') },
        ]);
      await q.updateExpense(tx, e.id, {
        status: 'submitted',
        submittedBy: actor.id,
        submittedAt: new Date(),
        statusReason: null,
      });
      await queueWebhooks(tx, network.id, 'expense.submitted', expenseData(e, 'submitted'));
      const treasurers = await treasurersFor(tx, network, e.chapterId);
      return {
        action: 'expense.submit',
        notice: 'submitted',
        to: treasurers.map((t) => t.userId).filter((u) => u !== actor.id),
      };
    },
    settings,
  );

export const approveExpense = (db: Db, network: Network, actor: User, id: string, settings: Settings) =>
  step(
    db,
    network,
    actor,
    id,
    async (tx, e, scope) => {
      expectStatus(e, ['submitted'], 'approved');
      authorize(actor, expensePolicy.decide(scope, e), 'approve this expense (treasurers)');
      if (Math.abs(e.amountCents) > settings.selfApprovalLimitCents && e.submittedBy === actor.id)
        throw new AppError(
          'forbidden',
          msg('expenses.problem.selfApproval', { limit: settings.selfApprovalLimitCents / 100 }),
          [{ field: 'approver', message: msg('expenses.problem.selfApprovalField') }],
        );
      await q.updateExpense(tx, e.id, { status: 'approved', approvedBy: actor.id, approvedAt: new Date() });
      await queueWebhooks(tx, network.id, 'expense.approved', expenseData(e, 'approved'));
      return {
        action: 'expense.approve',
        notice: 'approved',
        to: [e.submittedBy, e.reimburseUserId].filter(Boolean) as string[],
      };
    },
    settings,
  );

export const rejectExpense = (
  db: Db,
  network: Network,
  actor: User,
  id: string,
  input: { reason: string; outcome: 'rejected' | 'incomplete' },
  settings: Settings,
) =>
  step(
    db,
    network,
    actor,
    id,
    async (tx, e, scope) => {
      expectStatus(e, ['submitted'], input.outcome === 'rejected' ? 'rejected' : 'sent back');
      authorize(actor, expensePolicy.decide(scope, e), 'decide on this expense (treasurers)');
      await q.updateExpense(tx, e.id, { status: input.outcome, statusReason: input.reason });
      return {
        action: input.outcome === 'rejected' ? 'expense.reject' : 'expense.incomplete',
        notice: input.outcome,
        to: [e.submittedBy].filter(Boolean) as string[],
      };
    },
    settings,
  );

export const payExpense = (
  db: Db,
  network: Network,
  actor: User,
  id: string,
  paidOn: string | undefined,
  settings: Settings,
) =>
  step(
    db,
    network,
    actor,
    id,
    async (tx, e, scope) => {
      expectStatus(e, ['approved'], 'paid');
      authorize(actor, expensePolicy.decide(scope, e), 'pay this expense (treasurers)');
      const today = isoDay(new Date());
      await q.updateExpense(tx, e.id, { status: 'paid', paidAt: new Date(), paidOn: paidOn ?? e.paidOn ?? today });
      return { action: 'expense.pay', notice: 'paid', to: [e.reimburseUserId].filter(Boolean) as string[] };
    },
    settings,
  );

function expenseData(e: q.ExpenseRow, status: string) {
  return {
    id: e.id,
    status,
    chapter: e.chapterSlug,
    supplierName: e.supplierName,
    amountCents: e.amountCents,
    category: e.category,
    incurredOn: e.incurredOn,
  };
}

/** Removes every expense of a network (`essaim demo --force`, before the chapters they belong to go). */
export const clearExpenses = (db: Tx, network: Network) => q.deleteExpenses(db, network.id);
