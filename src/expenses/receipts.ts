// Receipts: files kept byte for byte with their SHA-256, added while an expense is open, read by
// whoever may read the expense. Re-exported by the expenses' service.
import type { User } from '../accounts/service.js';
import { recordAudit } from '../audit/service.js';
import { moneyScope } from '../budgets/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { type BlobStore, type IncomingFile, saveFile } from '../storage/service.js';
import { AppError, notFound } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import type { MessageKey } from '../web/i18n/en.js';
import { authorize } from '../web/policy.js';
import { isUuid } from '../web/schemas.js';
import { expensePolicy } from './policy.js';
import * as q from './queries.js';
import { expenseSubject, findExpense } from './views.js';

export const RECEIPT_RULES = {
  accept: ['application/pdf', 'image/jpeg', 'image/png'] as const,
  maxBytes: 10 * 1_048_576,
};

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
    await recordAudit(tx, {
      networkId: network.id,
      actor,
      action: 'expense.receipt',
      subject: expenseSubject(e),
      details: { sha256: upload.sha256, name: upload.originalName },
    });
    return upload;
  });
}

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
