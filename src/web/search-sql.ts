import { and, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { fold } from './fold.js';

/** What a person typed, as a LIKE pattern's literal part: "50%" looks for "50%", not "50" then anything. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A LIKE pattern for text containing what was typed, literally. */
export const containing = (text: string) => `%${escapeLike(text)}%`;

/**
 * `fold()` of web/fold.ts in SQL, for text that has no stored folded key: compatibility
 * decomposition, the combining accents dropped, the letters NFKD leaves whole spelled out, lower
 * case. PostgreSQL's unaccent is not used: it is an extension the project does not install.
 */
export function foldedSql(text: SQLWrapper): SQL {
  const bare = sql`regexp_replace(normalize(${text}, NFKD), '[\\u0300-\\u036f]', '', 'g')`;
  const ligatures = sql`replace(replace(replace(replace(replace(${bare}, 'ß', 'ss'), 'æ', 'ae'), 'Æ', 'ae'), 'œ', 'oe'), 'Œ', 'oe')`;
  return sql`lower(translate(${ligatures}, 'øØłŁđĐ', 'oolldd'))`;
}

/**
 * Whether every word of `query` is in one of `columns`, accents and case aside ("jose" finds
 * "José"; "50%" finds "50%" only): the organisers' searches over names and addresses. Undefined
 * (no condition) when the query has no word.
 */
export function matchesWords(columns: SQLWrapper[], query: string | undefined): SQL | undefined {
  const words = fold(query ?? '')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return undefined;
  const haystack = foldedSql(sql.join(columns, sql` || ' ' || `));
  return and(...words.map((w) => sql`${haystack} LIKE ${containing(w)}`));
}
