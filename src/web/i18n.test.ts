import { describe, expect, it } from 'vitest';
import { defaultLocale, formatMoney, formatNumber, negotiateLocale, translator } from './i18n.js';

describe('negotiateLocale', () => {
  it('takes ?lang= first, then the remembered choice, then Accept-Language', () => {
    expect(negotiateLocale('nl', 'en', 'fr')).toBe('nl');
    expect(negotiateLocale(undefined, 'en', 'fr')).toBe('en');
    expect(negotiateLocale(undefined, undefined, 'fr')).toBe('fr');
    expect(negotiateLocale('de', 'xx', 'nl')).toBe('nl');
  });

  it('picks by q-values, not by order', () => {
    expect(negotiateLocale(undefined, undefined, 'fr;q=0.5, nl;q=0.8, en;q=0.7')).toBe('nl');
    expect(negotiateLocale(undefined, undefined, 'en;q=0.1,fr;q=0.9')).toBe('fr');
    expect(negotiateLocale(undefined, undefined, 'nl-BE,nl;q=0.9')).toBe('nl');
    expect(negotiateLocale(undefined, undefined, 'de-DE, en;q=0.4, fr;q=0.3')).toBe('en');
    // Order decides between equal q-values.
    expect(negotiateLocale(undefined, undefined, 'nl, en')).toBe('nl');
    expect(negotiateLocale(undefined, undefined, 'en, nl')).toBe('en');
  });

  it('never picks a language refused with q=0', () => {
    expect(negotiateLocale(undefined, undefined, 'fr;q=0, nl;q=0.2')).toBe('nl');
  });

  it('matches region tags and case loosely', () => {
    expect(negotiateLocale(undefined, undefined, 'NL-be')).toBe('nl');
    expect(negotiateLocale(undefined, undefined, 'en-GB;q=0.9, de;q=1')).toBe('en');
  });

  it('falls back to French when nothing fits', () => {
    expect(defaultLocale).toBe('fr');
    expect(negotiateLocale(undefined, undefined, undefined)).toBe('fr');
    expect(negotiateLocale(undefined, undefined, '')).toBe('fr');
    expect(negotiateLocale(undefined, undefined, 'de, es;q=0.5')).toBe('fr');
    expect(negotiateLocale(undefined, undefined, '*')).toBe('fr');
    expect(negotiateLocale(undefined, undefined, 'garbage;;;q=x,,')).toBe('fr');
  });
});

describe('formats by locale', () => {
  it('writes money from integer cents and numbers the Belgian way in each language', () => {
    expect(formatMoney(123456, 'fr').replace(/\s/g, ' ')).toBe('1 234,56 €');
    expect(formatMoney(123456, 'nl').replace(/\s/g, ' ')).toBe('€ 1.234,56');
    expect(formatMoney(123456, 'en')).toBe('€1,234.56');
    expect(formatNumber(1200, 'nl')).toBe('1.200');
  });

  it('picks the plural form of each language with ICU', () => {
    expect(translator('fr')('mail.notice.subject', { count: 1, title: 'Apéro' })).toBe(
      '1 nouvelle inscription : Apéro',
    );
    expect(translator('fr')('mail.notice.subject', { count: 2, title: 'Apéro' })).toBe(
      '2 nouvelles inscriptions : Apéro',
    );
    expect(translator('en')('mail.notice.subject', { count: 1, title: 'X' })).toBe('1 new registration: X');
    expect(translator('nl')('venue.seats', { count: 1 })).toBe('1 plaats');
    expect(translator('nl')('venue.seats', { count: 1200 })).toBe('1.200 plaatsen');
  });
});
