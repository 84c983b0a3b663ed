// The registration questions on the organisers' event form: one row per question, its label and
// choices in the three languages side by side (as the event's own texts), the original in the
// event's language. The rows become the API's `questions` (with `translations`); the schema's
// errors come back on the row and language they are about.
import { Field, Select, type FormErrors, type FormValues } from '../web/forms.js';
import { isLocale, locales, type Locale } from '../web/i18n.js';
import type { PageContext } from '../web/page.js';
import type { Question } from './tables.js';

/** Blank rows offered after the event's questions, to add some. */
const EXTRA_ROWS = 1;

const field = (i: number, name: string) => `q${i}_${name}`;
const inLang = (i: number, name: 'label' | 'choices', lang: Locale) => `q${i}_${name}.${lang}`;
const lines = (v: string | undefined) =>
  (v ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The row numbers the form has (q0_…, q1_…), in order. */
const rowsOf = (values: FormValues): number[] =>
  [...new Set(Object.keys(values).flatMap((k) => /^q(\d+)_/.exec(k)?.[1] ?? []))].map(Number).sort((a, b) => a - b);

/** An event's questions as the form's values. */
export function questionValues(questions: readonly Question[], eventLanguage: string): FormValues {
  const original: Locale = isLocale(eventLanguage) ? eventLanguage : 'fr';
  const values: FormValues = {};
  questions.forEach((q, i) => {
    values[field(i, 'id')] = q.id;
    values[field(i, 'type')] = q.type;
    values[field(i, 'required')] = q.required ? 'on' : '';
    for (const lang of locales) {
      const tr = lang === original ? { label: q.label, choices: q.choices } : q.translations?.[lang];
      values[inLang(i, 'label', lang)] = tr?.label ?? '';
      values[inLang(i, 'choices', lang)] = (tr?.choices ?? []).join('\n');
    }
  });
  return values;
}

/** A new question's key, from its label: lower-case letters and digits, unique in the event. */
function newId(label: string, i: number, taken: Set<string>): string {
  const base =
    label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30) || `q${i + 1}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The rows that say something, with the row number each comes from. */
function filledRows(values: FormValues): number[] {
  return rowsOf(values).filter((i) =>
    locales.some((l) => (values[inLang(i, 'label', l)] ?? '').trim() || lines(values[inLang(i, 'choices', l)]).length),
  );
}

/**
 * The form's rows → the API's `questions`, the label and choices in `language` as the original and
 * the others as translations; empty rows are dropped. Undefined when the form had no question rows
 * (a form posted without the editor keeps the event's questions).
 */
export function questionsInput(values: FormValues, language: Locale): Record<string, unknown>[] | undefined {
  if (!rowsOf(values).length) return undefined;
  const rows = filledRows(values);
  const taken = new Set(rows.map((i) => (values[field(i, 'id')] ?? '').trim()).filter(Boolean));
  return rows.map((i) => {
    const type = values[field(i, 'type')] === 'choice' ? 'choice' : 'text';
    const label = (values[inLang(i, 'label', language)] ?? '').trim();
    const translations: Record<string, { label?: string; choices?: string[] }> = {};
    for (const lang of locales) {
      if (lang === language) continue;
      const l = (values[inLang(i, 'label', lang)] ?? '').trim();
      const c = type === 'choice' ? lines(values[inLang(i, 'choices', lang)]) : [];
      if (l || c.length) translations[lang] = { ...(l ? { label: l } : {}), ...(c.length ? { choices: c } : {}) };
    }
    return {
      id: (values[field(i, 'id')] ?? '').trim() || newId(label, i, taken),
      label,
      type,
      required: values[field(i, 'required')] === 'on',
      choices: type === 'choice' ? lines(values[inLang(i, 'choices', language)]) : [],
      ...(Object.keys(translations).length ? { translations } : {}),
    };
  });
}

/** The schema's errors on `questions.N…` put back on the row and language they are about. */
export function questionErrors(errors: FormErrors, values: FormValues, language: Locale): FormErrors {
  const rows = filledRows(values);
  const out: FormErrors = {};
  for (const [k, v] of Object.entries(errors)) {
    const m = /^questions\.(\d+)(?:\.(\w+))?(?:\.(fr|nl|en))?(?:\.(\w+))?/.exec(k);
    const row = m ? rows[Number(m[1])] : undefined;
    if (!m || row === undefined) {
      out[k] ??= v;
      continue;
    }
    // "As many choices as the original" names no language: the one whose count differs.
    const count = (l: Locale) => lines(values[inLang(row, 'choices', l)]).length;
    const uneven = locales.find((l) => l !== language && count(l) > 0 && count(l) !== count(language));
    const lang = isLocale(m[3]) ? m[3] : m[2] === 'translations' && uneven ? uneven : language;
    const name = m[2] === 'choices' || m[4] === 'choices' || m[2] === 'translations' ? 'choices' : 'label';
    out[inLang(row, name, lang)] ??= v;
  }
  return out;
}

export function QuestionFields({
  ctx,
  values,
  errors,
}: {
  ctx: PageContext;
  values: FormValues;
  errors?: FormErrors | undefined;
}) {
  const { t } = ctx;
  const original = isLocale(values.language) ? values.language : ctx.locale;
  const filled = filledRows(values);
  const count = (filled.length ? Math.max(...filled) + 1 : 0) + EXTRA_ROWS;
  return (
    <fieldset>
      <legend>{t('event.form.questions')}</legend>
      <p class="help">{t('event.form.questionsHelp')}</p>
      {Array.from({ length: count }, (_, i) => (
        <fieldset>
          <legend>{t('event.form.question', { n: i + 1 })}</legend>
          <input type="hidden" name={field(i, 'id')} value={values[field(i, 'id')] ?? ''} />
          <Select
            name={field(i, 'type')}
            label={t('event.form.questionType', { n: i + 1 })}
            values={values}
            errors={errors}
            options={(['text', 'choice'] as const).map((v) => ({ value: v, label: t(`event.form.questionType.${v}`) }))}
          />
          <div class="check">
            <input
              type="checkbox"
              id={`f-${field(i, 'required')}`}
              name={field(i, 'required')}
              checked={values[field(i, 'required')] === 'on'}
            />
            <label htmlFor={`f-${field(i, 'required')}`}>{t('event.form.questionRequired', { n: i + 1 })}</label>
          </div>
          <div class="languages">
            {locales.map((lang) => {
              const language = t('content.languageName', { language: lang });
              return (
                <fieldset lang={lang}>
                  <legend>
                    {language}
                    {lang === original ? ` · ${t('content.original')}` : ` (${t('form.optional')})`}
                  </legend>
                  <Field
                    name={inLang(i, 'label', lang)}
                    label={`${t('event.form.questionLabel', { n: i + 1 })} (${language})`}
                    values={values}
                    errors={errors}
                  />
                  <Field
                    name={inLang(i, 'choices', lang)}
                    label={`${t('event.form.questionChoices', { n: i + 1 })} (${language})`}
                    help={t('event.form.questionChoicesHelp')}
                    multiline
                    values={values}
                    errors={errors}
                  />
                </fieldset>
              );
            })}
          </div>
        </fieldset>
      ))}
    </fieldset>
  );
}
