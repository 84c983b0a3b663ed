import { expect, it } from 'vitest';
import { AppError } from '../web/errors.js';
import { cleanPdf } from './clean.js';
import { pdfWithAuthor } from './sample-files.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

it('blanks the author in place, keeping the file the same length so its cross-references hold', async () => {
  const pdf = await pdfWithAuthor('Zoe Vandamme');
  expect(pdf.toString('latin1')).toContain('Zoe Vandamme');
  const clean = Buffer.from(cleanPdf(new Uint8Array(pdf), 'plan'));
  expect(clean.length).toBe(pdf.length);
  expect(clean.toString('latin1')).not.toContain('Vandamme');
  expect(clean.toString('latin1')).toContain('startxref');
});

it('blanks literal strings written inline in the information dictionary and identifying XMP text', () => {
  const xmp = '<x:xmpmeta><dc:creator><rdf:Seq><rdf:li>Jan Peeters</rdf:li></rdf:Seq></dc:creator></x:xmpmeta>';
  const src = `%PDF-1.4\n1 0 obj << /Author (Jan Peeters) /Title <FEFF004A> >> endobj\n2 0 obj << /Type /Metadata /Subtype /XML /Length ${xmp.length} >> stream\n${xmp}\nendstream endobj\ntrailer << /Info 1 0 R >>\n%%EOF`;
  const out = Buffer.from(cleanPdf(bytes(src), 'plan')).toString('latin1');
  expect(out).not.toContain('Jan');
  expect(out).not.toContain('Peeters');
  expect(out).toContain('<rdf:li>');
  expect(out.length).toBe(src.length);
});

it('refuses a PDF whose information dictionary or XMP it cannot reach', () => {
  const inStream =
    '%PDF-1.5\n5 0 obj << /Type /ObjStm /Filter /FlateDecode >> stream\nxx\nendstream endobj\ntrailer << /Info 9 0 R >>\n%%EOF';
  expect(() => cleanPdf(bytes(inStream), 'plan')).toThrow(AppError);
  const packed =
    '%PDF-1.5\n2 0 obj << /Type /Metadata /Subtype /XML /Filter /FlateDecode >> stream\nxx\nendstream endobj\n%%EOF';
  try {
    cleanPdf(bytes(packed), 'plan');
    expect.unreachable();
  } catch (e) {
    expect((e as AppError).code).toBe('unsupported_media_type');
    expect((e as AppError).detail).toMatch(/XMP metadata compressed/);
  }
});
