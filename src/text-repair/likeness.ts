import { editDistance } from '../web/vocabulary.js';

/**
 * What damage leaves of a word: its plain letters and digits, lower-cased. Mojibake, "?" and U+FFFD
 * only ever take the place of other characters (accented letters, ligatures), so the word that was
 * meant keeps every one of these, in order.
 */
const survivors = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * How many of the damaged text's surviving letters a chosen word changes, when that is more than a
 * slip (one letter, or a third of them): the editor is then asked to confirm. Undefined: it fits.
 */
export function unrelatedBy(damaged: string, choice: string): number | undefined {
  const kept = survivors(damaged);
  const distance = editDistance(kept, survivors(choice));
  return distance > Math.max(1, Math.floor(kept.length / 3)) ? distance : undefined;
}
