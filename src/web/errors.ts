import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  currentLocale,
  isMsg,
  msg,
  negotiateLocale,
  render,
  translator,
  type Locale,
  type Msg,
  type T,
  catalogues,
} from './i18n.js';
import type { MessageKey } from './i18n/en.js';
import { zodIssueMessage } from './zod-messages.js';

/** One error type for the whole app; its code decides the HTTP status (RFC 9457 problem+json). */
export const errorStatus = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof errorStatus;

/** English titles, for the API document's examples; answers use titleKeys in the reader's language. */
export const titles: Record<ErrorCode, string> = {
  validation: 'Invalid input',
  unauthenticated: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  payload_too_large: 'Request body too large',
  uri_too_long: 'URI too long',
  unsupported_media_type: 'Unsupported content type',
  rate_limited: 'Too many requests',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
};

const titleKeys: Record<ErrorCode, Msg['key']> = {
  validation: 'error.validation',
  unauthenticated: 'error.unauthenticated',
  forbidden: 'error.forbidden',
  not_found: 'error.not_found',
  method_not_allowed: 'error.method_not_allowed',
  conflict: 'error.conflict',
  payload_too_large: 'error.payload_too_large',
  uri_too_long: 'error.uri_too_long',
  unsupported_media_type: 'error.unsupported_media_type',
  rate_limited: 'error.rate_limited',
  unavailable: 'error.unavailable',
  internal: 'error.internal',
};

/** One invalid field. `message` is a catalogue message, rendered in the reader's language. */
export interface FieldError {
  field: string;
  message: Msg;
}

