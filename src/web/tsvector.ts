/**
 * A `tsvector` literal built here from folded text (web/fold.ts), for columns PostgreSQL would
 * otherwise fill with `to_tsvector('simple', …)`. That function's parser costs about 1.6 ms per
 * 10 kB of text on this machine, ten times the cost of reading this literal; for an import of
 * 10,000 articles it was most of PostgreSQL's work (docs/DECISIONS.md, "News import speed").
 *
 * Words are the runs of letters and digits, which is how search queries are split (news/search.ts
 * `queryWords`), so a query word and an indexed word are cut alike: "example.org" is "example" and
 * "org", "foo-bar" is "foo" and "bar". Positions follow the words (1, 2, …) so ts_rank still sees
 * repetition and proximity. PostgreSQL's limits are kept: a lexeme of at most 2046 bytes, at most
 * 256 positions per lexeme, no position beyond 16383.
 */
const WORD = /[\p{L}\p{N}]+/gu;
const MAX_LEXEME_BYTES = 2046;
const MAX_POSITIONS = 256;
const MAX_POSITION = 16383;

export function tsvectorLiteral(folded: string): string {
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const [word] of folded.matchAll(WORD)) {
    position++;
    if (word.length * 3 > MAX_LEXEME_BYTES && Buffer.byteLength(word) > MAX_LEXEME_BYTES) continue;
    const list = positions.get(word);
    if (!list) positions.set(word, [Math.min(position, MAX_POSITION)]);
    else if (list.length < MAX_POSITIONS) list.push(Math.min(position, MAX_POSITION));
  }
  const parts: string[] = [];
  // Letters and digits only: nothing in a lexeme needs escaping inside the quotes.
  for (const [word, list] of positions) parts.push(`'${word}':${[...new Set(list)].join(',')}`);
  return parts.join(' ');
}
