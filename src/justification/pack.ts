import { defaultCategorySet, findGrant, listBudgets, type GrantRow } from '../budgets/service.js';
import type { Tx } from '../db/connection.js';
import { receiptsOf } from '../expenses/service.js';
import type { Network } from '../networks/service.js';
import { daysPeriod, eventActivity, grantReport } from '../reports/service.js';
import { type Locale, translator } from '../web/i18n.js';
import { definitionKeys } from '../reports/messages.js';

/**
 * The funder's justification pack of a grant over a period, built once: the XLSX, PDF, CSV and
 * JSON forms are all written from this one model, so their totals are the same to the cent.
 */
export type Pack = Awaited<ReturnType<typeof buildPack>>;

export async function buildPack(
  db: Tx,
  network: Network,
  grantId: string,
  range: { from?: string; to?: string },
  locale: Locale,
  now = new Date(),
) {
  const grant: GrantRow = await findGrant(db, network, grantId);
  const t = translator(locale);
  const [report, set] = await Promise.all([grantReport(db, network, grant, range), defaultCategorySet(db, network)]);
  const label = (code: string) => set.categories.find((c) => c.code === code)?.[locale] ?? code;
  const receipts = await receiptsOf(
    db,
    report.lines.map((l) => l.id),
  );
  const lines = report.lines.map((l) => ({
    id: l.id,
    date: l.incurred_on,
    paidOn: l.paid_on,
    supplier: l.supplier_name,
    supplierVat: l.supplier_vat,
    category: l.category,
    categoryLabel: label(l.category),
    description: l.description,
    chapter: l.chapter_slug,
    amountCents: l.amount_cents,
    vatRate: l.vat_rate,
    chargedCents: l.charged_cents,
    receipts: receipts
      .filter((r) => r.expenseId === l.id)
      .map((r) => ({ id: r.id, name: r.name, sha256: r.sha256, key: r.key, contentType: r.contentType })),
  }));
  const categories = grant.eligibleCategories.map((code) => {
    const mine = lines.filter((l) => l.category === code);
    return {
      code,
      label: label(code),
      lines: mine.length,
      amountCents: mine.reduce((s, l) => s + l.amountCents, 0),
      chargedCents: mine.reduce((s, l) => s + l.chargedCents, 0),
    };
  });
  const p = daysPeriod(report.from, report.to);
  const activity = await eventActivity(db, network, p, grant.chapterId ?? undefined);
  const years = [...new Set([Number(report.from.slice(0, 4)), Number(report.to.slice(0, 4))])];
  const budgets = (
    await Promise.all(years.map((year) => listBudgets(db, network, { year, chapterId: grant.chapterId })))
  ).flat();
  const budgetVsActual = grant.eligibleCategories.map((code) => ({
    code,
    label: label(code),
    plannedCents: budgets
      .flatMap((b) => b.lines)
      .filter((l) => l.kind === 'expense' && l.category === code)
      .reduce((s, l) => s + l.amountCents, 0),
    actualCents: categories.find((c) => c.code === code)!.amountCents,
  }));
  return {
    locale,
    generatedAt: now.toISOString(),
    grant: {
      id: grant.id,
      funder: grant.funder,
      decisionRef: grant.decisionRef,
      amountGrantedCents: grant.amountGrantedCents,
      ratePercent: grant.rateBp / 100,
      rateBp: grant.rateBp,
      periodStart: grant.periodStart,
      periodEnd: grant.periodEnd,
      justificationDeadline: grant.justificationDeadline,
    },
    from: report.from,
    to: report.to,
    totalEligibleCents: report.totalEligibleCents,
    chargedCents: report.chargedCents,
    claimableCents: report.claimableCents,
    rateReached: report.rateReached,
    coverage: report.coverage,
    categories,
    lines,
    activity,
    budgetVsActual,
    definitions: definitionKeys.map((k) => ({ key: k, text: t(`figures.def.${k}`) })),
  };
}
