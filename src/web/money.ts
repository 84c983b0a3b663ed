/**
 * Money is integer cents everywhere. People type amounts in many ways ("12,50", "12.50",
 * "1.234,56", "1 234,56"): each is read exactly, or refused with the reason — never rounded,
 * because a rounded receipt is a wrong receipt.
 */

import { msg, type Msg } from './i18n.js';

/** A refused amount says why as a message, rendered in the reader's language by the form. */
export type AmountResult = { ok: true; cents: number } | { ok: false; reason: Msg };

const SPACES = /[\s\u00a0\u202f]/g;

/** Parses a human amount in euros into cents: exactly, or a reason for refusing it. */
export function parseAmount(input: string): AmountResult {
  let s = input.trim().replace(/^€\s*|\s*(€|EUR)$/gi, '');
  let sign = 1;
  if (/^[-−]/.test(s)) {
    sign = -1;
    s = s.slice(1).trim();
  }
  if (s === '') return { ok: false, reason: msg('validation.amountEmpty') };
  const typed = input.trim();
  const m =
    // 1234 · 1234,5 · 1234.56
    /^(\d+)(?:[.,](\d+))?$/.exec(s) ??
    // 1.234,56 · 1 234,56 (thousands with dots or spaces, decimal comma)
    /^(\d{1,3}(?:[. \u00a0\u202f]\d{3})+)(?:,(\d+))?$/.exec(s) ??
    // 1,234.56 · 1 234.56 (thousands with commas or spaces, decimal point)
    /^(\d{1,3}(?:[, \u00a0\u202f]\d{3})+)(?:\.(\d+))?$/.exec(s);
  if (!m) return { ok: false, reason: msg('validation.amountUnreadable', { input: typed }) };
  const units = m[1]!.replace(/[., ]/g, '').replace(SPACES, '');
  const decimals = m[2] ?? '';
  // "1.234" or "1,234": a thousand (Belgian habit) or one euro and change (English habit)? Refuse to guess.
  if (/^\d{1,3}[.,]\d{3}$/.test(s))
    return {
      ok: false,
      reason: msg('validation.amountAmbiguous', {
        input: typed,
        thousand: s.replace(/[.,]/, ''),
        units: s.slice(0, -1).replace('.', ','),
      }),
    };
  if (decimals.length > 2) return { ok: false, reason: msg('validation.amountDecimals', { input: typed }) };
  const cents = Number(units) * 100 + Number(decimals.padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(cents) || cents > 1_000_000_000_00)
    return { ok: false, reason: msg('validation.amountTooLarge') };
  return { ok: true, cents: sign * cents };
}

/**
 * Splits `total` cents into parts proportional to `weights`, adding up exactly to `total`
 * (largest remainder: each part gets its floor, then the leftover cents go one by one to the
 * parts with the largest fractional remainders, the earlier part first on a tie). 3,801 cents
 * "half each" is 1,901 + 1,900. Negative totals (credit notes) split the same way, mirrored.
 */
export function splitByWeights(total: number, weights: number[]): number[] {
  if (weights.length === 0) return [];
  if (weights.some((w) => !(w >= 0)) || weights.every((w) => w === 0))
    throw new Error('weights must be ≥ 0, not all 0');
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (abs * w) / sum);
  const parts = exact.map(Math.floor);
  let left = abs - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts.map((p) => sign * p + 0);
}

export const splitEqually = (total: number, n: number): number[] => splitByWeights(total, Array(n).fill(1));

/** Cents as a plain decimal string for machines ("-1234.50"): exports, CSV, never locale-dependent. */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Cents for people, in their language: "1 234,56 €", "€ 1.234,56", "€1,234.56". */
export function formatEur(cents: number, locale: string): string {
  const lang = locale === 'nl' ? 'nl-BE' : locale === 'en' ? 'en-IE' : 'fr-BE';
  return new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** A rate in basis points (5000 = 50 %) for people. */
export const formatRate = (bp: number, locale: string) =>
  new Intl.NumberFormat(locale === 'nl' ? 'nl-BE' : locale === 'en' ? 'en-IE' : 'fr-BE', {
    style: 'percent',
    maximumFractionDigits: 2,
  }).format(bp / 10_000);
