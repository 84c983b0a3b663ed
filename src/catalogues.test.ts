import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { featureCatalogues } from './catalogues.js';
import { catalogues, locales, registeredCatalogues, registerCatalogue, translator } from './web/i18n.js';
import { en as webEn } from './web/i18n/en.js';
import { fr as webFr } from './web/i18n/fr.js';
import { nl as webNl } from './web/i18n/nl.js';

interface Element {
  type: number;
  value: string;
  options?: Record<string, { value: Element[] }>;
}
const PLURAL = 6;
/** The ICU arguments of a message, and the forms each of its plurals gives. */
function argumentsOf(source: string, locale: string) {
  const names = new Set<string>();
  const plurals: { name: string; forms: string[] }[] = [];
  const walk = (elements: Element[]) => {
    for (const el of elements) {
      if (typeof el.value === 'string' && el.type !== 0 && el.type !== 7) names.add(el.value);
      if (el.type === PLURAL) plurals.push({ name: el.value, forms: Object.keys(el.options ?? {}) });
      for (const option of Object.values(el.options ?? {})) walk(option.value);
    }
  };
  walk(
    new IntlMessageFormat(source.replaceAll("'", "''"), locale, undefined, {
      ignoreTag: true,
    }).getAst() as unknown as Element[],
  );
  return { names: [...names].sort(), plurals };
}
const placeholders = (s: string) => argumentsOf(s, 'en').names;

// web/'s own catalogue, then each feature's: each must hold the same keys in the three languages.
const all = [{ name: 'web', catalogue: { en: webEn, fr: webFr, nl: webNl } as const }].concat(
  featureCatalogues.map((catalogue) => ({
    name: Object.keys(catalogue.en)[0]!.split('.')[0]!,
    catalogue: catalogue as unknown as { en: typeof webEn; fr: typeof webFr; nl: typeof webNl },
  })),
);

describe('catalogues', () => {
  it('every feature catalogue is registered with web/, and nothing else is', () => {
    expect(new Set(registeredCatalogues())).toEqual(new Set(featureCatalogues));
  });

  it.each(all)('$name: fr and nl have exactly the keys of en', ({ catalogue }) => {
    const reference = Object.keys(catalogue.en).sort();
    expect(Object.keys(catalogue.fr).sort()).toEqual(reference);
    expect(Object.keys(catalogue.nl).sort()).toEqual(reference);
  });

  it('no key is in two catalogues, and the merged catalogues have the same keys in every language', () => {
    const keys = all.flatMap(({ catalogue }) => Object.keys(catalogue.en));
    expect(keys.length).toBe(new Set(keys).size);
    for (const locale of locales) expect(Object.keys(catalogues[locale]).sort()).toEqual([...keys].sort());
  });

  it.each(locales)('%s has no empty or blank message', (locale) => {
    const blank = Object.entries(catalogues[locale]).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
    expect(blank).toEqual([]);
  });

  it.each(locales)('%s uses the same {placeholders} as en in every message', (locale) => {
    const en = catalogues.en as Record<string, string>;
    const mismatched = Object.entries(catalogues[locale])
      .filter(([k, v]) => JSON.stringify(placeholders(v)) !== JSON.stringify(placeholders(en[k]!)))
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it.each(locales)('%s: every message is valid ICU, and each plural gives every form the language needs', (locale) => {
    // "many" (French for millions: "de participants") falls back on "other", which reads right.
    const needed = new Intl.PluralRules(locale).resolvedOptions().pluralCategories.filter((c) => c !== 'many');
    const missing: string[] = [];
    for (const [key, source] of Object.entries(catalogues[locale])) {
      for (const plural of argumentsOf(source, locale).plurals)
        for (const form of needed)
          if (!plural.forms.includes(form)) missing.push(`${key}: ${plural.name} lacks ${form}`);
    }
    expect(missing).toEqual([]);
  });

  it('counts are written with ICU plurals, not as a bare {count} beside a plural noun', () => {
    const bare = Object.entries(catalogues.en).filter(
      ([, source]) => /\{(count|failures)\} \p{L}/u.test(source) && !/plural/.test(source),
    );
    expect(bare.map(([key]) => key)).toEqual([]);
  });

  it('plural forms come in pairs: every ….one has its ….other', () => {
    const keys = Object.keys(catalogues.en);
    const lonely = keys.filter((k) => k.endsWith('.one') && !keys.includes(`${k.slice(0, -4)}.other`));
    expect(lonely).toEqual([]);
  });

  it('are really translated: fr and nl differ from en on the home page headings', () => {
    for (const key of ['home.active', 'home.planned', 'nav.home', 'login.failed'] as const) {
      expect(catalogues.fr[key]).not.toBe(catalogues.en[key]);
      expect(catalogues.nl[key]).not.toBe(catalogues.en[key]);
    }
  });

  it('refuses a key that another catalogue already has, and accepts the same catalogue twice', () => {
    expect(() =>
      registerCatalogue({ en: { 'nav.home': 'x' }, fr: { 'nav.home': 'x' }, nl: { 'nav.home': 'x' } }),
    ).toThrow(/nav\.home/);
    const before = Object.keys(catalogues.en).length;
    registerCatalogue(featureCatalogues[0]!);
    expect(Object.keys(catalogues.en).length).toBe(before);
  });
});

describe('translator', () => {
  it('fills placeholders, numbers in the locale’s format, from any registered catalogue', () => {
    expect(translator('en')('home.title', { network: 'Essaim' })).toBe('Chapters of Essaim');
    expect(translator('en')('venue.seats', { count: 1200 })).toBe('1,200 seats');
    expect(translator('fr')('venue.seats', { count: 1200 })).toMatch(/^1\s200 /);
  });
});
