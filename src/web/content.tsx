import { z } from 'zod';
import { isLocale, locales, type Locale, type T } from './i18n.js';

/**
 * Content written by people (a chapter's description, an event's title) in up to three languages:
 * the row keeps its text as written, in its own `language`, and `translations` holds the other
 * languages field by field: `{ "nl": { "title": "…" }, "en": { … } }`. One language is required
 * (the original); the others are optional, and a page falls back on the original, saying so.
 */
export type Translations = Partial<Record<Locale, Record<string, string>>>;

export interface Multilingual {
  language: string;
  translations: Translations;
}

export interface LocalizedText {
  text: string;
  /** The language the text is in: the reader's, or the original's when it fell back. */
  lang: Locale;
  /** The reader's language had no text: this is the original. */
  fallback: boolean;
}

/** The text of `field` in `locale`, else the original (marked as a fallback). */
export function localized<R extends Multilingual, F extends keyof R & string>(
  row: R,
  field: F,
  locale: Locale,
): LocalizedText {
  const original = isLocale(row.language) ? row.language : 'fr';
  const original_text = String(row[field] ?? '');
  if (locale === original) return { text: original_text, lang: original, fallback: false };
  const translated = row.translations?.[locale]?.[field]?.trim();
  if (translated) return { text: translated, lang: locale, fallback: false };
  // An empty original (no description at all) is no fallback worth a marker.
  return { text: original_text, lang: original, fallback: original_text.trim() !== '' };
}

/** The row's text fields in `locale`, for a page or a mail that shows several of them. */
export const localizedText = <R extends Multilingual, F extends keyof R & string>(row: R, field: F, locale: Locale) =>
  localized(row, field, locale).text;

export const LanguageSchema = z
  .enum(locales, { message: 'validation.language' })
  .describe('The language the texts are written in (fr, nl or en)');

/**
 * The `translations` input of a multilingual thing: for each other language, the same fields as the
 * original, each optional. `fields` are the feature's own schemas for those fields.
 */
export function translationsSchema<S extends Record<string, z.ZodType>>(fields: S) {
  const one = z.strictObject(
    Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, s.optional()])),
  ) as z.ZodType<Partial<{ [K in keyof S]: z.infer<S[K]> }>>;
  return z
    .strictObject({ fr: one.optional(), nl: one.optional(), en: one.optional() })
    .describe(
      'The texts in the other languages, by language then field, e.g. {"nl": {"title": "…"}}; a missing one falls back on the original',
    );
}

/** Drops blank translations, so a cleared field falls back on the original rather than showing nothing. */
export function cleanTranslations(t: Record<string, Record<string, unknown> | undefined> | undefined): Translations {
  const out: Translations = {};
  for (const [lang, fields] of Object.entries(t ?? {})) {
    if (!isLocale(lang) || !fields) continue;
    const kept = Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string' && !!e[1].trim());
    if (kept.length) out[lang] = Object.fromEntries(kept);
  }
  return out;
}

/**
 * A text as the page shows it: with its `lang` when it is not the page's, and a small marker
 * ("original in French") when the reader's language had no text.
 */
export function Localized({
  value,
  t,
  as = 'span',
  marker = true,
}: {
  value: LocalizedText;
  t: T;
  as?: 'span' | 'div' | 'p';
  /** false for a proper name ("Quai 10"): it keeps its `lang` but needs no "original in French". */
  marker?: boolean;
}) {
  const Tag = as;
  const lang = value.lang === t.locale ? undefined : value.lang;
  return (
    <>
      {lang ? <Tag lang={lang}>{value.text}</Tag> : value.text}
      {marker && value.fallback && <OriginalMarker lang={value.lang} t={t} />}
    </>
  );
}

/** A name in the reader's language when written, else as written (with its `lang`, no marker). */
export const LocalizedName = ({ row, t }: { row: Multilingual & { name: string }; t: T }) => (
  <Localized value={localized(row, 'name', t.locale)} t={t} marker={false} />
);

/** "Original in French": said in the reader's language, beside a text shown in another. */
export function OriginalMarker({ lang, t }: { lang: Locale; t: T }) {
  return <small class="muted original-language"> {t('content.originalIn', { language: lang })}</small>;
}

/** `translations` as answered: by language, then field. */
export const TranslationsViewSchema = z
  .partialRecord(z.enum(locales), z.record(z.string(), z.string()))
  .describe('The texts in the other languages, by language then field');
