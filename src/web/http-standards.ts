import type { Socket } from 'node:net';
import type { SwaggerTransformObject } from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { AppError, type errorStatus, sendProblem, titles, toProblem, type Problem } from './errors.js';
import { msg } from './i18n.js';
import { onSendSync } from './hooks.js';

/**
 * HTTP details every route shares: errors Fastify or Node answer before a route runs (405, 414,
 * 431) as problem+json like the rest, caching rules for personal answers, and an OpenAPI document
 * that lists the API's errors and nothing but the API.
 */

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** 405 with Allow for a known path asked with a method it does not take (RFC 9110 §15.5.6). */
export function methodsNotAllowed(app: FastifyInstance) {
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  const byUrl = new Map<string, Set<string>>();
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/')) return;
    let methods = byUrl.get(route.url);
    if (!methods) {
      methods = new Set();
      byUrl.set(route.url, methods);
      const source = route.url
        .split('/')
        .map((part) =>
          part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/');
      routes.push({ pattern: new RegExp(`^${source}$`), methods });
    }
    for (const m of [route.method].flat()) methods.add(m);
  });
  /** The methods a path answers, or undefined when it is not a path of the API. */
  return (url: string): string[] | undefined => {
    const path = url.split('?')[0]!;
    const allowed = new Set<string>();
    for (const r of routes) if (r.pattern.test(path)) for (const m of r.methods) allowed.add(m);
    return allowed.size ? [...allowed].sort() : undefined;
  };
}

export function sendMethodNotAllowed(req: FastifyRequest, reply: FastifyReply, allowed: string[]) {
  reply.header('allow', allowed.join(', '));
  return sendProblem(
    reply,
    toProblem(
      new AppError(
        'method_not_allowed',
        msg('error.methodNotAllowed', {
          method: req.method,
          path: req.url.split('?')[0] ?? '/',
          allowed: allowed.join(', '),
        }),
      ),
      req,
    ),
  );
}

/** Fastify's own answers for a bad URL or an over-long path parameter (414), as problem+json. */
export function frameworkErrors(err: Error & { code?: string }, req: FastifyRequest, reply: FastifyReply) {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  return sendProblem(
    reply,
    toProblem(
      new AppError(tooLong ? 'uri_too_long' : 'validation', msg(tooLong ? 'error.partTooLong' : 'error.badUrl')),
      req,
    ),
  );
}

/**
 * Node answers oversized headers (431) and malformed requests itself, before any route: the same
 * answers as Fastify's default handler, written as problem+json.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, title, detail] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request header fields too large', 'The request headers are larger than this server accepts.']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request timeout', 'The request took too long to arrive.']
        : [400, 'Bad request', 'The request is not valid HTTP.'];
  const body = JSON.stringify({
    type: `https://essaim.dev/problems/${status === 431 ? 'header-fields-too-large' : status === 408 ? 'timeout' : 'bad-request'}`,
    title,
    status,
    detail,
  } satisfies Problem);
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(err);
}

/**
 * Answers with personal data, or reached with a secret, are not kept by any cache: a bearer token,
 * a ?secret= link, the person's own data, registrations and ticket pages. (The personal calendar
 * feed keeps its own `private` caching: calendar apps poll it.)
 */
export function isPrivate(req: FastifyRequest): boolean {
  const path = req.url.split('?')[0]!;
  return (
    req.headers.authorization !== undefined ||
    /[?&]secret=/.test(req.url) ||
    path.startsWith('/api/v1/me') ||
    path.startsWith('/api/v1/registrations') ||
    /^\/api\/v1\/events\/[^/]+\/registrations/.test(path) ||
    path.startsWith('/r/')
  );
}

export function noStoreForPrivate(app: FastifyInstance) {
  app.addHook(
    'onSend',
    onSendSync((req, reply, payload) => {
      if (isPrivate(req) && !String(reply.getHeader('cache-control') ?? '').includes('no-store'))
        reply.header('cache-control', 'private, no-store');
      return payload;
    }),
  );
}

// ---- OpenAPI: the problem schema once, referenced by every operation with its statuses ----

