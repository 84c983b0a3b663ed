import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';

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

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
  }
  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} does not exist.`);

/** Zod issues → one entry per invalid field, with a dotted path a person can find in their input. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

/** Converts anything thrown in a request into a problem; never exposes internals of a 5xx. */
export function toProblem(err: unknown, req: FastifyRequest): Problem {
  const problem = (code: ErrorCode, detail: string, errors?: FieldError[]): Problem => ({
    type: `https://essaim.dev/problems/${code.replaceAll('_', '-')}`,
    title: titles[code],
    status: errorStatus[code],
    detail,
    instance: req.url.split('?')[0],
    ...(errors?.length ? { errors } : {}),
  });
  if (err instanceof AppError) return problem(err.code, err.detail, err.errors);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as unknown as { validationContext?: string }).validationContext ?? 'body';
    const errors = err.validation.flatMap((v) => {
      const at = v.instancePath.slice(1).replaceAll('/', '.');
      // Zod reports unknown keys on their parent object: give each unknown key an entry of its own.
      const keys = v.keyword === 'unrecognized_keys' ? (v.params as { keys?: unknown }).keys : undefined;
      if (Array.isArray(keys) && keys.length)
        return keys.map((k) => ({ field: at ? `${at}.${String(k)}` : String(k), message: 'is not a known field' }));
      return [{ field: at || `(${where})`, message: v.message ?? 'is invalid' }];
    });
    const list = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return problem(
      'validation',
      `The ${where === 'querystring' ? 'query string' : where} has ${errors.length} invalid field${errors.length > 1 ? 's' : ''} — ${list}`,
      errors,
    );
  }
  const e = err as FastifyError & { code?: string };
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem('payload_too_large', 'The request body is larger than this endpoint accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(
        'unsupported_media_type',
        `Content-Type ${String(req.headers['content-type'] ?? '(none)')} is not accepted here: send application/json.`,
      );
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem('validation', `The body is not valid JSON: ${e.message}`);
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return problem(
        'forbidden',
        'The form has expired or did not come from this site. Reload the page and try again.',
      );
  }
  if ((e.cause as { code?: string } | undefined)?.code === '23505' || e.code === '23505')
    return problem('conflict', 'This already exists.');
  // The database is down, restarting or gone: say so, rather than a bare 500.
  // drizzle wraps the driver's error in its own (DrizzleQueryError), with the original as cause.
  const cause = (e.cause ?? e) as { code?: string; message?: string };
  if (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '3D000'].includes(cause.code ?? '') ||
    /Connection terminated|timeout exceeded when trying to connect/.test(cause.message ?? '')
  ) {
    return problem('unavailable', 'The database does not answer. Try again in a moment.');
  }
  if (e.statusCode === 429)
    return problem('rate_limited', 'Too many requests from this address. Wait a minute and try again.');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500)
    return problem(e.statusCode === 404 ? 'not_found' : 'validation', e.message);
  return problem('internal', 'Something went wrong on our side. The error was logged; try again later.');
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}
