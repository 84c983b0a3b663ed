// The texts of a multilingual thing on an editing form: the three languages side by side, one
// fieldset each (FR | NL | EN), and the language the texts are first written in. Shared by every
// form whose thing has `language` + `translations` (see content.tsx), so they all read and parse alike.
import { cleanTranslations, type Multilingual, type Translations } from './content.js';
import type { z } from 'zod';
import { Field, parseForm, Select, type FormErrors, type FormValues } from './forms.js';
import { isLocale, locales, type Locale } from './i18n.js';
import type { PageContext } from './page.js';

export interface TextField {
  name: string;
  label: string;
  /** Required in the original language (the others are always optional). */
  required?: boolean;
  multiline?: boolean;
  help?: string;
}

/** The form's name of a field in one language: `fr.name`, `nl.description` (id `f-fr-name`). */
export const inLanguage = (lang: Locale, field: string): string => `${lang}.${field}`;

export function LanguageFields({
  ctx,
  fields,
  values,
  errors,
  languageId,
}: {
  ctx: PageContext;
  fields: readonly TextField[];
  values?: FormValues | undefined;
  errors?: FormErrors | undefined;
  /** The language select's id when another form of the page has one too. */
  languageId?: string;
}) {
  const { t } = ctx;
  const original = isLocale(values?.language) ? values.language : ctx.locale;
  return (
    <>
      <div>
        <Select
          name="language"
          {...(languageId ? { id: languageId } : {})}
          label={t('content.language')}
          values={{ language: original }}
          errors={errors}
          options={locales.map((l) => ({ value: l, label: t('content.languageName', { language: l }) }))}
        />
        <p class="help">{t('content.languageHelp')}</p>
      </div>
      <div class="languages">
        {locales.map((lang) => (
          <fieldset lang={lang}>
            <legend>
              {t('content.languageName', { language: lang })}
              {lang === original ? ` · ${t('content.original')}` : ` (${t('form.optional')})`}
            </legend>
            {fields.map((f) => (
              <Field
                name={inLanguage(lang, f.name)}
                // The language in the label too: the error summary names the field by its label.
                label={`${f.label} (${t('content.languageName', { language: lang })})`}
                values={values}
                errors={errors}
                multiline={f.multiline}
                help={f.help}
                required={f.required && lang === original}
              />
            ))}
          </fieldset>
        ))}
      </div>
    </>
  );
}

/** The form values of a row's texts: its language and each field in each language. */
export function languageValues(row: Multilingual & Record<string, unknown>, fields: readonly string[]): FormValues {
  const values: FormValues = { language: isLocale(row.language) ? row.language : 'fr' };
  for (const lang of locales)
    for (const f of fields)
      values[inLanguage(lang, f)] =
        lang === row.language ? String(row[f] ?? '') : (row.translations?.[lang]?.[f] ?? '');
  return values;
}

/**
 * The posted texts as the API takes them: `language`, the original's fields, and `translations`
 * (the form sends every language, so it replaces them all). One language is required: when the one
 * chosen was left empty and another was written, that one becomes the original.
 */
export function languageInput(
  values: FormValues,
  fields: readonly string[],
): { language?: Locale; texts: Record<string, string>; translations?: Translations } {
  const texts: Record<string, string> = {};
  // A form posted without the fieldsets (a script, an older page): its plain fields are the original's.
  if (!locales.some((l) => fields.some((f) => values[inLanguage(l, f)] !== undefined))) {
    for (const f of fields) if (values[f] !== undefined) texts[f] = values[f];
    return { ...(isLocale(values.language) ? { language: values.language } : {}), texts };
  }
  const written = (lang: Locale) => fields.some((f) => (values[inLanguage(lang, f)] ?? '').trim() !== '');
  let language: Locale = isLocale(values.language) ? values.language : 'fr';
  if (!written(language)) language = locales.find(written) ?? language;
  const others: Record<string, Record<string, string>> = {};
  for (const lang of locales)
    for (const f of fields) {
      const v = values[inLanguage(lang, f)];
      if (v === undefined) continue;
      if (lang === language) texts[f] = v;
      else {
        others[lang] ??= {};
        others[lang][f] = v;
      }
    }
  return { language, texts, translations: cleanTranslations(others) };
}

/**
 * The schema's errors put back on the form's fields: `name` on the original's, `translations.nl.name`
 * on the Dutch one. Other fields keep theirs.
 */
export function languageErrors(errors: FormErrors, language: Locale, fields: readonly string[]): FormErrors {
  const out: FormErrors = {};
  for (const [k, v] of Object.entries(errors)) {
    const translated = /^translations\.(fr|nl|en)\.(.+)$/.exec(k);
    if (translated && isLocale(translated[1])) out[inLanguage(translated[1], translated[2]!)] ??= v;
    else if (fields.includes(k)) out[inLanguage(language, k)] ??= v;
    else out[k] ??= v;
  }
  return out;
}

/**
 * The posted values as the fieldsets show them: plain fields (a form posted without the fieldsets)
 * come back in the original's fieldset, so a refused form shows them where they belong.
 */
export function fieldsetValues(values: FormValues, fields: readonly string[]): FormValues {
  if (locales.some((l) => fields.some((f) => values[inLanguage(l, f)] !== undefined))) return values;
  const lang = isLocale(values.language) ? values.language : 'fr';
  const out = { ...values };
  for (const f of fields) if (values[f] !== undefined) out[inLanguage(lang, f)] = values[f];
  return out;
}

/** A field of the language fieldsets (`fr.name`), or the language itself: not one of the thing's own fields. */
export const isLanguageField = (k: string): boolean => /^(fr|nl|en)\./.test(k) || k === 'language';

/**
 * `parseForm` for a form with language fieldsets: the texts become `language`, the original's
 * fields and `translations`, validated by the API's schema; its errors land on the fieldsets' fields.
 */
export function parseWithLanguages<S extends z.ZodType>(
  schema: S,
  body: unknown,
  fields: readonly string[],
  shape: Omit<NonNullable<Parameters<typeof parseForm>[2]>, 'extra'> = {},
  /** Input the form builds itself from other fields (a venue's rooms). */
  more: Record<string, unknown> = {},
) {
  const posted: FormValues = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>))
    if (typeof v === 'string') posted[k] = v;
  const { language, texts, translations } = languageInput(posted, fields);
  const result = parseForm(schema, body, {
    ...shape,
    extra: {
      input: { ...more, ...texts, ...(language ? { language } : {}), ...(translations ? { translations } : {}) },
      replaces: isLanguageField,
    },
  });
  const values = fieldsetValues(language ? { ...result.values, language } : result.values, fields);
  if (result.ok) return { ...result, values };
  return { ...result, values, errors: languageErrors(result.errors, language ?? 'fr', fields) };
}
