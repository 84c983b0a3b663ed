import type { MoneyScope } from '../budgets/service.js';
import type { Actor } from '../web/policy.js';

type ExpenseLike = {
  chapterId: string | null;
  createdBy: string | null;
  reimburseUserId: string | null;
  status: string;
};

/** Treasurer of this expense's money: admins and network treasurers, or the treasurer of its chapter. */
const treasurerOf = (s: MoneyScope, e: { chapterId: string | null }) =>
  s.all || (e.chapterId !== null && s.treasurerOf.has(e.chapterId));
const ownerOf = (actor: Actor, e: ExpenseLike) =>
  actor !== null && (e.createdBy === actor.id || e.reimburseUserId === actor.id);

/**
 * Who may do what with expenses, used by routes and pages alike. Organisers record and submit
 * their chapter's expenses; treasurers (of the network or of that chapter) approve, reject and
 * pay them; the person to reimburse always sees their own.
 */
export const expensePolicy = {
  treasurerOf,
  list: (s: MoneyScope) => s.all || s.treasurerOf.size > 0 || s.organiserOf.size > 0,
  read: (s: MoneyScope, actor: Actor, e: ExpenseLike) =>
    treasurerOf(s, e) || (e.chapterId !== null && s.organiserOf.has(e.chapterId)) || ownerOf(actor, e),
  create: (s: MoneyScope, chapterId: string | null) =>
    s.all || (chapterId !== null && (s.treasurerOf.has(chapterId) || s.organiserOf.has(chapterId))),
  /** Drafts and expenses sent back as incomplete: their author, or a treasurer. */
  edit: (s: MoneyScope, actor: Actor, e: ExpenseLike) =>
    (e.status === 'draft' || e.status === 'incomplete') && (ownerOf(actor, e) || treasurerOf(s, e)),
  decide: (s: MoneyScope, e: ExpenseLike) => treasurerOf(s, e),
  /** Receipts until the expense is approved; after that they are part of the record and never change. */
  addReceipt: (s: MoneyScope, actor: Actor, e: ExpenseLike) =>
    ['draft', 'incomplete', 'submitted'].includes(e.status) &&
    (ownerOf(actor, e) || treasurerOf(s, e) || (e.chapterId !== null && s.organiserOf.has(e.chapterId))),
};
