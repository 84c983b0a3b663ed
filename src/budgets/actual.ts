import { listChapters } from '../chapters/service.js';
import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import * as q from './queries.js';

/**
 * Budget versus actual on a date, defined once (docs/FIGURES.md, printed on the page):
 * - planned: the expense lines of the year's budgets (the network's own and each chapter's);
 * - actual: expenses incurred from 1 January of that year up to the date, approved by the end of
 *   that day on Brussels clocks (an expense approved later was not actual yet on that date);
 * - pending: submitted by then, not approved by then, and not rejected since;
 * - a grant: what approved expenses of its period up to the date charge to it, against the amount granted;
 *   in a chapter's view, the network's grants too, with what that chapter's expenses charge to them
 *   (what remains is the grant's, after every charge).
 * `chapterId` narrows everything to one chapter (its budget, its expenses, its events, its grants).
 */
export async function budgetVsActual(db: Tx, network: Network, at: string, chapterId?: string) {
  const year = Number(at.slice(0, 4));
  const from = `${year}-01-01`;
  const [budgets, spent, events, charged, grants, chapters] = await Promise.all([
    q.selectBudgets(db, network.id, { year }),
    q.selectActualByChapterCategory(db, network.id, from, at),
    q.selectActualByEvent(db, network.id, from, at, chapterId),
    q.selectChargedByGrant(db, network.id, at, chapterId),
    q.selectGrants(db, network.id),
    listChapters(db, network, { limit: 1000 }),
  ]);
  const inScope = (c: string | null) => chapterId === undefined || c === chapterId;
  const lines = (
    await q.selectBudgetLines(
      db,
      budgets.filter((b) => inScope(b.chapterId)).map((b) => b.id),
    )
  ).map((l) => ({ ...l, chapterId: budgets.find((b) => b.id === l.budgetId)!.chapterId }));
  const planned = lines.filter((l) => l.kind === 'expense');
  const rows = spent.filter((s) => inScope(s.chapterId));

  const keyOf = (c: string | null) => c ?? 'network';
  const figure = (p: number, a: number, pending: number) => ({
    plannedCents: p,
    actualCents: a,
    pendingCents: pending,
    remainingCents: p - a,
  });
  const group = <K extends string>(key: (x: { chapterId: string | null; category: string }) => K) => {
    const m = new Map<K, { p: number; a: number; pending: number }>();
    const at = (k: K) => {
      let g = m.get(k);
      if (!g) {
        g = { p: 0, a: 0, pending: 0 };
        m.set(k, g);
      }
      return g;
    };
    for (const l of planned) at(key({ chapterId: l.chapterId, category: l.category ?? 'other' })).p += l.amountCents;
    for (const r of rows) {
      const g = at(key(r));
      g.a += r.actualCents;
      g.pending += r.pendingCents;
    }
    return m;
  };
  const byCategory = [...group((x) => x.category)].map(([category, v]) => ({
    category,
    ...figure(v.p, v.a, v.pending),
  }));
  byCategory.sort((a, b) => a.category.localeCompare(b.category));
  const names = new Map(chapters.map((c) => [c.id, c]));
  const byChapter = [...group((x) => keyOf(x.chapterId))].map(([k, v]) => ({
    chapter: k === 'network' ? null : (names.get(k)?.slug ?? null),
    name: k === 'network' ? null : (names.get(k)?.name ?? ''),
    ...figure(v.p, v.a, v.pending),
  }));
  byChapter.sort((a, b) => (a.name === null ? -1 : b.name === null ? 1 : a.name.localeCompare(b.name)));
  const total = figure(
    planned.reduce((s, l) => s + l.amountCents, 0),
    rows.reduce((s, r) => s + r.actualCents, 0),
    rows.reduce((s, r) => s + r.pendingCents, 0),
  );
  const byGrant = grants
    .filter((g) => chapterId === undefined || g.chapterId === chapterId || g.chapterId === null)
    .filter((g) => g.periodStart <= at && g.periodEnd >= from)
    .map((g) => {
      const c = charged.get(g.id) ?? { all: 0, mine: 0 };
      return {
        grantId: g.id,
        funder: g.funder,
        decisionRef: g.decisionRef,
        grantedCents: g.amountGrantedCents,
        chargedCents: c.mine,
        remainingCents: g.amountGrantedCents - c.all,
      };
    });
  const byEvent = events.map((e) => ({
    eventId: e.eventId,
    title: e.title,
    startsAt: e.startsAt.toISOString(),
    chapter: names.get(e.chapterId)?.slug ?? null,
    actualCents: e.actualCents,
  }));
  return {
    at,
    year,
    chapter: chapterId ? (names.get(chapterId)?.slug ?? null) : null,
    total,
    byCategory,
    byChapter,
    byEvent,
    byGrant,
  };
}
export type BudgetVsActual = Awaited<ReturnType<typeof budgetVsActual>>;
