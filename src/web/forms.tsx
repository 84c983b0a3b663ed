import type { ComponentChildren } from 'preact';
import type { z } from 'zod';
import { AppError, fieldErrors, type FieldError } from './errors.js';
import { currentLocale, render, translator } from './i18n.js';
import type { PageContext } from './page.js';

export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;
/** The catalogue key of each field's error, for a form that answers one mistake in words of its own. */
export type FormErrorKeys = Record<string, string>;

/** Field → catalogue key of its first error (errors given as plain text have none). */
export function errorKeys(list: readonly FieldError[]): FormErrorKeys {
  const keys: FormErrorKeys = {};
  for (const e of list) if (typeof e.message !== 'string') keys[e.field] ??= e.message.key;
  return keys;
}

/**
 * HTML forms send strings. Turns a form body into the input the API's schema expects (numbers,
 * nulls for cleared optional fields), then validates it with that same schema, so a form and the
 * API accept and refuse exactly the same things.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  shape: {
    numbers?: string[];
    nullable?: string[];
    omitEmpty?: string[];
    /** Input that is no single text field (a language form's `translations`), and the fields it replaces. */
    extra?: { input: Record<string, unknown>; replaces: (field: string) => boolean };
  } = {},
): { ok: true; data: z.infer<S>; values: FormValues } | { ok: false; errors: FormErrors; values: FormValues } {
  const values: FormValues = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>))
    if (k !== '_csrf' && typeof v === 'string') values[k] = v;
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const empty = v.trim() === '';
    if (empty && shape.omitEmpty?.includes(k)) continue;
    if (empty && shape.nullable?.includes(k)) input[k] = null;
    else if (shape.numbers?.includes(k)) input[k] = empty ? null : /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v;
    else input[k] = v;
  }
  if (shape.extra) {
    for (const k of Object.keys(input)) if (shape.extra.replaces(k)) delete input[k];
    Object.assign(input, shape.extra.input);
  }
  return validate(schema, input, values);
}

export function validate<S extends z.ZodType>(schema: S, input: unknown, values: FormValues) {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true as const, data: parsed.data as z.infer<S>, values };
  const list = fieldErrors(parsed.error.issues, input);
  return { ok: false as const, errors: formErrors(list), keys: errorKeys(list), values };
}

/** Field errors as a form shows them: one message per field, in the language of the request. */
export function formErrors(list: readonly FieldError[]): FormErrors {
  const t = translator(currentLocale());
  const errors: FormErrors = {};
  for (const e of list) errors[e.field] ??= render(t, e.message);
  return errors;
}

/**
 * A row of the sign-in and sign-up forms: an e-mail (kept when the form comes back refused) or a
 * password (never sent back), required, with the autocomplete that password managers read.
 */
export function AccountField({
  kind,
  label,
  autocomplete,
  form,
  help,
}: {
  kind: 'email' | 'password';
  label: string;
  autocomplete: 'username' | 'email' | 'current-password' | 'new-password';
  form?: { values?: FormValues | undefined; errors?: FormErrors | undefined } | undefined;
  help?: string;
}) {
  return (
    <Field
      name={kind}
      type={kind}
      label={label}
      values={kind === 'email' ? form?.values : undefined}
      errors={form?.errors}
      autocomplete={autocomplete}
      help={help}
      required
    />
  );
}

/** The id of a field's input: `f-<name>`, dots made dashes (`answers.q1` → `f-answers-q1`). */
export const fieldId = (field: string): string => `f-${field.replaceAll('.', '-')}`;

/**
 * The list of mistakes at the top of a form: each names its field by the field's label and links
 * to it. The labels are written further down the page, so the summary leaves a mark
 * (`data-label-for`) that sendPage (web/page.tsx) fills with the text of `<label for="…">` once the
 * page is rendered; a mistake with no field on the page (the form as a whole) shows its message alone.
 */
export function ErrorSummary({ ctx, errors }: { ctx: PageContext; errors: FormErrors | undefined }) {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div class="errors" role="alert">
      <p>{ctx.t('form.errors')}</p>
      <ul>
        {Object.entries(errors).map(([field, message]) => (
          <li>
            <a href={`#${fieldId(field)}`}>
              <span data-label-for={fieldId(field)} data-sep={ctx.t('form.labelSeparator')} />
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  values?: FormValues;
  errors?: FormErrors;
  type?: string;
  required?: boolean;
  help?: string;
  autocomplete?: string;
  multiline?: boolean;
  min?: number;
  /** Offered as the person types (a datalist), e.g. known towns or common skills; any text is still accepted. */
  suggestions?: readonly string[];
  /** `f-<name>` unless given: when several forms of a page share a field name. */
  id?: string;
}

export function Field({
  name,
  label,
  values,
  errors,
  type = 'text',
  required,
  help,
  autocomplete,
  multiline,
  min,
  suggestions,
  id: givenId,
}: FieldProps) {
  // The same id the error summary links to (dots made dashes).
  const id = givenId ?? fieldId(name);
  const error = errors?.[name];
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    required,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common}>{values?.[name] ?? ''}</textarea>
      ) : (
        <input
          {...common}
          type={type}
          value={values?.[name] ?? ''}
          autoComplete={autocomplete ?? (suggestions ? 'off' : undefined)}
          min={min}
          list={suggestions ? `${id}-list` : undefined}
        />
      )}
      {suggestions ? (
        <datalist id={`${id}-list`}>
          {suggestions.map((s) => (
            <option value={s} />
          ))}
        </datalist>
      ) : null}
      {help ? (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** `id` defaults to `f-<name>`; give another one when two forms of a page share a field name. */
export function Select({
  name,
  label,
  values,
  errors,
  options,
  id = fieldId(name),
}: {
  name: string;
  label: string;
  values?: FormValues;
  errors?: FormErrors;
  options: { value: string; label: string }[];
  id?: string;
}) {
  const error = errors?.[name];
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {options.map((o) => (
          <option value={o.value} selected={values?.[name] === o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Section({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <section>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** A form's AppError (409, 404 on an e-mail…) shown beside the fields, like a validation error. */
/** A form field that carries a value (an empty field is no answer). */
export const filled = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';

/** The text fields of a posted form, to show them again. */
export const formValues = (body: Record<string, unknown>): FormValues =>
  Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== '_csrf' && typeof v === 'string')) as FormValues;

export function formError(
  err: unknown,
  values: FormValues,
): { values: FormValues; errors: FormErrors; keys: FormErrorKeys } {
  if (
    err instanceof AppError &&
    (err.code === 'conflict' || err.code === 'validation' || (err.code === 'not_found' && err.errors.length))
  ) {
    const errors: FormErrors = {};
    const t = translator(currentLocale());
    // One field: the whole explanation; several: each field its own message.
    for (const e of err.errors) errors[e.field] = err.errors.length > 1 ? render(t, e.message) : err.detail;
    if (!err.errors.length) errors['(form)'] = err.detail;
    return { values, errors, keys: errorKeys(err.errors) };
  }
  throw err;
}
