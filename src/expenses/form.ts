import { parseAmount } from '../web/money.js';
import type { FormErrors, FormValues } from '../web/forms.js';
import { validate } from '../web/forms.js';
import { currentLocale, render, translator } from '../web/i18n.js';
import { ExpenseCreateSchema } from './schemas.js';

/**
 * The expense form → the API's input, checked by the same schema. The amount is typed the way
 * people write it ("12,50", "1.234,56") and read exactly, or refused with the reason.
 */
export function readExpenseForm(body: Record<string, unknown>) {
  const values: FormValues = {};
  for (const [k, v] of Object.entries(body ?? {})) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
  const events = ([] as unknown[])
    .concat(body.events ?? [])
    .filter((x): x is string => typeof x === 'string' && x !== '');
  const amount = parseAmount(values.amount ?? '');
  const errors: FormErrors = {};
  if (!amount.ok) errors.amount = render(translator(currentLocale()), amount.reason);
  const input = {
    chapter: values.chapter || undefined,
    incurredOn: values.incurredOn,
    paidOn: values.paidOn || undefined,
    supplierName: values.supplierName ?? '',
    supplierVat: values.supplierVat?.trim() ? values.supplierVat.trim().toUpperCase() : undefined,
    amountCents: amount.ok ? amount.cents : 1,
    vatRate: Number(values.vatRate ?? 21),
    category: values.category ?? '',
    description: values.description ?? '',
    paidBy: values.paidBy === 'organiser' ? 'organiser' : 'network',
    events: events.map((eventId) => ({ eventId })),
    grants: values.grant && amount.ok ? [{ grantId: values.grant, amountCents: amount.cents }] : [],
  };
  const checked = validate(ExpenseCreateSchema, input, values);
  if (!checked.ok || Object.keys(errors).length)
    return { ok: false as const, values, errors: { ...(checked.ok ? {} : checked.errors), ...errors } };
  return { ok: true as const, values, data: checked.data };
}
