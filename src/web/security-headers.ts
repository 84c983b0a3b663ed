import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers helmet writes for `options`, computed once. Through @fastify/helmet, helmet
 * rebuilt its middleware on every request (parsing and dashifying the CSP directives each time:
 * 5.8 % of the server's busy time in the flash crowd's profile), although none of our headers
 * depends on the request. Helmet stays the authority on what the headers are; we only keep its
 * answer. A directive given as a function of the request would be evaluated once here, so none is.
 */
export function securityHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.freeze(headers);
}

/** Adds the headers to every answer, probes, errors and 404s included. */
export function addSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const headers = securityHeaders(options);
  const names = Object.keys(headers);
  app.addHook('onRequest', (_req, reply, done) => {
    for (const name of names) reply.header(name, headers[name]);
    done();
  });
}
