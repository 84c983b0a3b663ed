import { renderFieldError } from '../web/errors.js';
import { currentLocale, translator } from '../web/i18n.js';
import type { ExpenseView } from './service.js';

/** VAT included in a VAT-inclusive amount, rounded half away from zero to the cent, in integers only. */
export function vatIncluded(amountCents: number, rate: number): number {
  const num = Math.abs(amountCents) * rate;
  const den = 100 + rate;
  return Math.sign(amountCents) * Math.floor((2 * num + den) / (2 * den)) + 0;
}

export const presentExpense = (e: ExpenseView) => ({
  id: e.id,
  status: e.status,
  chapter: e.chapterSlug,
  incurredOn: e.incurredOn,
  paidOn: e.paidOn,
  supplierName: e.supplierName,
  supplierVat: e.supplierVat,
  amountCents: e.amountCents,
  vatRate: e.vatRate,
  vatCents: vatIncluded(e.amountCents, e.vatRate),
  category: e.category,
  description: e.description,
  paidBy: e.paidBy,
  reimburseTo: e.reimburseUserId,
  payeeErased: e.payeeErasedAt !== null,
  volunteer: e.volunteerUserId,
  submittedBy: e.submittedBy,
  approvedBy: e.approvedBy,
  statusReason: e.statusReason,
  events: e.events.map((s) => ({ eventId: s.eventId, amountCents: s.amountCents })),
  grants: e.grants.map((s) => ({ grantId: s.grantId, amountCents: s.amountCents })),
  receipts: e.receipts.map((r) => ({
    id: r.id,
    name: r.name,
    contentType: r.contentType,
    byteSize: r.byteSize,
    sha256: r.sha256,
  })),
  // In the reader's language, with the key and parameters for clients that say it in their own words.
  warnings: e.warnings.map((w) => {
    const rendered = renderFieldError({ field: w.code, message: w.message }, translator(currentLocale()));
    return {
      code: w.code,
      key: rendered.code,
      ...(rendered.params ? { params: rendered.params } : {}),
      message: rendered.message,
    };
  }),
});

export const expenseCursor = (rows: { incurredOn: string; id: string }[], limit: number) =>
  rows.length > limit
    ? Buffer.from(`${rows[limit - 1]!.incurredOn}|${rows[limit - 1]!.id}`).toString('base64url')
    : null;

export function afterOf(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [incurredOn, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  return incurredOn && id && /^\d{4}-\d{2}-\d{2}$/.test(incurredOn) && /^[0-9a-f-]{36}$/.test(id)
    ? { incurredOn, id }
    : undefined;
}