const PROBLEM_STATUSES: Record<number, { code: keyof typeof errorStatus; description: string; detail: string }> = {
  400: {
    code: 'validation',
    description: 'The input is invalid: `errors` lists each invalid field',
    detail: 'The body has 1 invalid field — capacity: must be at least 1',
  },
  401: {
    code: 'unauthenticated',
    description: 'No valid bearer token where one is needed, or an unknown one',
    detail: 'Sign in first: send "Authorization: Bearer <token>" (create one with POST /api/v1/auth/tokens).',
  },
  403: { code: 'forbidden', description: 'The token is valid but may not do this', detail: 'Only admins may do this.' },
  404: {
    code: 'not_found',
    description: 'Nothing with this id or slug (or not visible to the caller)',
    detail: 'The event 7d3c… does not exist.',
  },
  409: {
    code: 'conflict',
    description: 'The request conflicts with the current state (full, closed, already exists…)',
    detail: 'This event is full and has no waitlist.',
  },
  413: {
    code: 'payload_too_large',
    description: 'The body is too large',
    detail: 'The request body is larger than this endpoint accepts.',
  },
  415: {
    code: 'unsupported_media_type',
    description: 'The body is not of a type this operation takes',
    detail: 'Content-Type text/plain is not accepted here: send application/json.',
  },
  429: {
    code: 'rate_limited',
    description: 'Too many requests; try again later',
    detail: 'Too many requests from this address. Wait a minute and try again.',
  },
  503: {
    code: 'unavailable',
    description: 'The database does not answer',
    detail: 'The database does not answer. Try again in a moment.',
  },
};

const ProblemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri', description: 'Identifies the kind of problem' },
    title: { type: 'string', description: 'Short, the same for every problem of this type' },
    status: { type: 'integer', description: 'The HTTP status' },
    detail: { type: 'string', description: 'What went wrong here, for a person to read' },
    instance: { type: 'string', description: 'The path of the request' },
    errors: {
      type: 'array',
      description: 'One entry per invalid field (validation problems)',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

type Operation = {
  parameters?: { in: string }[];
  requestBody?: unknown;
  security?: unknown[];
  responses?: Record<string, unknown>;
};

/** The error statuses an operation can answer, from what it takes; `extra` from the route's config. */
function problemStatuses(method: string, op: Operation, extra: number[]): number[] {
  const statuses = new Set<number>([401, 429, 503, ...extra]);
  const params = op.parameters ?? [];
  if (params.length || op.requestBody) statuses.add(400);
  if (op.security?.length) statuses.add(403);
  if (params.some((p) => p.in === 'path')) statuses.add(404);
  if (method !== 'get') statuses.add(409);
  if (op.requestBody) {
    statuses.add(413);
    statuses.add(415);
  }
  return [...statuses].sort((a, b) => a - b);
}

const openapiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

/** Swagger `transform` and `transformObject` that keep pages out and document every error. */
export function openapiTransforms() {
  const extras = new Map<string, number[]>();
  return {
    transform(input: Parameters<typeof jsonSchemaTransform>[0]) {
      const { url, route } = input;
      // The HTML pages are not the API: they are not operations of its document.
      if (!url.startsWith('/api/')) return { schema: { hide: true }, url };
      const problems = (route.config as { problems?: number[] } | undefined)?.problems;
      if (problems)
        for (const m of [route.method].flat()) extras.set(`${m.toLowerCase()} ${openapiPath(url)}`, problems);
      return jsonSchemaTransform(input);
    },
    transformObject(input: Parameters<SwaggerTransformObject>[0]) {
      if (!('openapiObject' in input)) return input.swaggerObject;
      const openapiObject = input.openapiObject;
      const doc = openapiObject as {
        components?: { schemas?: Record<string, unknown>; responses?: Record<string, unknown> };
        paths?: Record<string, Record<string, Operation>>;
      };
      doc.components ??= {};
      doc.components.schemas = { ...doc.components.schemas, Problem: ProblemSchema };
      doc.components.responses = {
        ...doc.components.responses,
        ...Object.fromEntries(
          Object.entries(PROBLEM_STATUSES).map(([status, p]) => [
            `Problem${status}`,
            {
              description: p.description,
              content: {
                'application/problem+json': {
                  schema: { $ref: '#/components/schemas/Problem' },
                  example: {
                    type: `https://essaim.dev/problems/${p.code.replaceAll('_', '-')}`,
                    title: titles[p.code],
                    status: Number(status),
                    detail: p.detail,
                    instance: '/api/v1/…',
                    ...(status === '400' ? { errors: [{ field: 'capacity', message: 'must be at least 1' }] } : {}),
                  },
                },
              },
            },
          ]),
        ),
      };
      for (const [path, ops] of Object.entries(doc.paths ?? {}))
        for (const [method, op] of Object.entries(ops)) {
          if (!METHODS.includes(method.toUpperCase() as (typeof METHODS)[number])) continue;
          op.responses ??= {};
          // Anonymous GETs carry an ETag (ops/http-cache.ts, web/page-cache.ts): a revalidation answers 304.
          if (method === 'get')
            op.responses['304'] ??= { description: 'Not modified: the ETag sent in If-None-Match still matches.' };
          for (const status of problemStatuses(method, op, extras.get(`${method} ${path}`) ?? []))
            op.responses[String(status)] ??= { $ref: `#/components/responses/Problem${status}` };
        }
      return openapiObject;
    },
  };
}
