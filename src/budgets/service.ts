import { auditAct, type AuditActor, changesOf } from '../audit/service.js';
import { chaptersOrganizedBy, findChapter } from '../chapters/service.js';
import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError, notFound } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import { isUuid } from '../web/schemas.js';
import type { Actor } from '../web/policy.js';
import { findUserByEmail } from '../accounts/service.js';
import { BRUSSELS_PRESET } from './presets.js';
import * as q from './queries.js';
import type { BudgetInput, GrantCreate } from './schemas.js';
import type { Category } from './tables.js';

export type { BudgetLineRow, BudgetRow, CategorySetRow, GrantRow } from './queries.js';
export type { Category } from './tables.js';
export { budgetVsActual, type BudgetVsActual } from './actual.js';

/**
 * What a person may see and do with money: `all` for admins and network treasurers; otherwise
 * the chapters they are treasurer of, and the chapters they organise (they submit expenses there).
 */
export interface MoneyScope {
  all: boolean;
  treasurerOf: Set<string>;
  organiserOf: Set<string>;
}

export async function moneyScope(db: Tx, network: Network, actor: Actor): Promise<MoneyScope> {
  if (!actor) return { all: false, treasurerOf: new Set(), organiserOf: new Set() };
  const [ships, organised] = await Promise.all([
    q.selectTreasurerships(db, network.id, actor.id),
    chaptersOrganizedBy(db, network, actor.id),
  ]);
  return {
    all: actor.role === 'admin' || ships.some((s) => s.chapterId === null),
    treasurerOf: new Set(ships.flatMap((s) => (s.chapterId ? [s.chapterId] : []))),
    organiserOf: new Set(organised.map((c) => c.id)),
  };
}

/** Treasurers of a chapter's money: its own and the network's. */
export async function treasurersFor(db: Tx, network: Network, chapterId: string | null) {
  const all = await q.selectTreasurers(db, network.id);
  return all.filter((t) => t.chapterId === null || t.chapterId === chapterId);
}
export const listTreasurers = (db: Tx, network: Network) => q.selectTreasurers(db, network.id);

export async function addTreasurer(
  db: Tx,
  network: Network,
  input: { email: string; chapter?: string },
  actor?: AuditActor,
) {
  const user = await findUserByEmail(db, network.id, input.email);
  if (!user)
    throw new AppError('validation', msg('error.noAccountUses', { email: input.email }), [
      { field: 'email', message: msg('validation.notAnAccount') },
    ]);
  const chapterId = input.chapter ? (await findChapter(db, network, input.chapter)).id : null;
  await db.transaction(async (tx) => {
    await q.insertTreasurer(tx, { networkId: network.id, userId: user.id, chapterId });
    await auditAct(tx, network.id, actor, 'treasurer.add', user.email, { chapter: input.chapter ?? null });
  });
  return (await q.selectTreasurers(db, network.id)).find((t) => t.userId === user.id && t.chapterId === chapterId)!;
}

export async function removeTreasurer(db: Tx, network: Network, id: string, actor?: AuditActor) {
  await db.transaction(async (tx) => {
    const [row] = await q.deleteTreasurer(tx, network.id, id);
    if (!row) throw notFound(msg('budget.problem.treasurer'));
    await auditAct(tx, network.id, actor, 'treasurer.remove', row.userId, { chapterId: row.chapterId });
  });
}

/** The network's expense categories: its default set, created from the Brussels preset on first use. */
export async function defaultCategorySet(db: Tx, network: Network): Promise<q.CategorySetRow> {
  const sets = await q.selectCategorySets(db, network.id);
  const found = sets.find((s) => s.isDefault === 1);
  if (found) return found;
  await q.insertCategorySet(db, { networkId: network.id, ...BRUSSELS_PRESET, isDefault: 1 });
  return (await q.selectCategorySets(db, network.id)).find((s) => s.isDefault === 1)!;
}

export async function listCategorySets(db: Tx, network: Network) {
  await defaultCategorySet(db, network);
  return q.selectCategorySets(db, network.id);
}