/** A field error as a client reads it: the text in its language, and the key and parameters to translate it itself. */
export interface RenderedFieldError {
  field: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

/**
 * `detail` is a catalogue message (`msg('registration.ticketUnknown')`), never a sentence, rendered
 * in the language of whoever reads it: the page's, or Accept-Language for the API. `err.detail` is
 * the text in the language of the request being answered. (errors.test.ts refuses literal details.)
 */
export class AppError extends Error {
  readonly message_: Msg;
  constructor(
    readonly code: ErrorCode,
    detail: Msg,
    readonly errors: FieldError[] = [],
  ) {
    super(render(translator('en'), detail));
    this.message_ = detail;
  }
  get status(): number {
    return errorStatus[this.code];
  }
  /** The explanation in the language of the request being answered (English outside a request). */
  get detail(): string {
    return render(translator(currentLocale()), this.message_);
  }
}

/** `what` is the missing thing, as a message ("This event"). */
export const notFound = (what: Msg) => new AppError('not_found', msg('error.notFoundThing', { what }));

const paramsOf = (m: Msg, t: T): Record<string, string | number> =>
  Object.fromEntries(Object.entries(m.params ?? {}).map(([k, v]) => [k, isMsg(v) ? render(t, v) : v]));

export function renderFieldError(e: FieldError, t: T): RenderedFieldError {
  if (typeof e.message === 'string') return { field: e.field, message: e.message };
  const params = paramsOf(e.message, t);
  return {
    field: e.field,
    message: render(t, e.message),
    code: e.message.key,
    ...(Object.keys(params).length ? { params } : {}),
  };
}

/** A Zod issue's message; a schema's own text (a refine written before keys) is shown as written. */
const issueMessage = (i: z.core.$ZodIssue): Msg => {
  const m = zodIssueMessage(i);
  return typeof m === 'string' ? msg('validation.asWritten', { text: m }) : m;
};

/** Nothing at `path` in the input (null, or a blank text): the field was left out or left empty. */
function isMissing(input: unknown, path: readonly PropertyKey[]): boolean {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return true;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * A schema with a message of its own (`z.enum([…], { message })`, `z.iso.datetime({ message })`)
 * gives that message for a missing value too, where Zod's own would say "is required": with the
 * input at hand, a value that is not there is said to be required, in any language.
 */
function issueMessageFor(i: z.core.$ZodIssue, input: unknown): Msg {
  const refused = i.code === 'invalid_type' || i.code === 'invalid_value' || i.code === 'invalid_format';
  if (input !== undefined && refused && isMissing(input, i.path)) return msg('validation.required');
  return issueMessage(i);
}

/** Zod issues → one entry per invalid field, with a dotted path a person can find in their input. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], input?: unknown): FieldError[] {
  return issues.map((i) => ({ field: i.path.join('.') || '(body)', message: issueMessageFor(i, input) }));
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The catalogue key of `detail` and its parameters, for clients that show their own words. */
  code?: string;
  params?: Record<string, string | number>;
  instance?: string;
  errors?: RenderedFieldError[];
}

/** The language of a problem: the page's, or for the API Accept-Language with English by default. */
export function problemLocale(req: FastifyRequest): Locale {
  if (req.url.startsWith('/api/')) return apiLocale(req);
  return req.locale ?? negotiateLocale(undefined, undefined, req.headers['accept-language']);
}

/** The language of an API answer: Accept-Language, else English (a client program has no cookie). */
export const apiLocale = (req: FastifyRequest): Locale =>
  negotiateLocale(undefined, undefined, req.headers['accept-language'], 'en');

/** Converts anything thrown in a request into a problem, in the reader's language; never exposes internals of a 5xx. */
export function toProblem(err: unknown, req: FastifyRequest): Problem {
  const t = translator(problemLocale(req));
  const problem = (code: ErrorCode, detail: string | Msg, errors?: FieldError[]): Problem => ({
    type: `https://essaim.dev/problems/${code.replaceAll('_', '-')}`,
    title: t(titleKeys[code]),
    status: errorStatus[code],
    detail: render(t, detail),
    ...(typeof detail === 'string' ? {} : { code: detail.key }),
    ...(typeof detail !== 'string' && detail.params ? { params: paramsOf(detail, t) } : {}),
    instance: req.url.split('?')[0],
    ...(errors?.length ? { errors: errors.map((e) => renderFieldError(e, t)) } : {}),
  });
  if (err instanceof AppError) return problem(err.code, err.message_, err.errors);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as unknown as { validationContext?: string }).validationContext ?? 'body';
    const errors = err.validation.flatMap((v): FieldError[] => {
      const at = v.instancePath.slice(1).replaceAll('/', '.');
      // Zod reports unknown keys on their parent object: give each unknown key an entry of its own.
      const keys = v.keyword === 'unrecognized_keys' ? (v.params as { keys?: unknown }).keys : undefined;
      if (Array.isArray(keys) && keys.length)
        return keys.map((k) => ({
          field: at ? `${at}.${String(k)}` : String(k),
          message: msg('validation.unknownField'),
        }));
      const path = at ? at.split('.') : [];
      const issue = { ...v.params, code: v.keyword, message: v.message, path } as unknown as z.core.$ZodIssue;
      const input = { body: req.body, querystring: req.query, params: req.params, headers: req.headers }[where];
      return [{ field: at || `(${where})`, message: issueMessageFor(issue, input ?? {}) }];
    });
    const list = errors
      .map((e) => renderFieldError(e, t))
      .map((e) => `${fieldLabel(e.field, t)}${t('form.labelSeparator')}${e.message}`)
      .join('; ');
    const part =
      where === 'querystring' ? 'query' : where === 'params' ? 'params' : where === 'headers' ? 'headers' : 'body';
    return problem('validation', msg('error.invalidFields', { part, count: errors.length, list }), errors);
  }
  const e = err as FastifyError & { code?: string };
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('payload_too_large', msg('error.bodyTooLarge'));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(
        'unsupported_media_type',
        msg('error.contentType', { type: String(req.headers['content-type'] ?? '(none)') }),
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('validation', msg('error.emptyJson'));
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      // Fastify's own text is English and says no more than this.
      return problem('validation', msg('error.badJson'));
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return problem('forbidden', msg('error.csrf'));
  }
  if ((e.cause as { code?: string } | undefined)?.code === '23505' || e.code === '23505')
    return problem('conflict', msg('error.exists'));
  // The database is down, restarting or gone: say so, rather than a bare 500.
  // drizzle wraps the driver's error in its own (DrizzleQueryError), with the original as cause.
  const cause = (e.cause ?? e) as { code?: string; message?: string };
  if (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '3D000'].includes(cause.code ?? '') ||
    /Connection terminated|timeout exceeded when trying to connect/.test(cause.message ?? '')
  ) {
    return problem('unavailable', msg('error.database'));
  }
  if (e.statusCode === 429) return problem('rate_limited', msg('error.rateLimited'));
  // Any other refusal of Fastify or a plugin (a bad URL, a bad Content-Length, a multipart limit):
  // its own text is English, so the reader gets the catalogue's words for its status.
  if (e.statusCode === 413) return problem('payload_too_large', msg('error.bodyTooLarge'));
  if (e.statusCode === 415)
    return problem(
      'unsupported_media_type',
      msg('error.contentType', { type: String(req.headers['content-type'] ?? '(none)') }),
    );
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
    return e.statusCode === 404
      ? problem('not_found', msg('error.nothingHere', { method: req.method, path: req.url.split('?')[0] ?? '/' }))
      : problem('validation', msg('error.unreadableRequest'));
  return problem('internal', msg('error.internalDetail'));
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}

/**
 * A field of a request named for a person: its label in their language where the interface has one
 * (`field.email` for `email` and for `attendees.0.email`), else its path, the API's own name for it
 * (also in `errors[].field`, for programs). An element of an array of objects is named by its
 * `field.<array>.item` label, numbered from 1: `rooms.1.capacity` reads "Room 2 — capacity".
 */
export function fieldLabel(path: string, t: T): string {
  const has = (key: string): key is MessageKey => key in catalogues[t.locale];
  const isIndex = (s: string | undefined) => s !== undefined && /^\d+$/.test(s);
  const segments = path.split('.');
  const parts = segments.flatMap((s, i) => {
    const item = `field.${segments[i - 1]}.item`;
    return isIndex(s) && has(item) ? [t(item, { n: Number(s) + 1 })] : [];
  });
  const endsOnItem = isIndex(segments.at(-1)) && has(`field.${segments.at(-2)}.item`);
  if (endsOnItem) return parts.join(' — ');
  const name = segments.findLast((s) => !isIndex(s)) ?? path;
  const key = `field.${name}`;
  if (!has(key)) return path;
  const label = t(key);
  // After "Room 2 — " the field's own label reads as a word of the phrase, unless it is an acronym.
  const lower = /^\p{Lu}\p{Ll}/u.test(label) ? label[0]!.toLocaleLowerCase(t.locale) + label.slice(1) : label;
  return [...parts, parts.length ? lower : label].join(' — ');
}
