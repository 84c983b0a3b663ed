import type { FieldError } from '../web/errors.js';
import type { CallRules } from './schemas.js';
import { msg } from '../web/i18n.js';

/**
 * Checks answers against the call's form. A draft may be incomplete but never of the wrong
 * type; a submission must also fill every required field and pass every hard eligibility gate.
 */
export function checkAnswers(
  rules: CallRules,
  answers: Record<string, unknown>,
  eligibility: Record<string, boolean>,
  opts: { submit: boolean; filesPresent: Set<string> },
): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Set(rules.fields.map((f) => f.key));
  for (const key of Object.keys(answers))
    if (!known.has(key)) errors.push({ field: `answers.${key}`, message: msg('call.problem.notField') });
  for (const f of rules.fields) {
    const at = `answers.${f.key}`;
    const v = answers[f.key];
    const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    if (f.kind === 'file') {
      if (v !== undefined) errors.push({ field: at, message: msg('call.problem.isFile') });
      if (opts.submit && f.required && !opts.filesPresent.has(f.key))
        errors.push({ field: at, message: msg('validation.required') });
      continue;
    }
    if (empty) {
      if (opts.submit && f.required) errors.push({ field: at, message: msg('validation.required') });
      continue;
    }
    switch (f.kind) {
      case 'short_text':
      case 'long_text': {
        const max = f.maxLength ?? (f.kind === 'short_text' ? 300 : 20_000);
        if (typeof v !== 'string') errors.push({ field: at, message: msg('validation.type', { expected: 'string' }) });
        else if (v.length > max) errors.push({ field: at, message: msg('validation.maxLength', { max }) });
        break;
      }
      case 'choice':
        if (!f.options?.some((o) => o.value === v))
          errors.push({
            field: at,
            message: msg('validation.oneOf', { values: (f.options ?? []).map((o) => o.value).join(', ') }),
          });
        break;
      case 'number':
      case 'amount':
        if (typeof v !== 'number' || !Number.isInteger(v))
          errors.push({
            field: at,
            message:
              f.kind === 'amount' ? msg('call.problem.wholeCents') : msg('validation.type', { expected: 'integer' }),
          });
        else if (
          (f.min !== undefined && v < f.min) ||
          (f.max !== undefined && v > f.max) ||
          (f.kind === 'amount' && v < 0)
        )
          errors.push({ field: at, message: msg('validation.between', { min: f.min ?? 0, max: f.max ?? '∞' }) });
        break;
      case 'links':
        if (!Array.isArray(v) || v.length > 10 || v.some((u) => typeof u !== 'string' || !/^https?:\/\/\S+$/.test(u)))
          errors.push({ field: at, message: msg('call.problem.links') });
        break;
    }
  }
  if (opts.submit)
    for (const q of rules.eligibility)
      if (q.hardGate && eligibility[q.key] !== true)
        errors.push({ field: `eligibility.${q.key}`, message: msg('call.problem.eligibility') });
  return errors;
}
