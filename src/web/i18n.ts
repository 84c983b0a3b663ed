import { en, type MessageKey } from './i18n/en.js';
import { fr } from './i18n/fr.js';
import type { FeatureCatalogue } from './i18n/messages.js';
import { nl } from './i18n/nl.js';

export const locales = ['fr', 'nl', 'en'] as const;
export type Locale = (typeof locales)[number];
/**
 * web/'s own messages, then each feature's once registered (registerCatalogue). Typed with every
 * key: a key whose feature was never registered reads as undefined, which the catalogue test catches.
 */
export const catalogues = { fr: { ...fr }, nl: { ...nl }, en: { ...en } } as Record<Locale, Record<MessageKey, string>>;
const registered = new Set<FeatureCatalogue<string>>();

/**
 * Adds a feature's messages (its messages.ts) to the catalogues; src/catalogues.ts registers every
 * feature's at start. Registering the same catalogue again does nothing; a key another catalogue
 * already has is a mistake, refused.
 */
export function registerCatalogue(catalogue: FeatureCatalogue<string>): void {
  if (registered.has(catalogue)) return;
  for (const locale of locales) {
    const target = catalogues[locale] as Record<string, string>;
    for (const [key, message] of Object.entries(catalogue[locale])) {
      if (key in target) throw new Error(`The message key ${key} is registered twice`);
      target[key] = message;
    }
  }
  registered.add(catalogue);
}

/** The catalogues registered so far, for the parity test. */
export const registeredCatalogues = (): FeatureCatalogue<string>[] => [...registered];
export const localeNames: Record<Locale, string> = { fr: 'Français', nl: 'Nederlands', en: 'English' };
/** Belgium's network speaks French first when the visitor states no preference. */
export const defaultLocale: Locale = 'fr';

export const isLocale = (v: unknown): v is Locale =>
  typeof v === 'string' && (locales as readonly string[]).includes(v);

/** A stored language (a profile's, a message's) when it is one we speak; otherwise `fallback`. */
export const localeOr = (v: unknown, fallback: Locale = defaultLocale): Locale => (isLocale(v) ? v : fallback);

/** ?lang= first (the visible switch), then the remembered choice, then Accept-Language. */
export function negotiateLocale(
  asked: string | undefined,
  remembered: string | undefined,
  acceptLanguage: string | undefined,
): Locale {
  if (isLocale(asked)) return asked;
  if (isLocale(remembered)) return remembered;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())).find(Boolean);
      return { lang: (tag ?? '').toLowerCase().split('-')[0], q: q ? Number(q[1]) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLocale) ?? defaultLocale;
}

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(locale: Locale): T {
  const cat = catalogues[locale];
  return (key, params) => {
    let s = cat[key];
    if (params)
      for (const [k, v] of Object.entries(params))
        s = s.replaceAll(`{${k}}`, typeof v === 'number' ? new Intl.NumberFormat(locale).format(v) : v);
    return s;
  };
}
