import type { MoneyScope } from './service.js';

/**
 * Who may do what with budgets and grants (one place, used by routes and pages). Admins and
 * network treasurers: everything. A chapter's treasurer: that chapter's budget. Organisers read
 * the grants (to charge expenses to them) and their chapter's budget.
 */
const involved = (s: MoneyScope) => s.all || s.treasurerOf.size > 0 || s.organiserOf.size > 0;

export const budgetPolicy = {
  readGrants: involved,
  manageGrants: (s: MoneyScope) => s.all,
  manageCategories: (s: MoneyScope) => s.all,
  readCategories: involved,
  readBudget: (s: MoneyScope, chapterId: string | null) =>
    s.all || (chapterId !== null && (s.treasurerOf.has(chapterId) || s.organiserOf.has(chapterId))),
  writeBudget: (s: MoneyScope, chapterId: string | null) =>
    s.all || (chapterId !== null && s.treasurerOf.has(chapterId)),
  /** Any budget page at all (a list filtered by readBudget). */
  listBudgets: involved,
};
