import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render, translator } from '../web/i18n.js';
import { centsToDecimal, parseAmount, splitByWeights, splitEqually } from '../web/money.js';

describe('parseAmount', () => {
  it.each([
    ['12,50', 1250],
    ['12.50', 1250],
    ['12', 1200],
    ['0,5', 50],
    ['1.234,56', 123456],
    ['1 234,56', 123456],
    ['1\u202f234,56', 123456],
    ['1,234.56', 123456],
    ['1.234.567,89', 123456789],
    ['-25', -2500],
    ['− 3,10', -310],
    ['€ 12,50', 1250],
    ['12,50 €', 1250],
  ])('reads %s exactly as %i cents', (input, cents) => {
    expect(parseAmount(input)).toEqual({ ok: true, cents });
  });

  it.each([
    ['12,505', /ambiguous/],
    ['12,5055', /more than two decimals/],
    ['1.234,567', /more than two decimals/],
    ['1.234', /ambiguous/],
    ['1,234', /ambiguous/],
    ['', /empty/],
    ['twelve', /not an amount/],
    ['1.23.4', /not an amount/],
    ['12,5,0', /not an amount/],
  ])('refuses %s with a reason, never rounding', (input, reason) => {
    const r = parseAmount(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(render(translator('en'), r.reason)).toMatch(reason);
  });

  it.each([
    ['', 'fr', 'est vide : écrivez un montant comme 12,50'],
    ['', 'nl', 'is leeg: schrijf een bedrag zoals 12,50'],
    ['douze', 'fr', '« douze » n’est pas un montant : écrivez-le comme 12,50 ou 1.234,56'],
    ['1.234', 'nl', '“1.234” is dubbelzinnig (duizend, of één euro en wat cent?): schrijf 1234 of 1,23'],
    ['12,5055', 'fr', '« 12,5055 » a plus de deux décimales : les montants sont exacts au centime'],
    ['99999999999', 'nl', 'is te groot: hoogstens € 1.000.000.000'],
  ] as const)('refuses %j in the reader’s language (%s), as a catalogue message', (input, locale, text) => {
    const r = parseAmount(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.key).toMatch(/^validation\.amount/);
      expect(render(translator(locale), r.reason)).toBe(text);
    }
  });

  it('round-trips every amount written the machine way', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }), (cents) => {
        expect(parseAmount(centsToDecimal(cents))).toEqual({ ok: true, cents });
        expect(parseAmount(centsToDecimal(cents).replace('.', ','))).toEqual({ ok: true, cents });
      }),
    );
  });
});

describe('splitting', () => {
  it('gives the odd cent of "half each" to the first share', () => {
    expect(splitEqually(3801, 2)).toEqual([1901, 1900]);
    expect(splitEqually(3800, 2)).toEqual([1900, 1900]);
    expect(splitEqually(-3801, 2)).toEqual([-1901, -1900]);
    expect(splitEqually(100, 3)).toEqual([34, 33, 33]);
  });

  it('always adds up exactly, with parts at most a cent from their exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = splitByWeights(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = weights.reduce((a, b) => a + b, 0);
          for (const [i, p] of parts.entries()) expect(Math.abs(p - (total * weights[i]!) / sum)).toBeLessThan(1);
        },
      ),
    );
  });
});
