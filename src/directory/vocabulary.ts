import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';

/**
 * Typo tolerance by correcting the words, not by comparing every profile: "javscript" becomes
 * "javscript:* | javascript", and the indexed tsvector does the rest. Comparing the query with
 * each profile's text (pg_trgm's `<%` on search_text) was measured at 100,000 members at 0.6–2 s
 * for a misspelt common skill — every profile that has the skill must be rechecked — against a
 * 50 ms target. This is pg_trgm's own advice for text search (a vocabulary from ts_stat, searched
 * by trigram similarity), with the vocabulary kept in memory because the schema has no table for it.
 */

const TTL_MS = 5 * 60_000;
/** pg_trgm's similarity (shared trigrams / all trigrams): 0.4 takes one typo in a word of 5+ letters, not a different word. */
const THRESHOLD = 0.4;
const MAX_CORRECTIONS = 5;

interface Vocabulary {
  words: string[];
  /** trigram → indexes in `words` */
  byTrigram: Map<string, number[]>;
  builtAt: number;
  refreshing?: Promise<void> | undefined;
}

const cache = new Map<string, Vocabulary>();

/** As pg_trgm pads a word: "  w", " wo", …, "d ". */
function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const set = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
  return set;
}

async function build(db: Tx, networkId: string): Promise<Vocabulary> {
  // Words of every profile of the network: a correction only widens the query; who is shown is still decided by the visibility rule.
  const res = await db.execute<{ word: string }>(sql`
    SELECT word FROM ts_stat(format('SELECT search_doc FROM member_profiles WHERE network_id = %L', ${networkId}::text))
    WHERE word ~ '^[a-z0-9]{3,40}$' ORDER BY ndoc DESC LIMIT 200000`);
  const words = res.rows.map((r) => r.word);
  const byTrigram = new Map<string, number[]>();
  words.forEach((w, i) => {
    for (const t of trigrams(w)) {
      const list = byTrigram.get(t);
      if (list) list.push(i);
      else byTrigram.set(t, [i]);
    }
  });
  return { words, byTrigram, builtAt: Date.now() };
}

/** The network's vocabulary: built on first use, then rebuilt in the background when older than TTL_MS (new words are still found by prefix meanwhile). */
async function vocabulary(db: Tx, networkId: string): Promise<Vocabulary> {
  const current = cache.get(networkId);
  if (!current) {
    const fresh = await build(db, networkId);
    cache.set(networkId, fresh);
    return fresh;
  }
  if (Date.now() - current.builtAt > TTL_MS && !current.refreshing) {
    current.refreshing = build(db, networkId)
      .then((fresh) => void cache.set(networkId, fresh))
      .catch(() => undefined)
      .finally(() => (current.refreshing = undefined));
  }
  return current;
}

/** Words of the vocabulary within one or two typos of `term` (itself excluded), closest first. */
export function closeWords(v: Pick<Vocabulary, 'words' | 'byTrigram'>, term: string): string[] {
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
    .sort((a, b) => b.score - a.score || a.word.localeCompare(b.word))
    .slice(0, MAX_CORRECTIONS)
    .map((s) => s.word);
}

/** For each fuzzy term, the words it may be a misspelling of. */
export async function corrections(db: Tx, networkId: string, terms: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!terms.length) return out;
  const v = await vocabulary(db, networkId);
  for (const term of terms) out.set(term, closeWords(v, term));
  return out;
}
