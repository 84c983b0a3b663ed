import { diffWordsWithSpace } from 'diff';
import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { authorize, type Actor } from '../web/policy.js';
import { newsPolicy } from './policy.js';
import * as q from './queries.js';
import { findArticle } from './service.js';
import type { ArticleStatus } from './tables.js';

/** A run of words of the text: kept, added or removed since the revision before. */
export interface WordChange {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Unchanged text longer than this is shown by its two ends, so a one-word fix does not bury the page. */
const KEEP = 160;

/**
 * What each save changed, in words an editor reads (the API keeps the unified diff): the title
 * and the status before and after, and the text as runs of kept, added and removed words.
 */
export async function revisionChanges(db: Tx, network: Network, actor: Actor, id: string) {
  const article = await findArticle(db, network, id);
  authorize(actor, await newsPolicy.seeRevisions(db, actor, article), 'see the revisions of this article');
  const rows = await q.selectRevisions(db, network.id, id);
  return rows.map((r, i) => {
    const before = rows[i - 1];
    return {
      number: r.number,
      editedBy: r.editedBy,
      note: r.note,
      createdAt: r.createdAt,
      status: r.status as ArticleStatus,
      statusBefore: before && before.status !== r.status ? (before.status as ArticleStatus) : undefined,
      titleBefore: before && before.title !== r.title ? before.title : undefined,
      title: r.title,
      words: before?.bodyMarkdown === r.bodyMarkdown ? [] : wordChanges(before?.bodyMarkdown ?? '', r.bodyMarkdown),
    };
  });
}

export function wordChanges(before: string, after: string): WordChange[] {
  const parts = diffWordsWithSpace(before, after);
  return parts.map((p, i) => {
    if (p.added) return { kind: 'added', text: p.value };
    if (p.removed) return { kind: 'removed', text: p.value };
    const text = p.value;
    const first = i === 0;
    const last = i === parts.length - 1;
    if (text.length <= KEEP * 2 || (first && last)) return { kind: 'same', text };
    // The first run keeps only its end, the last only its start, one between both ends.
    if (first) return { kind: 'same', text: `… ${text.slice(-KEEP)}` };
    if (last) return { kind: 'same', text: `${text.slice(0, KEEP)} …` };
    return { kind: 'same', text: `${text.slice(0, KEEP)} … ${text.slice(-KEEP)}` };
  });
}
