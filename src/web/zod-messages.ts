import { z } from 'zod';
import { catalogues, msg, type Msg } from './i18n.js';
import type { MessageKey } from './i18n/en.js';

const REQUIRED = 'is required';

// English messages a person can act on ("is required" rather than "expected string, received
// undefined"), for code that reads Zod's own text (the CLI). People read zodIssueMessage's.
z.config({
  customError: (issue) => {
    if (issue.code === 'invalid_type' && issue.input === undefined) return REQUIRED;
    if (issue.code === 'invalid_type')
      return `must be ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}`;
    if (issue.code === 'unrecognized_keys')
      return `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
    return undefined;
  },
});

const isKey = (s: unknown): s is MessageKey => typeof s === 'string' && s in catalogues.en;

const formats: Record<string, MessageKey> = {
  email: 'validation.email',
  url: 'validation.url',
  datetime: 'validation.datetime',
  date: 'validation.date',
  time: 'validation.time',
  uuid: 'validation.uuid',
  guid: 'validation.uuid',
  regex: 'validation.pattern',
};

/**
 * The error map of every language, keyed by Zod's issue code: an issue becomes a catalogue message
 * with its parameters, rendered in the reader's language. A schema may name its own message by
 * giving a catalogue key as `message` (`.refine(…, { message: 'validation.endAfterStart' })`).
 */
export function zodIssueMessage(issue: z.core.$ZodIssue): Msg | string {
  const i = issue as z.core.$ZodIssue & Record<string, unknown>;
  if (isKey(i.message)) return msg(i.message, (i.params as Record<string, string | number>) ?? undefined);
  switch (i.code) {
    case 'invalid_type':
      if (i.message === REQUIRED) return msg('validation.required');
      return msg('validation.type', { expected: i.expected === 'int' ? 'integer' : String(i.expected) });
    case 'too_small': {
      const min = Number(i.minimum);
      if (i.origin === 'string') return min <= 1 ? msg('validation.required') : msg('validation.minLength', { min });
      if (i.origin === 'array' || i.origin === 'set') return msg('validation.minItems', { min });
      if (min === 0 && i.inclusive !== false) return msg('validation.notNegative');
      return msg(i.inclusive === false ? 'validation.greaterThan' : 'validation.min', { min });
    }
    case 'too_big': {
      const max = Number(i.maximum);
      if (i.origin === 'string') return msg('validation.maxLength', { max });
      if (i.origin === 'array' || i.origin === 'set') return msg('validation.maxItems', { max });
      return msg(i.inclusive === false ? 'validation.lessThan' : 'validation.max', { max });
    }
    case 'invalid_format':
      return msg(formats[String(i.format)] ?? 'validation.format');
    case 'invalid_value':
      return msg('validation.oneOf', { values: (i.values as unknown[]).map(String).join(', ') });
    case 'not_multiple_of':
      return msg('validation.multipleOf', { divisor: Number(i.divisor) });
    case 'unrecognized_keys':
      return msg('validation.unknownField');
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return msg('validation.invalid');
    default:
      return i.message || msg('validation.invalid');
  }
}
