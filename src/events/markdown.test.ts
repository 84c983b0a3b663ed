import { describe, expect, it } from 'vitest';
import { formatRange, formatShort } from './format.js';
import { renderMarkdown } from './markdown.js';

describe('renderMarkdown (memoised)', () => {
  it('gives the same sanitised HTML on every call, the first and the remembered ones', () => {
    const source = `## Hello\n\n[x](javascript:alert(2)) **bold** ${Math.random()}\n\n<script>alert(1)</script>`;
    const first = renderMarkdown(source);
    expect(first).toContain('<h3>Hello</h3>');
    expect(first).toContain('<strong>bold</strong>');
    expect(first).not.toContain('<script');
    expect(first).not.toContain('javascript:');
    expect(renderMarkdown(source)).toBe(first);
    expect(renderMarkdown(`${source} changed`)).not.toBe(first);
  });

  it('stays correct when far more text passes through it than it keeps', () => {
    const big = (i: number) => `# Title ${i}\n\n${'word '.repeat(20_000)}`;
    for (let i = 0; i < 120; i++) renderMarkdown(big(i));
    expect(renderMarkdown(big(0))).toMatch(/^<h3>Title 0<\/h3>/);
    expect(renderMarkdown('*again*')).toBe('<p><em>again</em></p>\n');
  });
});

describe('kept Intl formatters', () => {
  const start = new Date('2027-03-04T17:30:00Z');
  const end = new Date('2027-03-04T20:00:00Z');
  it('still format in the asked zone and language, call after call', () => {
    for (let i = 0; i < 2; i++) {
      expect(formatRange(start, end, 'Europe/Brussels', 'fr')).toBe('jeudi 4 mars 2027, 18:30 – 21:00');
      // Day first, 24-hour, and the zone named when it is not Brussels' (same answer from a kept formatter).
      expect(formatRange(start, end, 'Europe/Brussels', 'en')).toBe('Thursday, 4 March 2027, 18:30 – 21:00');
      expect(formatRange(start, end, 'America/New_York', 'en')).toBe('Thursday, 4 March 2027, 12:30 – 15:00 GMT-5');
      expect(formatRange(start, end, 'America/New_York', 'nl')).toBe('donderdag 4 maart 2027, 12:30 – 15:00 EST');
    }
    expect(formatShort(start, 'Europe/Brussels', 'nl')).not.toBe(formatShort(start, 'America/New_York', 'nl'));
  });
});
