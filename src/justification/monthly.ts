import { centsToDecimal, formatEur } from '../web/money.js';
import { listTreasurers } from '../budgets/service.js';
import type { Db } from '../db/connection.js';
import { expensesOfMonth } from '../expenses/service.js';
import { queueWrittenMail } from '../mail/outbox.js';
import { csvDocument } from '../web/csv.js';
import { localeOr, translator } from '../web/i18n.js';
import * as q from './queries.js';
import { isoDay } from '../events/format.js';

/** The month before `now`, on Brussels clocks (YYYY-MM). */
export function previousMonth(now: Date): string {
  const [y, m] = isoDay(now).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Queues, once per network and month, the previous month's expenses to each treasurer as a CSV:
 * network treasurers get every line, a chapter's treasurer only that chapter's. The month is
 * claimed by inserting its row in the same transaction as the mail, so it goes out once whatever
 * the number of servers running the timer. Returns the number of mails queued.
 */
export async function queueMonthlyExports(db: Db, now = new Date()): Promise<number> {
  const month = previousMonth(now);
  let queued = 0;
  for (const network of await q.selectNetworks(db)) {
    queued += await db.transaction(async (tx) => {
      if (!(await q.claimMonth(tx, network.id, month))) return 0;
      const treasurers = await listTreasurers(tx, network);
      const byPerson = new Map<string, typeof treasurers>();
      for (const t of treasurers) byPerson.set(t.userId, [...(byPerson.get(t.userId) ?? []), t]);
      let n = 0;
      for (const roles of byPerson.values()) {
        const who = roles[0]!;
        const scope = roles.some((r) => r.chapterId === null) ? ('all' as const) : roles.map((r) => r.chapterId!);
        const rows = await expensesOfMonth(tx, network, month, scope);
        const locale = localeOr(who.locale);
        const t = translator(locale);
        const total = rows
          .filter((r) => r.status === 'approved' || r.status === 'paid')
          .reduce((s, r) => s + r.amountCents, 0);
        const body = t('mail.monthly.body', { month, count: rows.length, total: formatEur(total, locale) });
        await queueWrittenMail(tx, {
          networkId: network.id,
          kind: 'money.monthly',
          toEmail: who.email,
          toName: who.name,
          locale,
          subject: t('mail.monthly.subject', { network: network.name, month }),
          textBody: `${body}\n`,
          htmlBody: `<p>${body.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`,
          headers: {},
          attachments: [
            {
              filename: `expenses-${month}.csv`,
              contentType: 'text/csv; charset=utf-8',
              content: csvDocument([
                ['incurred_on', 'chapter', 'supplier', 'category', 'amount_eur', 'vat_rate', 'status', 'paid_on'],
                ...rows.map((r) => [
                  r.incurredOn,
                  r.chapterSlug ?? '',
                  r.supplierName,
                  r.category,
                  centsToDecimal(r.amountCents),
                  r.vatRate,
                  r.status,
                  r.paidOn ?? '',
                ]),
              ]),
            },
          ],
        });
        n++;
      }
      return n;
    });
  }
  return queued;
}