export async function createCategorySet(
  db: Tx,
  network: Network,
  input: { name: string; categories: Category[] },
  actor?: AuditActor,
) {
  return db.transaction(async (tx) => {
    const row = await q.insertCategorySet(tx, { networkId: network.id, ...input, isDefault: 0 });
    if (!row)
      throw new AppError('conflict', msg('categories.exists', { name: input.name }), [
        { field: 'name', message: msg('categories.exists', { name: input.name }) },
      ]);
    await auditAct(tx, network.id, actor, 'categories.create', row.name, {
      categories: row.categories.map((c) => c.code),
    });
    return row;
  });
}

export async function updateCategorySet(
  db: Tx,
  network: Network,
  id: string,
  input: { name: string; categories: Category[] },
  actor?: AuditActor,
) {
  return db.transaction(async (tx) => {
    const before = isUuid(id) ? (await q.selectCategorySets(tx, network.id)).find((s) => s.id === id) : undefined;
    const row = before ? await q.updateCategorySet(tx, network.id, id, input) : undefined;
    if (!before || !row) throw notFound(msg('budget.problem.categorySet'));
    const codes = (cs: Category[]) => cs.map((c) => c.code);
    const renamed = (c: Category) => {
      const old = before.categories.find((b) => b.code === c.code);
      return old && (old.fr !== c.fr || old.nl !== c.nl || old.en !== c.en);
    };
    await auditAct(tx, network.id, actor, 'categories.update', row.name, {
      ...changesOf(before, input, ['name']),
      added: codes(row.categories).filter((c) => !codes(before.categories).includes(c)),
      removed: codes(before.categories).filter((c) => !codes(row.categories).includes(c)),
      renamed: codes(row.categories.filter(renamed)),
    });
    return row;
  });
}

/** A category code of the network's default set, or a validation error naming `field`. */
export async function checkCategory(db: Tx, network: Network, code: string, field: string): Promise<void> {
  const set = await defaultCategorySet(db, network);
  if (!set.categories.some((c) => c.code === code))
    throw new AppError('validation', msg('budget.problem.notACategory', { code }), [
      { field, message: msg('validation.oneOf', { values: set.categories.map((c) => c.code).join(', ') }) },
    ]);
}

/** A grant's row from its input: categories checked against the network's set, the rate in basis points. */
async function grantValues(db: Tx, network: Network, input: GrantCreate) {
  const set = await defaultCategorySet(db, network);
  const unknown = input.eligibleCategories.filter((c) => !set.categories.some((x) => x.code === c));
  if (unknown.length)
    throw new AppError('validation', msg('grants.unknownCategories', { codes: unknown.join(', ') }), [
      {
        field: 'eligibleCategories',
        message: msg('grants.categoriesAmong', { codes: set.categories.map((c) => c.code).join(', ') }),
      },
    ]);
  const chapterId = input.chapter ? (await findChapter(db, network, input.chapter)).id : null;
  return {
    chapterId,
    funder: input.funder,
    publicFunder: input.publicFunder ? 1 : 0,
    decisionRef: input.decisionRef,
    amountGrantedCents: input.amountGrantedCents,
    rateBp: Math.round(input.ratePercent * 100),
    eligibleCategories: input.eligibleCategories,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    justificationDeadline: input.justificationDeadline ?? null,
  };
}

/** How a grant reads in the audit log: its funder and decision. */
const grantSubject = (g: { funder: string; decisionRef: string }) =>
  g.decisionRef ? `${g.funder} (${g.decisionRef})` : g.funder;
const GRANT_FIELDS = [
  'funder',
  'publicFunder',
  'decisionRef',
  'chapterSlug',
  'amountGrantedCents',
  'rateBp',
  'eligibleCategories',
  'periodStart',
  'periodEnd',
  'justificationDeadline',
] as const;

export async function createGrant(db: Tx, network: Network, input: GrantCreate, actor?: AuditActor) {
  const values = await grantValues(db, network, input);
  return db.transaction(async (tx) => {
    const row = await q.insertGrant(tx, { networkId: network.id, ...values });
    await auditAct(tx, network.id, actor, 'grant.create', grantSubject(row), {
      amountGrantedCents: row.amountGrantedCents,
      chapter: input.chapter ?? null,
      period: `${row.periodStart} – ${row.periodEnd}`,
    });
    return (await q.selectGrants(tx, network.id, [row.id]))[0]!;
  });
}

