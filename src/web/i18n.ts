import { AsyncLocalStorage } from 'node:async_hooks';
import { IntlMessageFormat } from 'intl-messageformat';
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

/**
 * The Intl locale of each language: Belgian conventions for French and Dutch, and British English
 * for English, so that English dates are day-first and 24-hour like the others.
 */
/**
 * The colon between a label and its value written in code ("Grande salle : 120 places"): French
 * sets it off with a narrow no-break space, Dutch and English do not.
 */
export const colon = (locale: Locale): string => (locale === 'fr' ? '\u202f: ' : ': ');

export const intlLocales: Record<Locale, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

/** ?lang= first (the visible switch), then the remembered choice, then Accept-Language, then `fallback`. */
export function negotiateLocale(
  asked: string | undefined,
  remembered: string | undefined,
  acceptLanguage: string | undefined,
  fallback: Locale = defaultLocale,
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
  return ranked.map((x) => x.lang).find(isLocale) ?? fallback;
}

/** A message to show a person: a catalogue key and its parameters, rendered in their language later. */
export interface Msg {
  key: MessageKey;
  params?: MsgParams;
}
export type MsgParams = { [name: string]: string | number | Msg };
export const msg = (key: MessageKey, params?: MsgParams): Msg => (params ? { key, params } : { key });
export const isMsg = (v: unknown): v is Msg =>
  typeof v === 'object' && v !== null && typeof (v as Msg).key === 'string' && (v as Msg).key in catalogues.en;

export type T = ((key: MessageKey, params?: MsgParams) => string) & { locale: Locale };

interface Compiled {
  format: IntlMessageFormat;
  /** Arguments shown as they are ({count}), which we format as numbers of the locale; plural ones are ICU's. */
  plain: Set<string>;
  /** Arguments written `{date, date, day}`: given as a calendar day ('2026-12-03'), shown day-first in the locale. */
  days: Set<string>;
}
const compiled = new Map<string, Compiled>();

/** The names of the arguments of one ICU type (1: plain, 3: date) in a message, nested ones included. */
function argumentsOfType(type: number, elements: unknown[], into: Set<string>): Set<string> {
  for (const el of elements as { type: number; value: string; options?: Record<string, { value: unknown[] }> }[]) {
    if (el.type === type) into.add(el.value);
    for (const option of Object.values(el.options ?? {})) argumentsOfType(type, option.value, into);
  }
  return into;
}

/**
 * `{date, date, day}`: a calendar day, "03/12/2026" in the three languages. The parameter stays a
 * 'YYYY-MM-DD' string (what an API client reads in a problem body); it is read at noon UTC and
 * shown in UTC, so no zone moves it to another day.
 */
const FORMATS = {
  date: { day: { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' } },
} as const;
const asDay = (v: string | number) => (typeof v === 'string' ? new Date(`${v.slice(0, 10)}T12:00:00Z`) : v);

/**
 * French elides "de" and "que" before a vowel: "les événements d’Essaim", "d’Anvers", but "de
 * Namur". A name is only known when the message is formatted, so in French `de {name}` is read as
 * a select on whether the name starts with a vowel sound (an argument of our own, `{name}·elide`),
 * and no catalogue has to spell the rule out. An h is left alone: most Belgian names with one are
 * aspirated ("de Hasselt", "du Hainaut").
 */
const ELIDED = /\b(de|que) \{(\w+)\}/g;
const ELISION_SUFFIX = '__elide';
export const startsWithVowelSound = (value: string) => /^[aeiouyàâäéèêëîïôöùûüœæ]/i.test(value.trimStart());
function withElision(locale: Locale, source: string): string {
  if (locale !== 'fr') return source;
  return source.replace(
    ELIDED,
    (_, word: string, name: string) =>
      `{${name}${ELISION_SUFFIX}, select, yes {${word.slice(0, -1)}’{${name}}} other {${word} {${name}}}}`,
  );
}

function compile(locale: Locale, key: string, source: string): Compiled {
  const id = `${locale}\u0000${key}`;
  let c = compiled.get(id);
  if (!c) {
    // Our catalogues never quote with ASCII apostrophes ("unknown field '{field}'" means the
    // quotes): double them, as ICU reads a doubled one as the character itself.
    const format = new IntlMessageFormat(
      withElision(locale, source.replaceAll("'", "''")),
      intlLocales[locale],
      FORMATS,
      {
        ignoreTag: true,
      },
    );
    const ast = format.getAst();
    c = { format, plain: argumentsOfType(1, ast, new Set()), days: argumentsOfType(3, ast, new Set()) };
    compiled.set(id, c);
  }
  return c;
}

/**
 * Messages are ICU MessageFormat (FormatJS's intl-messageformat): `{name}`, and
 * `{count, plural, one {# seat} other {# seats}}` with each language's plural rules. A plain
 * `{count}` given a number is written as a number of the locale ("1 200", "1.200", "1,200").
 */
const translators = new Map<Locale, T>();

export function translator(locale: Locale): T {
  let t = translators.get(locale);
  if (!t) {
    t = makeTranslator(locale);
    translators.set(locale, t);
  }
  return t;
}

function makeTranslator(locale: Locale): T {
  const cat = catalogues[locale] as Record<string, string>;
  const numbers = new Intl.NumberFormat(intlLocales[locale]);
  const t = (key: MessageKey, params?: MsgParams): string => {
    const source = cat[key] ?? (catalogues.en as Record<string, string>)[key] ?? key;
    if (!params && !source.includes('{')) return source;
    const { format, plain, days } = compile(locale, key, source);
    const values: Record<string, string | number | Date> = {};
    for (const [k, v] of Object.entries(params ?? {})) {
      values[k] =
        typeof v === 'object' ? t(v.key, v.params) : typeof v === 'number' && plain.has(k) ? numbers.format(v) : v;
      if (days.has(k)) values[k] = asDay(values[k] as string | number);
      if (locale === 'fr') values[`${k}${ELISION_SUFFIX}`] = startsWithVowelSound(String(values[k])) ? 'yes' : 'other';
    }
    try {
      return String(format.format(values));
    } catch {
      // A parameter the caller did not give: show the message with its placeholder rather than fail the page.
      return source;
    }
  };
  return Object.assign(t, { locale });
}

/** Money from integer cents, by locale: "1 234,56 €" (fr), "€ 1.234,56" (nl), "€1,234.56" (en). */
export const formatMoney = (cents: number, locale: Locale, currency = 'EUR'): string =>
  new Intl.NumberFormat(intlLocales[locale], { style: 'currency', currency }).format(cents / 100);

/** A number by locale: "1 234" (fr), "1.234" (nl), "1,234" (en). */
export const formatNumber = (n: number, locale: Locale): string => new Intl.NumberFormat(intlLocales[locale]).format(n);

/** A message, or a text written before messages had keys, in `t`'s language. */
export const render = (t: T, m: Msg | string): string => (typeof m === 'string' ? m : t(m.key, m.params));

/**
 * The language of the request being answered, for code far from the request (form validation, a
 * service's AppError shown on a form) that renders messages: set by web/context.ts for each request.
 * Outside a request (the CLI, tests calling a service), English.
 */
const requestLocale = new AsyncLocalStorage<{ locale: Locale }>();
export const withRequestLocale = <R>(fn: () => R): R => requestLocale.run({ locale: 'en' }, fn);
export function setRequestLocale(locale: Locale): void {
  const store = requestLocale.getStore();
  if (store) store.locale = locale;
}
export const currentLocale = (): Locale => requestLocale.getStore()?.locale ?? 'en';
