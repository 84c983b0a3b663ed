import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, notFound } from './errors.js';
import { catalogues, msg, setRequestLocale, withRequestLocale, type Locale } from './i18n.js';

/**
 * Every error a person reads is a catalogue message, rendered in their language: a detail or a
 * field message written as a bare string literal would be English on a French or Dutch page.
 * The type checker refuses a string where a message is due; this test also catches the literals
 * that reach an error through a helper's text parameter, in any source file.
 */
const literal = /[`'"]/.source;
const patterns: { what: string; re: RegExp }[] = [
  { what: 'AppError detail', re: new RegExp(`new AppError\\(\\s*[^,()]+,\\s*${literal}`, 'g') },
  { what: 'notFound text', re: new RegExp(`notFound\\(\\s*${literal}`, 'g') },
  { what: 'field error message', re: new RegExp(`\\{\\s*field[^{}]*?,\\s*message:\\s*${literal}`, 'g') },
  { what: 'refusal helper text', re: new RegExp(`\\brefuse\\(\\s*field,\\s*${literal}`, 'g') },
];

const inLocale = <R>(locale: Locale, fn: () => R): R =>
  withRequestLocale(() => {
    setRequestLocale(locale);
    return fn();
  });

/** The OpenAPI document's examples are English documentation, not an answer to anyone. */
const documentation = new Set(['web/http-standards.ts field error message']);

const offences = (source: string) =>
  patterns.flatMap(({ what, re }) => [...source.matchAll(re)].map((m) => ({ what, at: m.index ?? 0 })));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe('error texts', () => {
  it('recognises a literal detail, field message and notFound text (so the scan below can fail)', () => {
    expect(offences("throw new AppError('conflict', 'This event is full.');")).toHaveLength(1);
    expect(offences("throw new AppError(\n  'validation',\n  `Line $" + '{i}`,\n);')).toHaveLength(1);
    expect(offences('throw notFound(`The event $' + '{id}`);')).toHaveLength(1);
    expect(offences("errors.push({ field: 'email', message: 'is required' });")).toHaveLength(1);
    expect(offences("throw new AppError('conflict', msg('registration.problem.full'));")).toHaveLength(0);
    expect(offences("errors.push({ field: at, message: msg('validation.required') });")).toHaveLength(0);
  });

  it('no source file builds an error a person reads from a bare string literal', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const found = sourceFiles(root).flatMap((file) => {
      const source = fs.readFileSync(file, 'utf8');
      return offences(source).map(({ what, at }) => {
        const line = source.slice(0, at).split('\n').length;
        return { where: `${path.relative(root, file)}:${line} ${what}`, key: `${path.relative(root, file)} ${what}` };
      });
    });
    expect(found.filter((f) => !documentation.has(f.key)).map((f) => f.where)).toEqual([]);
  });

  it('renders a converted error in the reader’s language, with the English kept for logs', () => {
    const err = notFound(msg('event.problem.theEvent', { id: 'x1' }));
    expect(err.message).toBe('The event x1 does not exist.');
    expect(inLocale('fr', () => err.detail)).toBe('L’événement x1 n’existe pas.');
    expect(inLocale('nl', () => err.detail)).toBe('Het evenement x1 bestaat niet.');
    const full = new AppError('conflict', msg('registration.problem.full'));
    expect(inLocale('nl', () => full.detail)).toBe('Dit evenement is volzet en heeft geen wachtlijst.');
  });
});

/**
 * A refinement's message (`.refine(check, 'text')`, `.refine(check, { message })`, `ctx.addIssue`)
 * reaches the reader as written: it must be a catalogue key, or a French page says it in English.
 */
const refinementMessages = (source: string) =>
  [
    ...source.matchAll(/\.refine\(\s*[\w.]+,\s*(['"`])([^'"`]*)\1\s*\)/g),
    ...source.matchAll(/\.refine\(\s*\([^)]*\)\s*=>[^;]*?,\s*(['"`])([^'"`]*)\1\s*\)/g),
    ...source.matchAll(/\.refine\([^;]*?\{[^{}]*?message:\s*(['"`])([^'"`]*)\1/g),
    ...source.matchAll(/addIssue\(\{[^}]*?message:\s*(['"`])([^'"`]*)\1/g),
  ].map((m) => ({ text: m[2]!, at: m.index ?? 0 }));

describe('refinement messages', () => {
  it('recognises a refinement written in English (so the scan below can fail)', () => {
    expect(refinementMessages(".refine((x) => x > 0, 'must not be zero')")).toHaveLength(1);
    expect(refinementMessages(".refine((c) => c.a > c.b, { path: ['a'], message: 'must be after b' })")).toHaveLength(
      1,
    );
    expect(refinementMessages("ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required' })")).toHaveLength(
      1,
    );
    expect(refinementMessages(".refine(oneLine, 'must be one line')")).toHaveLength(1);
  });

  it('every refinement in the sources names a catalogue message', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const found = sourceFiles(root).flatMap((file) => {
      const source = fs.readFileSync(file, 'utf8');
      return refinementMessages(source)
        .filter(({ text }) => !(text in catalogues.en))
        .map(({ text, at }) => `${path.relative(root, file)}:${source.slice(0, at).split('\n').length} ${text}`);
    });
    expect(found).toEqual([]);
  });
});
