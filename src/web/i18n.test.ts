import { describe, expect, it } from 'vitest';
import { catalogues, defaultLocale, locales, negotiateLocale, translator } from './i18n.js';
import { en } from './i18n/en.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('catalogues', () => {
  const reference = Object.keys(en).sort();

  it.each(locales)('%s has exactly the keys of en', (locale) => {
    expect(Object.keys(catalogues[locale]).sort()).toEqual(reference);
  });

  it.each(locales)('%s has no empty or blank message', (locale) => {
    const blank = Object.entries(catalogues[locale]).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
    expect(blank).toEqual([]);
  });

  it.each(locales)('%s uses the same {placeholders} as en in every message', (locale) => {
    const mismatched = Object.entries(catalogues[locale])
      .filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(en[k as keyof typeof en])))
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('are really translated: fr and nl differ from en on the home page headings', () => {
    for (const key of ['home.active', 'home.planned', 'nav.home', 'login.failed'] as const) {
      expect(catalogues.fr[key]).not.toBe(en[key]);
      expect(catalogues.nl[key]).not.toBe(en[key]);
    }
  });
});

describe('translator', () => {
  it('fills placeholders, numbers in the locale’s format', () => {
    expect(translator('en')('home.title', { network: 'Essaim' })).toBe('Chapters of Essaim');
    expect(translator('en')('venue.seats', { count: 1200 })).toBe('1,200 seats');
    expect(translator('fr')('venue.seats', { count: 1200 })).toMatch(/^1\s200 /);
  });
});

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
