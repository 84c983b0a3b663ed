import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { etagOf, isNotModified } from '../web/conditional.js';
import { onSendSync } from '../web/hooks.js';
import { SESSION_COOKIE } from '../web/context.js';
import { redactSecrets } from '../web/redact.js';

/** Anonymous answers may be kept by a CDN or reverse proxy for a minute and served stale while it refreshes. */
export const SHARED_CACHE = 'public, max-age=0, s-maxage=60, stale-while-revalidate=300';

/** A request that identifies someone: a session, a token, or a secret link (ticket, personal calendar…). */
export function isPersonal(req: FastifyRequest): boolean {
  return (
    Boolean(req.cookies?.[SESSION_COOKIE]) || Boolean(req.headers.authorization) || redactSecrets(req.url) !== req.url
  );
}

/**
 * One rule for every response, after the route has spoken:
 * - anything personal (session cookie, Authorization, secret link) or setting a cookie is
 *   `private, no-store` unless the route chose another private policy — a shared cache must
 *   never hold it;
 * - a successful anonymous GET that the route left cacheable (no Cache-Control, or a public one)
 *   gets `s-maxage`/`stale-while-revalidate` for shared caches, an ETag of its body and a 304
 *   when the client already holds it. Pages mark themselves `private` (they carry a CSRF token
 *   per visitor) and are left as they are.
 */
export function httpCaching(app: FastifyInstance): void {
  app.addHook(
    'onSend',
    onSendSync((req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (req.routeOptions.config?.bare) return payload;
      const current = String(reply.getHeader('cache-control') ?? '');
      if (isPersonal(req) || reply.hasHeader('set-cookie')) {
        // A route may already have chosen a private policy (a personal calendar revalidated by ETag): kept.
        if (!/^(private|no-store)/.test(current)) reply.header('cache-control', 'private, no-store');
        return payload;
      }
      if ((req.method !== 'GET' && req.method !== 'HEAD') || reply.statusCode !== 200) return payload;
      if (current && !current.startsWith('public')) return payload;
      if (!current) reply.header('cache-control', SHARED_CACHE);
      else if (!/s-maxage/.test(current))
        reply.header('cache-control', `${current}, s-maxage=60, stale-while-revalidate=300`);
      const vary = String(reply.getHeader('vary') ?? '');
      if (!/accept-language/i.test(vary)) reply.header('vary', vary ? `${vary}, Accept-Language` : 'Accept-Language');
      if (reply.hasHeader('etag') || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
      const etag = etagOf(typeof payload === 'string' ? payload : payload.toString('latin1'));
      reply.header('etag', etag);
      if (isNotModified(req, etag, undefined)) {
        reply.code(304);
        return '';
      }
      return payload;
    }),
  );
}
