import { findChapter } from '../chapters/service.js';
import { checkCategory, moneyScope, treasurersFor, type MoneyScope } from '../budgets/service.js';
import { recordAudit, type AuditAction } from '../audit/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { saveFile, type BlobStore, type IncomingFile } from '../storage/service.js';
import { queueWebhooks } from '../webhooks/outbox.js';
import type { User } from '../accounts/service.js';
import { AppError, notFound } from '../web/errors.js';
import type { MessageKey } from '../web/i18n/en.js';
import { authorize } from '../web/policy.js';
import { isUuid } from '../web/schemas.js';
import { resolveAllocation } from './allocation.js';
import { allowanceWarnings, type Warning } from './allowances.js';
import { queueExpenseNotices, type ExpenseNotice } from './notices.js';
import { expensePolicy } from './policy.js';
import * as q from './queries.js';
import type { ExpenseCreate, ExpenseUpdate } from './schemas.js';
import { msg } from '../web/i18n.js';

export type { ExpenseRow } from './queries.js';
export const ExpenseStatuses = ['draft', 'submitted', 'incomplete', 'approved', 'paid', 'rejected'] as const;
export const RECEIPT_RULES = {
  accept: ['application/pdf', 'image/jpeg', 'image/png'] as const,
  maxBytes: 10 * 1_048_576,
};

export interface Settings {
  selfApprovalLimitCents: number;
  baseUrl: string;
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
        message: 'A reimbursement needs a receipt before it can be submitted.',
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

export async function findExpense(db: Tx, network: Network, id: string, lock = false): Promise<q.ExpenseRow> {
  const [row] = isUuid(id) ? await q.selectExpenses(db, network.id, { ids: [id], lock }) : [];
  if (!row) throw notFound(msg('expenses.problem.expense'));
  return row;
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

const audit = (tx: Tx, network: Network, actor: User, action: AuditAction, e: { id: string }, details = {}) =>
  recordAudit(tx, { networkId: network.id, actor, action, subject: `expense ${e.id}`, details });

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
    await audit(tx, network, actor, 'expense.create', row, { amountCents: row.amountCents });
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
    await audit(tx, network, actor, 'expense.update', current, { fields: Object.keys(patch) });
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
      const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' });
      await q.updateExpense(tx, e.id, { status: 'paid', paidAt: new Date(), paidOn: paidOn ?? e.paidOn ?? today });
      return { action: 'expense.pay', notice: 'paid', to: [e.reimburseUserId].filter(Boolean) as string[] };
    },
    settings,
  );

/** Adds a receipt (PDF, JPEG, PNG, checked by content, kept byte for byte with its SHA-256). */
export async function addReceipt(
  db: Db,
  store: BlobStore,
  network: Network,
  actor: User,
  id: string,
  file: IncomingFile,
) {
  return db.transaction(async (tx) => {
    const e = await findExpense(tx, network, id, true);
    const scope = await moneyScope(tx, network, actor);
    if (!expensePolicy.read(scope, actor, e)) throw notFound(msg('expenses.problem.expense'));
    if (!['draft', 'incomplete', 'submitted'].includes(e.status))
      throw new AppError(
        'conflict',
        msg('expenses.problem.receiptsFinal', { status: msg(`expenses.status.${e.status}` as MessageKey) }),
      );
    authorize(actor, expensePolicy.addReceipt(scope, actor, e), 'add receipts to this expense');
    const upload = await saveFile(tx, store, network.id, file, RECEIPT_RULES, actor.id);
    await q.insertReceipt(tx, { networkId: network.id, expenseId: e.id, uploadId: upload.id });
    await audit(tx, network, actor, 'expense.receipt', e, { sha256: upload.sha256, name: upload.originalName });
    return upload;
  });
}

export const receiptsOf = (db: Tx, expenseIds: string[]) => q.selectReceipts(db, expenseIds);

/**
 * A receipt's file as received, for whoever may read its expense (the API and the expense page
 * both come here); an unknown receipt, or one of another expense, is a 404.
 */
export async function openReceipt(
  db: Tx,
  store: BlobStore,
  network: Network,
  actor: User,
  expenseId: string,
  receiptId: string,
) {
  const row = await findExpense(db, network, expenseId);
  authorize(actor, expensePolicy.read(await moneyScope(db, network, actor), actor, row), 'see this expense');
  const receipt = isUuid(receiptId)
    ? (await q.selectReceipts(db, [row.id])).find((r) => r.id === receiptId)
    : undefined;
  const bytes = receipt && (await store.get(receipt.key));
  if (!receipt || !bytes) throw notFound(msg('expenses.problem.receipt'));
  // The stored name is the uploader's: only safe characters reach the header.
  const disposition = `attachment; filename="${receipt.name.replace(/[^\w. -]/g, '_')}"`;
  return { name: receipt.name, contentType: receipt.contentType, disposition, bytes };
}
export const sharesOf = (db: Tx, expenseIds: string[]) => q.selectShares(db, expenseIds);

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

/** Removes every expense of a network (`essaim demo --force`, before the chapters they belong to go). */
export const clearExpenses = (db: Tx, network: Network) => q.deleteExpenses(db, network.id);