/** Changes a grant as a whole (the same input as recording it); expenses already charged stay charged. */
export async function updateGrant(db: Tx, network: Network, id: string, input: GrantCreate, actor?: AuditActor) {
  const before = await findGrant(db, network, id);
  const values = await grantValues(db, network, input);
  return db.transaction(async (tx) => {
    await q.updateGrant(tx, network.id, id, values);
    const after = (await q.selectGrants(tx, network.id, [id]))[0]!;
    await auditAct(tx, network.id, actor, 'grant.update', grantSubject(after), changesOf(before, after, GRANT_FIELDS));
    return after;
  });
}

export const listGrants = (db: Tx, network: Network, ids?: string[]) => q.selectGrants(db, network.id, ids);

export async function findGrant(db: Tx, network: Network, id: string) {
  const [row] = isUuid(id) ? await q.selectGrants(db, network.id, [id]) : [];
  if (!row) throw notFound(msg('budget.problem.grant'));
  return row;
}

export async function listBudgets(db: Tx, network: Network, f: { year?: number; chapterId?: string | null }) {
  const rows = await q.selectBudgets(db, network.id, f);
  const lines = await q.selectBudgetLines(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((b) => ({ ...b, lines: lines.filter((l) => l.budgetId === b.id) }));
}

/** Sets the lines of a scope's budget for a year (created when missing), in one transaction. */
export async function saveBudget(db: Tx, network: Network, input: BudgetInput, actor?: AuditActor) {
  const chapterId = input.chapter ? (await findChapter(db, network, input.chapter)).id : null;
  const grantIds = input.lines.flatMap((l) => (l.grantId ? [l.grantId] : []));
  const known = new Set((grantIds.length ? await q.selectGrants(db, network.id, grantIds) : []).map((g) => g.id));
  const errors = input.lines.flatMap((l, i) =>
    l.grantId && !known.has(l.grantId)
      ? [{ field: `lines.${i}.grantId`, message: msg('validation.notInNetwork', { what: 'grant' }) }]
      : [],
  );
  if (errors.length) throw new AppError('validation', msg('budget.problem.lineGrant'), errors);
  const set = await defaultCategorySet(db, network);
  const badCategory = input.lines.flatMap((l, i) =>
    l.category && !set.categories.some((c) => c.code === l.category)
      ? [{ field: `lines.${i}.category`, message: msg('budget.problem.notExpenseCategory') }]
      : [],
  );
  if (badCategory.length) throw new AppError('validation', msg('budget.problem.lineCategory'), badCategory);
  return db.transaction(async (tx) => {
    const budget = await q.lockBudget(tx, network.id, chapterId, input.year);
    const before = await q.selectBudgetLines(tx, [budget.id]);
    await q.replaceBudgetLines(
      tx,
      network.id,
      budget.id,
      input.lines.map((l) => ({
        kind: l.kind,
        grantId: l.kind === 'grant' ? (l.grantId ?? null) : null,
        category: l.kind === 'expense' ? (l.category ?? null) : null,
        label: l.label,
        amountCents: l.amountCents,
      })),
    );
    const saved = (await listBudgets(tx, network, { year: input.year, chapterId }))[0]!;
    await auditAct(tx, network.id, actor, 'budget.save', `${input.year} · ${input.chapter ?? 'network'}`, {
      ...budgetTotals(before, saved.lines),
      lines: { from: before.length, to: saved.lines.length },
    });
    return saved;
  });
}

/** A budget's planned income and expenses, before and after a save, as the audit log shows them. */
function budgetTotals(
  before: q.BudgetLineRow[],
  after: q.BudgetLineRow[],
): Partial<Record<'incomeCents' | 'expensesCents', { from: unknown; to: unknown }>> {
  const sum = (lines: q.BudgetLineRow[], income: boolean) =>
    lines.filter((l) => (l.kind !== 'expense') === income).reduce((n, l) => n + l.amountCents, 0);
  return changesOf(
    { incomeCents: sum(before, true), expensesCents: sum(before, false) },
    { incomeCents: sum(after, true), expensesCents: sum(after, false) },
    ['incomeCents', 'expensesCents'],
  );
}

/** Removes a network's money (expenses, budgets, grants, treasurers): `essaim demo --force` before it replaces the chapters. */
export const clearMoney = (db: Tx, network: Network) => q.deleteMoney(db, network.id);
