import { describe, expect, it } from 'vitest';
import { csvDocument, toCsv } from './csv.js';

describe('CSV', () => {
  it('keeps numbers numbers, negative amounts included, and defuses formulas in text', () => {
    const csv = toCsv([
      [-25, '-25', '-12.50', 1234, '0.5'],
      ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tx'],
    ]);
    const [numbers, texts] = csv.split('\r\n');
    expect(numbers).toBe('-25,-25,-12.50,1234,0.5');
    expect(texts).toBe(`"'=HYPERLINK(""http://x"")",'+1+1,'-2+3,'@SUM(A1),'\tx`);
  });

  it('quotes per RFC 4180 and ends every record with CRLF', () => {
    expect(toCsv([['a,b', 'say "hi"', 'two\nlines']])).toBe('"a,b","say ""hi""","two\nlines"\r\n');
  });

  it('starts a document with a UTF-8 byte order mark', () => {
    expect(csvDocument([['é']]).charCodeAt(0)).toBe(0xfeff);
  });
});
