import { queueWrittenMail } from '../mail/outbox.js';
import type { Tx } from '../db/connection.js';
import { localeOr, translator } from '../web/i18n.js';
import { formatEur } from '../web/money.js';

export type ExpenseNotice = 'submitted' | 'approved' | 'rejected' | 'incomplete' | 'paid';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Tells the people concerned about a step of an expense (treasurers of a new submission, the
 * submitter of a decision, the reimbursed organiser of a payment): queued in the transaction of
 * the step, written now in each recipient's language.
 */
export async function queueExpenseNotices(
  tx: Tx,
  networkId: string,
  notice: ExpenseNotice,
  expense: { id: string; supplierName: string; amountCents: number; statusReason: string | null },
  to: { email: string; name: string; locale: string | null }[],
  baseUrl: string,
): Promise<void> {
  const seen = new Set<string>();
  for (const person of to) {
    if (seen.has(person.email)) continue;
    seen.add(person.email);
    const locale = localeOr(person.locale);
    const t = translator(locale);
    const params = {
      supplier: expense.supplierName,
      amount: formatEur(expense.amountCents, locale),
      reason: expense.statusReason ?? '',
    };
    const subject = t(`expenses.mail.${notice}.subject`, params);
    const body = t(`expenses.mail.${notice}.body`, params);
    const link = `${baseUrl}/admin/expenses/${expense.id}`;
    await queueWrittenMail(tx, {
      networkId,
      kind: `expense.${notice}`,
      toEmail: person.email,
      toName: person.name,
      locale,
      subject,
      textBody: `${body}\n\n${link}\n`,
      htmlBody: `<p>${escapeHtml(body)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`,
      headers: {},
    });
  }
}
