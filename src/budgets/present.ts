import type { BudgetLineRow, BudgetRow, CategorySetRow, GrantRow } from './service.js';
import { isoDay } from '../events/format.js';

export const presentGrant = (g: GrantRow) => ({
  id: g.id,
  funder: g.funder,
  publicFunder: g.publicFunder === 1,
  decisionRef: g.decisionRef,
  chapter: g.chapterSlug,
  amountGrantedCents: g.amountGrantedCents,
  ratePercent: g.rateBp / 100,
  eligibleCategories: g.eligibleCategories,
  periodStart: g.periodStart,
  periodEnd: g.periodEnd,
  justificationDeadline: g.justificationDeadline,
});

export const presentBudget = (b: BudgetRow & { lines: BudgetLineRow[] }) => ({
  id: b.id,
  year: b.year,
  chapter: b.chapterSlug,
  incomeCents: b.lines.filter((l) => l.kind !== 'expense').reduce((s, l) => s + l.amountCents, 0),
  plannedExpenseCents: b.lines.filter((l) => l.kind === 'expense').reduce((s, l) => s + l.amountCents, 0),
  lines: b.lines.map((l) => ({
    id: l.id,
    kind: l.kind,
    grantId: l.grantId,
    category: l.category,
    label: l.label,
    amountCents: l.amountCents,
  })),
});

export const presentCategorySet = (s: CategorySetRow) => ({
  id: s.id,
  name: s.name,
  isDefault: s.isDefault === 1,
  categories: s.categories,
});

/** Today's date on Brussels clocks (YYYY-MM-DD): the default date of budget-vs-actual figures. */
export const brusselsToday = () => isoDay(new Date());
/** The Brussels calendar date (YYYY-MM-DD) of an instant: an event at 23:30 on 31 December is on the 31st. */
export const brusselsDateOf = (iso: string) => isoDay(new Date(iso));
