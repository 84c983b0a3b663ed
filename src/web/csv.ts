/**
 * One CSV writer for every export: RFC 4180 (CRLF, quotes doubled), and safe to open in a
 * spreadsheet — a text cell starting with = + - @ tab or CR is prefixed with a quote so it is
 * never run as a formula, while numbers (negative amounts included: -25, -12.50) stay numbers.
 */
const NUMBER = /^-?\d+(\.\d+)?$/;

export function csvCell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v !== 'number' && !NUMBER.test(s) && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const toCsv = (rows: (string | number | null | undefined)[][]): string =>
  `${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

/** A CSV file for people: UTF-8 with a byte order mark, so spreadsheets read the accents right. */
export const csvDocument = (rows: (string | number | null | undefined)[][]): string => `\uFEFF${toCsv(rows)}`;
