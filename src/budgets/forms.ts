import { parseAmount } from '../web/money.js';
import { type FormErrors, type FormValues, validate } from '../web/forms.js';
import { currentLocale, msg, render, translator } from '../web/i18n.js';
import { BudgetInputSchema, CategorySetInputSchema, GrantCreateSchema } from './schemas.js';

/**
 * The money forms → the API's inputs, checked by the same schemas. Amounts and rates are typed
 * the way people write them ("12,50", "1.234,56", "12,5 %") and read exactly, or refused.
 */
const strings = (body: Record<string, unknown>): FormValues => {
  const values: FormValues = {};
  for (const [k, v] of Object.entries(body ?? {})) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
  return values;
};
const say = (m: Parameters<typeof render>[1]) => render(translator(currentLocale()), m);

export function readGrantForm(body: Record<string, unknown>) {
  const values = strings(body);
  const categories = ([] as unknown[]).concat(body.eligibleCategories ?? []).filter((x) => typeof x === 'string');
  values.eligibleCategories = categories.join(',');
  const errors: FormErrors = {};
  const amount = parseAmount(values.amount ?? '');
  if (!amount.ok) errors.amount = say(amount.reason);
  const rateText = (values.ratePercent ?? '').trim().replace(/\s*%$/, '').replace(',', '.');
  const rate = /^\d+(\.\d+)?$/.test(rateText) ? Number(rateText) : Number.NaN;
  if (Number.isNaN(rate)) errors.ratePercent = say(msg('grants.badRate'));
  const input = {
    funder: values.funder ?? '',
    publicFunder: values.publicFunder === '1',
    decisionRef: values.decisionRef ?? '',
    chapter: values.chapter || undefined,
    amountGrantedCents: amount.ok ? amount.cents : 0,
    ratePercent: Number.isNaN(rate) ? 50 : rate,
    eligibleCategories: categories,
    periodStart: values.periodStart ?? '',
    periodEnd: values.periodEnd ?? '',
    justificationDeadline: values.justificationDeadline || undefined,
  };
  const checked = validate(GrantCreateSchema, input, values);
  if (!checked.ok || Object.keys(errors).length)
    return { ok: false as const, values, errors: { ...(checked.ok ? {} : checked.errors), ...errors } };
  return { ok: true as const, values, data: checked.data };
}

/** Budget lines are rows `lines.N.kind`, `.grantId`, `.category`, `.label`, `.amount`; a row without an amount is dropped. */
export function readBudgetForm(body: Record<string, unknown>, year: number, chapter: string | undefined) {
  const values = strings(body);
  const errors: FormErrors = {};
  const rows = new Set(
    Object.keys(values)
      .map((k) => /^lines\.(\d+)\./.exec(k)?.[1])
      .filter((x): x is string => x !== undefined),
  );
  const lines = [...rows]
    .map(Number)
    .sort((a, b) => a - b)
    .filter((i) => (values[`lines.${i}.amount`] ?? '').trim() !== '')
    .map((i) => {
      const amount = parseAmount(values[`lines.${i}.amount`] ?? '');
      if (!amount.ok) errors[`lines.${i}.amount`] = say(msg('budgets.badAmount', { n: i + 1, reason: amount.reason }));
      const kind = values[`lines.${i}.kind`] ?? 'expense';
      return {
        kind,
        grantId: kind === 'grant' ? values[`lines.${i}.grantId`] || undefined : undefined,
        category: kind === 'expense' ? values[`lines.${i}.category`] || undefined : undefined,
        label: values[`lines.${i}.label`] ?? '',
        amountCents: amount.ok ? amount.cents : 0,
      };
    });
  const checked = validate(BudgetInputSchema, { year, chapter, lines }, values);
  if (!checked.ok || Object.keys(errors).length)
    return { ok: false as const, values, errors: { ...(checked.ok ? {} : checked.errors), ...errors } };
  return { ok: true as const, values, data: checked.data };
}

/** A category set typed as one category a line: `code | French | Dutch | English`. */
export function readCategoryForm(body: Record<string, unknown>) {
  const values = strings(body);
  const errors: FormErrors = {};
  const categories = (values.categories ?? '')
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter((l) => l.line !== '')
    .map(({ line, n }) => {
      const parts = line.split('|').map((p) => p.trim());
      if (parts.length !== 4) errors.categories ??= say(msg('categories.badLine', { n }));
      const [code = '', fr = '', nl = '', en = ''] = parts;
      return { code, fr, nl, en };
    });
  const checked = validate(CategorySetInputSchema, { name: values.name ?? '', categories }, values);
  if (!checked.ok || Object.keys(errors).length) {
    // Errors on one category ("categories.3.code") are shown on the text area that holds them all.
    const all: FormErrors = { ...errors };
    if (!checked.ok)
      for (const [field, message] of Object.entries(checked.errors))
        all[field.startsWith('categories') ? 'categories' : field] ??= field.startsWith('categories.')
          ? `${field.replace(/^categories\.(\d+)\.?/, (_m, i) => `#${Number(i) + 1} `)}${message}`
          : message;
    return { ok: false as const, values, errors: all };
  }
  return { ok: true as const, values, data: checked.data };
}

export const categoryLines = (cs: { code: string; fr: string; nl: string; en: string }[]) =>
  cs.map((c) => `${c.code} | ${c.fr} | ${c.nl} | ${c.en}`).join('\n');
