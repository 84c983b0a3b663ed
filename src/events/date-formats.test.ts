import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Dates look the same everywhere (day first, 24-hour, Brussels) because they are all written by
// the cached helpers of src/events/format.ts. A formatter made elsewhere drifts (a French
// "à 20:17" here, "27/11/26" there) and costs a new Intl object per call: this fails on one.

const HELPERS = 'src/events/format.ts';
const FORBIDDEN = [
  { what: 'Intl.DateTimeFormat', pattern: /\bIntl\.DateTimeFormat\s*\(/ },
  { what: 'toLocale…String', pattern: /\.toLocale(?:Date|Time)?String\s*\(/ },
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) return sources(file);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [file] : [];
  });
}

/** Where the source creates a date formatter of its own: "file:line what". */
function ownDateFormatters(files: { name: string; text: string }[]): string[] {
  return files.flatMap(({ name, text }) =>
    name === HELPERS
      ? []
      : text
          .split('\n')
          .flatMap((line, i) => FORBIDDEN.filter((f) => f.pattern.test(line)).map((f) => `${name}:${i + 1} ${f.what}`)),
  );
}

describe('date formats', () => {
  it('are made by the helpers of src/events/format.ts only', () => {
    const files = sources('src').map((name) => ({
      name: name.split(path.sep).join('/'),
      text: fs.readFileSync(name, 'utf8'),
    }));
    expect(files.length).toBeGreaterThan(100);
    expect(ownDateFormatters(files)).toEqual([]);
  });

  it('finds a formatter made outside them, and none in the helpers themselves', () => {
    const text =
      "const when = new Intl.DateTimeFormat('fr-BE', { dateStyle: 'long' });\nconst d = at.toLocaleDateString('sv-SE');\nx.toLocaleString();";
    expect(ownDateFormatters([{ name: 'src/x/pages.tsx', text }])).toEqual([
      'src/x/pages.tsx:1 Intl.DateTimeFormat',
      'src/x/pages.tsx:2 toLocale…String',
      'src/x/pages.tsx:3 toLocale…String',
    ]);
    expect(ownDateFormatters([{ name: HELPERS, text }])).toEqual([]);
    expect(
      ownDateFormatters([{ name: 'src/x/a.ts', text: 'const m = new Map<string, Intl.DateTimeFormat>();' }]),
    ).toEqual([]);
  });
});
