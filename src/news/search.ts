import type { Tx } from '../db/connection.js';
import { fold } from '../web/fold.js';
import { closeWords, networkVocabulary } from '../web/vocabulary.js';
import * as q from './queries.js';

/**
 * Full-text search over articles the way the member directory does it (docs/DECISIONS.md,
 * "Directory search"): text folded by web/fold.ts on write, a `simple` tsvector, and typos
 * corrected from a vocabulary of the network's own words (ts_stat), compared by trigrams as
 * pg_trgm does, with the directory's code (web/vocabulary.ts) over the words of published articles.
 */

const articleWords = networkVocabulary(q.selectVocabularyWords);

/** Forget the vocabulary (an article was published): the next search rebuilds it. */
export const forgetVocabulary = (networkId: string) => articleWords.forget(networkId);

/** The words of a query, folded: "Liège coworking" → ["liege", "coworking"]. */
export const queryWords = (q: string): string[] =>
  fold(q)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .slice(0, 8);

/**
 * A tsquery where every word must match: itself as a prefix, or (4+ letters) a close word of
 * the vocabulary. Undefined when the query has no word.
 */
export async function buildTsquery(db: Tx, networkId: string, q: string): Promise<string | undefined> {
  const words = queryWords(q);
  if (!words.length) return undefined;
  const v = words.some((w) => w.length >= 4) ? await articleWords.of(db, networkId) : undefined;
  return words
    .map((w) => {
      const alternatives = [`${w}:*`, ...(v && w.length >= 4 ? closeWords(v, w) : [])];
      return alternatives.length > 1 ? `(${alternatives.join(' | ')})` : alternatives[0];
    })
    .join(' & ');
}
