import { decodeUtf8OrWindows1252 } from '../web/text-decoding.js';
import { refuse } from './refusal.js';

/** One CSV record and the physical line it starts on (1-based), for the report. */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** A record that could not be read as fields (strict reading): `fields` holds its line as it is. */
  problem?: 'quoteSpansLines' | 'textAfterQuote' | 'unclosedQuote';
}

export interface ParsedCsv {
  delimiter: ',' | ';' | '\t';
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
  records: CsvRecord[];
}

/**
 * Bytes → text. Spreadsheets on Windows still save "CSV" in Windows-1252, so bytes that are not
 * valid UTF-8 are read as Windows-1252 (every byte decodes, "Liège" survives). UTF-16 is only
 * accepted with its BOM (Excel's "Unicode text"); without one its NUL bytes mark it as binary.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: ParsedCsv['encoding'] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return checked(new TextDecoder('utf-16le').decode(bytes), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return checked(new TextDecoder('utf-16be').decode(bytes), 'utf-16be');
  // A NUL never appears in text: images, spreadsheets (.xlsx is a zip), PDFs all have them.
  if (bytes.includes(0)) refuse('binary');
  const { text, encoding } = decodeUtf8OrWindows1252(bytes);
  return checked(text, encoding);
}

/** More than 1 % control characters in the first 64 KiB (tabs and line breaks aside) is not a text file. */
function checked(text: string, encoding: ParsedCsv['encoding']) {
  const sample = text.slice(0, 65_536);
  const controls = sample.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd]/g)?.length ?? 0;
  if (sample.includes('\u0000') || controls > sample.length / 100) refuse('binary');
  return { text, encoding };
}

/** The delimiter used most outside quotes on the first ten lines; a comma when none is. */
export function detectDelimiter(text: string): ParsedCsv['delimiter'] {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < 10; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '\n') lines++;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  const best = (Object.keys(counts) as ParsedCsv['delimiter'][]).sort((a, b) => counts[b] - counts[a])[0]!;
  return counts[best] > 0 ? best : ',';
}

/**
 * RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks; CRLF, LF and CR
 * all end a record. A quote inside an unquoted field is kept as a character (lenient, as
 * spreadsheets are). Blank lines are skipped. A quoted field never closed refuses the file: the
 * rest of it would otherwise silently become one field.
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): CsvRecord[] {
  return [...csvRecords(text, delimiter)];
}

/**
 * The records one at a time, so a caller need not hold them all. With `strict` (a file of
 * people): a quoted field may span lines only in the columns `strict.multiline` allows (a bio),
 * and a closing quote must be followed by the delimiter or the end of the line. Otherwise the
 * record is reported as broken on the line it starts (`problem`), and reading goes on at the
 * next physical line — so a stray quote never swallows the rows after it.
 */
export function* csvRecords(
  text: string,
  delimiter: ParsedCsv['delimiter'],
  strict?: { multiline: (column: number) => boolean },
): Generator<CsvRecord> {
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let recordAt = 0;
  let i = 0;
  let fieldQuoted = false;
  const reset = () => {
    fields = [];
    field = '';
    fieldQuoted = false;
  };
  const endRecord = (): CsvRecord | undefined => {
    fields.push(field);
    // Lines of empty cells (";;;;" from a spreadsheet) are blank lines too.
    const record = fields.some((f) => f !== '') ? { line: start, fields } : undefined;
    reset();
    return record;
  };
  /** A broken record: its physical line as read, then on to the next line (`from` is where to look for its end). */
  const broken = (problem: NonNullable<CsvRecord['problem']>, from: number, brokenLine: number): CsvRecord => {
    const lf = text.indexOf('\n', from);
    const cr = text.indexOf('\r', from);
    const end = lf === -1 ? (cr === -1 ? text.length : cr) : cr === -1 ? lf : Math.min(lf, cr);
    const record = { line: start, fields: [text.slice(recordAt, end)], problem };
    i = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
    line = brokenLine + 1;
    start = line;
    recordAt = i;
    reset();
    return record;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '' && !fieldQuoted) {
      // A quoted field: read to its closing quote.
      fieldQuoted = true;
      const opened = line;
      const openedAt = i;
      i++;
      let spans = false;
      let problem: CsvRecord['problem'];
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          if (!strict) refuse('unclosed', { line: String(opened) });
          problem = 'unclosedQuote';
          break;
        }
        const chunk = text.slice(i, q);
        const breaks = countBreaks(chunk);
        if (breaks) spans = true;
        field += chunk;
        line += breaks;
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      if (strict && !problem) {
        const next = text[i];
        if (spans && !strict.multiline(fields.length)) problem = 'quoteSpansLines';
        else if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n')
          problem = spans ? 'quoteSpansLines' : 'textAfterQuote';
      }
      if (problem) {
        // Spanning lines: the record ends where its first line does; the lines after are read again.
        yield problem === 'textAfterQuote' ? broken(problem, i, line) : broken(problem, openedAt, opened);
        continue;
      }
      continue;
    }
    if (c === delimiter) {
      fields.push(field);
      field = '';
      fieldQuoted = false;
      i++;
    } else if (c === '\r' || c === '\n') {
      const record = endRecord();
      if (record) yield record;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      start = line;
      recordAt = i;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0 || fieldQuoted) {
    const record = endRecord();
    if (record) yield record;
  }
}

function countBreaks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\n') n++;
    else if (s[i] === '\r' && s[i + 1] !== '\n') n++;
  }
  return n;
}

/** Decode, detect the delimiter, parse. */
export function readCsv(bytes: Uint8Array): ParsedCsv {
  const { text, encoding } = decodeCsv(bytes);
  const delimiter = detectDelimiter(text);
  return { delimiter, encoding, records: parseCsv(text, delimiter) };
}

/**
 * A file of people, read strictly and lazily: `multiline(header)` says which columns (found from
 * the first line) may hold quoted line breaks. The records are read as they are consumed.
 */
export function readPeopleCsv(
  bytes: Uint8Array,
  multiline: (header: string[]) => Set<number>,
): Omit<ParsedCsv, 'records'> & { records: Generator<CsvRecord> } {
  const { text, encoding } = decodeCsv(bytes);
  const delimiter = detectDelimiter(text);
  const firstBreak = text.search(/[\r\n]/);
  const header = csvRecords(firstBreak === -1 ? text : text.slice(0, firstBreak), delimiter).next().value;
  const columns = header && !header.problem ? multiline(header.fields) : new Set<number>();
  return { delimiter, encoding, records: csvRecords(text, delimiter, { multiline: (i) => columns.has(i) }) };
}
