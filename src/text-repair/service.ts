import type { Tx } from '../db/connection.js';
import * as q from './queries.js';
import { buildDictionary, type Dictionary, type Language, repairText, type Substitution } from './repair.js';

export {
  buildDictionary,
  repairText,
  hasQuestionDamage,
  repairMojibake,
  type Dictionary,
  type Substitution,
} from './repair.js';

export interface FieldRepair {
  field: string;
  text: string;
  substitutions: Substitution[];
}

/** Repairs the fields of one article (title, body, excerpt) with one dictionary and the same witnesses. */
export function repairFields(
  fields: Record<string, string | undefined>,
  dict: Dictionary,
  witnesses: string[],
): FieldRepair[] {
  return Object.entries(fields)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([field, text]) => ({ field, ...repairText(text, dict, { witnesses }) }));
}

/** A dictionary for an import: the word list of the language plus the clean texts of the same import. */
export const dictionaryFor = (language: Language, cleanTexts: string[]) => buildDictionary(language, cleanTexts);

function repairRows(networkId: string, articleId: string, repairs: FieldRepair[]) {
  return repairs.flatMap((r) =>
    r.substitutions.map((s) => ({
      networkId,
      articleId,
      field: r.field,
      position: s.at,
      kind: s.kind,
      original: s.original,
      replacement: s.replacement,
      confidence: s.confidence,
      alternatives: s.alternatives,
      state: s.applied ? ('applied' as const) : ('queued' as const),
    })),
  );
}

/** Records every substitution of an article (applied or queued), replacing earlier automatic ones. */
export async function recordRepairs(db: Tx, networkId: string, articleId: string, repairs: FieldRepair[]) {
  await q.deleteAutomatic(db, articleId);
  const rows = repairRows(networkId, articleId, repairs);
  if (rows.length) await q.insertRepairs(db, rows);
  return rows.length;
}

/** The substitutions of many new articles at once (an import batch): one INSERT, nothing to replace. */
export async function recordNewRepairs(
  db: Tx,
  networkId: string,
  list: { articleId: string; repairs: FieldRepair[] }[],
) {
  const rows = list.flatMap(({ articleId, repairs }) => repairRows(networkId, articleId, repairs));
  // A few thousand rows per statement stay far below PostgreSQL's 65,535 parameters.
  for (let i = 0; i < rows.length; i += 4000) await q.insertRepairs(db, rows.slice(i, i + 4000));
  return rows.length;
}

export function repairsOf(db: Tx, networkId: string, articleId: string) {
  return q.selectRepairs(db, networkId, articleId);
}
