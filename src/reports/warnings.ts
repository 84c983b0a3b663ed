import { formatEur, formatRate } from '../web/money.js';
import { listBudgets, listGrants } from '../budgets/service.js';
import type { Tx } from '../db/connection.js';
import { volunteerWarnings } from '../expenses/service.js';
import type { Network } from '../networks/service.js';
import type { T } from '../web/i18n.js';
import { brusselsDate, yearPeriod } from './period.js';
import { selectEventFigures } from './queries.js';
import { grantReport } from './service.js';

const DEADLINE_SOON_DAYS = 60;

/**
 * The warnings of the budget pages for a year (docs/FIGURES.md, "Warnings"), in the reader's
 * language. Each is a sentence a treasurer can act on.
 */
export async function moneyWarnings(db: Tx, network: Network, year: number, t: T, locale: string, now = new Date()) {
  const out: string[] = [];
  const soon = brusselsDate(new Date(now.getTime() + DEADLINE_SOON_DAYS * 86_400_000));
  const grants = await listGrants(db, network);
  for (const g of grants) {
    if (g.periodEnd < `${year}-01-01` || g.periodStart > `${year}-12-31`) continue;
    const r = await grantReport(db, network, g);
    if (r.chargedCents > r.rateOfEligibleCents)
      out.push(
        t('warn.grantOver', {
          funder: g.funder,
          charged: formatEur(r.chargedCents, locale),
          rate: formatRate(g.rateBp, locale),
          max: formatEur(r.rateOfEligibleCents, locale),
        }),
      );
    if (r.withoutReceipt > 0 && g.justificationDeadline && g.justificationDeadline <= soon)
      out.push(
        t('warn.receiptsMissing', { funder: g.funder, count: r.withoutReceipt, deadline: g.justificationDeadline }),
      );
  }
  for (const v of await volunteerWarnings(db, network, year))
    for (const w of v.warnings)
      out.push(t('warn.volunteer', { message: `${v.name}: ${t(w.message.key, w.message.params)}` }));
  const [budget] = await listBudgets(db, network, { year, chapterId: null });
  if (budget) {
    const income = budget.lines.filter((l) => l.kind !== 'expense').reduce((s, l) => s + l.amountCents, 0);
    const publicIncome = budget.lines
      .filter((l) => l.kind === 'grant' && grants.find((g) => g.id === l.grantId)?.publicFunder === 1)
      .reduce((s, l) => s + l.amountCents, 0);
    if (income > 0 && publicIncome * 2 > income)
      out.push(
        t('warn.publicShare', { share: formatRate(Math.round((publicIncome / income) * 10_000), locale), year }),
      );
  }
  const events = await selectEventFigures(db, network.id, yearPeriod(year), {});
  for (const e of events)
    if (e.status !== 'cancelled' && e.starts_at < now && e.attended === 0 && e.cost_cents > 0)
      out.push(
        t('warn.emptyEvent', {
          event: `${e.title} (${brusselsDate(e.starts_at)})`,
          cost: formatEur(e.cost_cents, locale),
        }),
      );
  return out;
}
