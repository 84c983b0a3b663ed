/** A plain number (-25, +3, 1.5, 2,5): a spreadsheet reads it as a number, never as a formula. */
const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;

type Cell = string | number | null | undefined;

/**
 * One CSV cell, RFC 4180, safe to open in a spreadsheet: a text cell starting with = + - @ tab or
 * CR is prefixed with a quote so it is never run as a formula, while numbers (negative amounts
 * included: -25, -12.50) stay numbers.
 */
export function csvCell(v: Cell, separator = ','): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v !== 'number' && !NUMBER.test(s) && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * One CSV writer for every export: RFC 4180 (CRLF, quotes doubled). `separator` is "," for
 * programs, ";" where Excel's list separator is one (French and Dutch locales).
 */
export const toCsv = (rows: Cell[][], separator = ','): string =>
  `${rows.map((r) => r.map((c) => csvCell(c, separator)).join(separator)).join('\r\n')}\r\n`;

/** A CSV file for people: UTF-8 with a byte order mark, so spreadsheets read the accents right. */
export const csvDocument = (rows: Cell[][], separator = ','): string => `\uFEFF${toCsv(rows, separator)}`;
