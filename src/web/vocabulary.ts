import type { Tx } from '../db/connection.js';

/**
 * Typo tolerance by correcting the words, not by comparing every row: "javscript" becomes
 * "javscript:* | javascript", and the indexed tsvector does the rest. Comparing the query with
 * each profile's text (pg_trgm's `<%` on search_text) was measured at 100,000 members at 0.6–2 s
 * for a misspelt common skill — every profile that has the skill must be rechecked — against a
 * 50 ms target. This is pg_trgm's own advice for text search (a vocabulary from ts_stat, searched
 * by trigram similarity), kept in memory per network because the schema has no table for it.
 * The member directory and news search each load their own words (their queries.ts) and share this.
 */

/** pg_trgm's similarity (shared trigrams / all trigrams): 0.4 takes one typo in a word of 5+ letters, not a different word. */
const THRESHOLD = 0.4;
const MAX_CORRECTIONS = 5;

export interface Vocabulary {
  words: string[];
  /** trigram → indexes in `words` */
  byTrigram: Map<string, number[]>;
}

/** As pg_trgm pads a word: "  w", " wo", …, "d ". */
function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const set = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
  return set;
}

export function indexWords(words: string[]): Vocabulary {
  const byTrigram = new Map<string, number[]>();
  words.forEach((w, i) => {
    for (const t of trigrams(w)) {
      const list = byTrigram.get(t);
      if (list) list.push(i);
      else byTrigram.set(t, [i]);
    }
  });
  return { words, byTrigram };
}

/**
 * Edits between two words, a swap of two neighbours counting as one (optimal string alignment):
 * "jounree" is one from "journee". Trigrams alone score a swap in the middle of a word low
 * (0.33 here: it breaks three trigrams), although it is the commonest typo after a missing letter.
 */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  return rows[a.length]![b.length]!;
}

/**
 * Words of the vocabulary within one or two typos of `term` (itself excluded), closest first: by
 * trigram similarity, or one edit away (a swap included) for a term of 5 letters or more.
 */
export function closeWords(v: Vocabulary, term: string): string[] {
  const mine = trigrams(term);
  const shared = new Map<number, number>();
  for (const t of mine) for (const i of v.byTrigram.get(t) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
  const scored: { word: string; score: number }[] = [];
  for (const [i, n] of shared) {
    const word = v.words[i]!;
    if (word === term) continue;
    const score = n / (mine.size + trigrams(word).size - n);
    if (score >= THRESHOLD) scored.push({ word, score });
    else if (term.length >= 5 && Math.abs(word.length - term.length) <= 1 && editDistance(term, word) === 1)
      scored.push({ word, score: THRESHOLD });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.word.localeCompare(b.word))
    .slice(0, MAX_CORRECTIONS)
    .map((s) => s.word);
}

/**
 * A per-network vocabulary loaded by `load`: built on first use, then rebuilt in the background
 * when older than `ttlMs` (new words are still found by prefix meanwhile); `forget` drops it so
 * the next use rebuilds it at once.
 */
export function networkVocabulary(load: (db: Tx, networkId: string) => Promise<string[]>, ttlMs = 5 * 60_000) {
  type Cached = Vocabulary & { builtAt: number; refreshing?: Promise<void> | undefined };
  const cache = new Map<string, Cached>();
  const build = async (db: Tx, networkId: string): Promise<Cached> => ({
    ...indexWords(await load(db, networkId)),
    builtAt: Date.now(),
  });

  async function of(db: Tx, networkId: string): Promise<Vocabulary> {
    const current = cache.get(networkId);
    if (!current) {
      const fresh = await build(db, networkId);
      cache.set(networkId, fresh);
      return fresh;
    }
    if (Date.now() - current.builtAt > ttlMs && !current.refreshing) {
      current.refreshing = build(db, networkId)
        .then((fresh) => void cache.set(networkId, fresh))
        .catch(() => undefined)
        .finally(() => (current.refreshing = undefined));
    }
    return current;
  }

  return {
    of,
    forget: (networkId: string) => cache.delete(networkId),
    /** For each fuzzy term, the words it may be a misspelling of. */
    async corrections(db: Tx, networkId: string, terms: readonly string[]): Promise<Map<string, string[]>> {
      const out = new Map<string, string[]>();
      if (!terms.length) return out;
      const v = await of(db, networkId);
      for (const term of terms) out.set(term, closeWords(v, term));
      return out;
    },
  };
}
