import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { authorizeArticleEdit, cleanBodies, findArticle, updateArticle } from '../news/service.js';
import { AppError, notFound } from '../web/errors.js';
import type { Actor } from '../web/policy.js';
import { localeOr, msg } from '../web/i18n.js';
import { buildDictionary, hasQuestionDamage } from './repair.js';
import { unrelatedBy } from './likeness.js';
import * as q from './queries.js';
import { recordRepairs, repairFields } from './service.js';

type Field = 'title' | 'body' | 'excerpt';
const fieldOf = (f: string): Field => (f === 'title' || f === 'excerpt' ? f : 'body');

/** Replaces the occurrence of `find` closest to `near` (offsets move as earlier words are repaired). */
export function replaceNearest(text: string, find: string, replacement: string, near: number): string | undefined {
  let best = -1;
  for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + 1))
    if (best < 0 || Math.abs(at - near) < Math.abs(best - near)) best = at;
  if (best < 0) return undefined;
  return text.slice(0, best) + replacement + text.slice(best + find.length);
}

/** Articles with words waiting for an editor, most first. */
export function damagedArticles(db: Tx, networkId: string) {
  return q.selectDamagedArticles(db, networkId, 200);
}

async function repairRow(db: Tx, networkId: string, articleId: string, repairId: string) {
  const row = await q.selectRepair(db, networkId, articleId, repairId);
  if (!row) throw notFound(msg('textRepair.problem.repair'));
  return row;
}

const UNRELATED = 'textRepair.problem.unrelated';
/** The refusal that a confirmation lifts (the page asks for it). */
export const needsConfirmation = (err: unknown): err is AppError =>
  err instanceof AppError && err.message_.key === UNRELATED;

/**
 * An editor's decision on one word: `apply` puts the chosen word (the proposal, an alternative or
 * their own; one that shares little with the damaged text only with `confirm`) into the text; `reject` leaves the damaged word; `undo` puts the original back.
 * The article is saved as a new revision, so its excerpt and search text follow.
 */
export async function decideRepair(
  db: Db,
  network: Network,
  actor: Actor,
  articleId: string,
  repairId: string,
  decision: { action: 'apply' | 'reject' | 'undo'; choice?: string | undefined; confirm?: boolean | undefined },
) {
  const article = await findArticle(db, network, articleId);
  await authorizeArticleEdit(db, actor, article, 'review the repairs of this article');
  return db.transaction(async (tx) => {
    const r = await repairRow(tx, network.id, articleId, repairId);
    const field = fieldOf(r.field);
    const current = field === 'title' ? article.title : field === 'excerpt' ? article.excerpt : article.bodyMarkdown;
    let next: string | undefined;
    let state: 'applied' | 'rejected' | 'undone';
    let replacement = r.replacement;
    if (decision.action === 'apply') {
      if (r.state !== 'queued') throw new AppError('conflict', msg('textRepair.problem.decided'));
      replacement = decision.choice?.trim() || r.replacement;
      // A word of one's own that keeps little of the damaged one is more often a slip than the word meant.
      const proposed = [r.replacement, ...r.alternatives].includes(replacement);
      const count = proposed || decision.confirm ? undefined : unrelatedBy(r.original, replacement);
      if (count !== undefined)
        throw new AppError('conflict', msg(UNRELATED, { choice: replacement, damaged: r.original, count }));
      next = replaceNearest(current, r.original, replacement, r.position);
      state = 'applied';
    } else if (decision.action === 'reject') {
      if (r.state !== 'queued') throw new AppError('conflict', msg('textRepair.problem.decided'));
      state = 'rejected';
    } else {
      if (r.state !== 'applied') throw new AppError('conflict', msg('textRepair.problem.notApplied'));
      next = replaceNearest(current, r.replacement, r.original, r.position);
      state = 'undone';
    }
    if (decision.action !== 'reject' && next === undefined)
      throw new AppError('conflict', msg('textRepair.problem.gone'));
    if (next !== undefined) {
      const patch =
        field === 'title' ? { title: next } : field === 'excerpt' ? { excerpt: next } : { bodyMarkdown: next };
      await updateArticle(tx, network, actor, articleId, patch, { note: `repair ${decision.action}` });
    }
    await q.updateDecision(tx, repairId, { state, replacement });
    return { state, replacement };
  });
}

/** Detects and repairs an article on demand, with the words of the network's clean articles. */
export async function scanArticle(db: Db, network: Network, actor: Actor, articleId: string) {
  const article = await findArticle(db, network, articleId);
  await authorizeArticleEdit(db, actor, article, 'repair this article');
  const language = localeOr(article.language);
  const bodies = (await cleanBodies(db, network.id, language)).filter((b) => !hasQuestionDamage(b));
  const dict = buildDictionary(language, bodies);
  const repairs = repairFields({ title: article.title, body: article.bodyMarkdown }, dict, [article.slug]);
  return db.transaction(async (tx) => {
    const fixed = Object.fromEntries(repairs.map((r) => [r.field, r.text]));
    if (fixed.title !== article.title || fixed.body !== article.bodyMarkdown)
      await updateArticle(
        tx,
        network,
        actor,
        articleId,
        { title: fixed.title, bodyMarkdown: fixed.body },
        { note: 'repair' },
      );
    const n = await recordRepairs(tx, network.id, articleId, repairs);
    return {
      found: n,
      applied: repairs.reduce((s, r) => s + r.substitutions.filter((x) => x.applied).length, 0),
    };
  });
}
