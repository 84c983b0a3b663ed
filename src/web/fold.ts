/**
 * "Liège" → "liege", "Œuvre" → "oeuvre": lower case without accents. Search keys are stored and
 * compared folded, so "liege" finds "Liège" without PostgreSQL's unaccent (which is not immutable
 * and so cannot feed an index).
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}
