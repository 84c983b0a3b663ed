import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { fold } from '../web/fold.js';

/**
 * Full-text search over articles the way the member directory does it (docs/DECISIONS.md,
 * "Directory search"): text folded by web/fold.ts on write, a `simple` tsvector, and typos
 * corrected from a vocabulary of the network's own words (ts_stat), compared by trigrams as
 * pg_trgm does. The directory's vocabulary lives in the members feature and reads member
 * profiles; this one reads published articles, so it is kept here with the same rules.
 */

const TTL_MS = 5 * 60_000;
const THRESHOLD = 0.4;
const MAX_CORRECTIONS = 5;

interface Vocabulary {
  words: string[];
  byTrigram: Map<string, number[]>;
  builtAt: number;
}
const cache = new Map<string, Vocabulary>();

function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const set = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
  return set;
}

async function vocabulary(db: Tx, networkId: string): Promise<Vocabulary> {
  const current = cache.get(networkId);
  if (current && Date.now() - current.builtAt < TTL_MS) return current;
  const res = await db.execute<{ word: string }>(sql`
    SELECT word FROM ts_stat(format('SELECT search_doc FROM articles WHERE network_id = %L AND status = %L', ${networkId}::text, 'published'))
    WHERE word ~ '^[a-z0-9]{3,40}$' ORDER BY ndoc DESC LIMIT 100000`);
  const words = res.rows.map((r) => r.word);
  const byTrigram = new Map<string, number[]>();
  words.forEach((w, i) => {
    for (const t of trigrams(w)) {
      const list = byTrigram.get(t);
      if (list) list.push(i);
      else byTrigram.set(t, [i]);
    }
  });
  const fresh = { words, byTrigram, builtAt: Date.now() };
  cache.set(networkId, fresh);
  return fresh;
}

/** Forget the vocabulary (an article was published): the next search rebuilds it. */
export const forgetVocabulary = (networkId: string) => cache.delete(networkId);

function closeWords(v: Vocabulary, term: string): string[] {
  const mine = trigrams(term);
  const shared = new Map<number, number>();
  for (const t of mine) for (const i of v.byTrigram.get(t) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
  const scored: { word: string; score: number }[] = [];
  for (const [i, n] of shared) {
    const word = v.words[i]!;
    const score = n / (mine.size + trigrams(word).size - n);
    if (score >= THRESHOLD && word !== term) scored.push({ word, score });
  }
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_CORRECTIONS)
    .map((s) => s.word);
}

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
  const v = words.some((w) => w.length >= 4) ? await vocabulary(db, networkId) : undefined;
  return words
    .map((w) => {
      const alternatives = [`${w}:*`, ...(v && w.length >= 4 ? closeWords(v, w) : [])];
      return alternatives.length > 1 ? `(${alternatives.join(' | ')})` : alternatives[0];
    })
    .join(' & ');
}
