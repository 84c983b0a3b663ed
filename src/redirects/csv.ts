/**
 * The redirect file's lines as cells. Spreadsheets set to a Belgian (or any continental) locale
 * save "CSV" with semicolons, and the export quotes a cell holding a comma or a quote: both must
 * come back in. A line keeps its number in the file (blank lines counted) so a refusal points at
 * the line the editor sees.
 */
export interface RedirectLine {
  line: number;
  cells: string[];
}

/** `;` when the first line has one outside quotes and no comma there; otherwise `,`. */
function delimiterOf(first: string): ',' | ';' {
  const bare = first.replace(/"[^"]*"/g, '');
  return bare.includes(';') && !bare.includes(',') ? ';' : ',';
}

/** One line's cells: `"…"` may hold the delimiter, `""` is a quote. */
function cellsOf(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

export function redirectLines(csv: string): RedirectLine[] {
  const all = csv.split(/\r?\n/);
  const first = all.find((l) => l.trim()) ?? '';
  const delimiter = delimiterOf(first);
  return all.flatMap((text, i) => (text.trim() ? [{ line: i + 1, cells: cellsOf(text, delimiter) }] : []));
}
