/** A plain number (-25, +3, 1.5, 2,5): a spreadsheet reads it as a number, never as a formula. */
const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;

/**
 * RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote —
 * numbers excepted: "-25" stays -25. `separator` is "," for programs, ";" where Excel's list
 * separator is one (French and Dutch locales).
 */
export function toCsv(rows: (string | number | null | undefined)[][], separator = ','): string {
  const cell = (v: string | number | null | undefined) => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s) && !NUMBER.test(s)) s = `'${s}`;
    return s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${rows.map((r) => r.map(cell).join(separator)).join('\r\n')}\r\n`;
}
