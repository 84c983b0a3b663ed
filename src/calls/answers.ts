import type { FieldError } from '../web/errors.js';
import type { CallRules } from './schemas.js';

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
    if (!known.has(key)) errors.push({ field: `answers.${key}`, message: 'is not a field of this call' });
  for (const f of rules.fields) {
    const at = `answers.${f.key}`;
    const v = answers[f.key];
    const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
    if (f.kind === 'file') {
      if (v !== undefined) errors.push({ field: at, message: 'is a file: upload it to /files/{field}' });
      if (opts.submit && f.required && !opts.filesPresent.has(f.key))
        errors.push({ field: at, message: 'is required' });
      continue;
    }
    if (empty) {
      if (opts.submit && f.required) errors.push({ field: at, message: 'is required' });
      continue;
    }
    switch (f.kind) {
      case 'short_text':
      case 'long_text': {
        const max = f.maxLength ?? (f.kind === 'short_text' ? 300 : 20_000);
        if (typeof v !== 'string') errors.push({ field: at, message: 'must be text' });
        else if (v.length > max) errors.push({ field: at, message: `must be at most ${max} characters` });
        break;
      }
      case 'choice':
        if (!f.options?.some((o) => o.value === v))
          errors.push({ field: at, message: `must be one of: ${(f.options ?? []).map((o) => o.value).join(', ')}` });
        break;
      case 'number':
      case 'amount':
        if (typeof v !== 'number' || !Number.isInteger(v))
          errors.push({
            field: at,
            message: f.kind === 'amount' ? 'must be a whole number of cents' : 'must be a whole number',
          });
        else if (
          (f.min !== undefined && v < f.min) ||
          (f.max !== undefined && v > f.max) ||
          (f.kind === 'amount' && v < 0)
        )
          errors.push({ field: at, message: `must be between ${f.min ?? 0} and ${f.max ?? '∞'}` });
        break;
      case 'links':
        if (!Array.isArray(v) || v.length > 10 || v.some((u) => typeof u !== 'string' || !/^https?:\/\/\S+$/.test(u)))
          errors.push({ field: at, message: 'must be a list of at most 10 http(s) addresses' });
        break;
    }
  }
  if (opts.submit)
    for (const q of rules.eligibility)
      if (q.hardGate && eligibility[q.key] !== true)
        errors.push({ field: `eligibility.${q.key}`, message: 'must be answered yes to apply to this call' });
  return errors;
}
