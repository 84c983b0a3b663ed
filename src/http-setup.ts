import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from './config.js';
import type { Db } from './db/connection.js';
import { instanceSecret } from './networks/service.js';
import { postgresStore } from './ops/rate-limit.js';
import { oldAddressTarget } from './redirects/resolve.js';
import { suggestionsFor } from './redirects/suggest.js';
import { renderErrorPage } from './web/error-page.js';
import { AppError, sendProblem, toProblem } from './web/errors.js';
import { type methodsNotAllowed, openapiTransforms, sendMethodNotAllowed } from './web/http-standards.js';
import { msg } from './web/i18n.js';
import { addSecurityHeaders } from './web/security-headers.js';

/** Probes and metrics: never rate-limited, always answered as problem+json. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** The HTTP plugins every request goes through: cookies, forms, security headers, rate limits, CSRF, OpenAPI. */
export async function registerPlugins(app: FastifyInstance, config: Config, db: Db): Promise<void> {
  const openapi = openapiTransforms();
  await app.register(cookie, { secret: await instanceSecret(db, 'cookie-secret') });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  addSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The map tiles' host, for images only: Leaflet itself is served from our own origin.
        imgSrc: ["'self'", 'data:', new URL(config.mapTilesUrl.replace(/\{\w\}/g, '0')).origin],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    // The same rule as frame-ancestors 'none', for browsers that only read X-Frame-Options.
    frameguard: { action: 'deny' },
    hsts: config.secureCookies,
  });
  await app.register(rateLimit, {
    global: config.rateLimitPerMinute > 0,
    max: config.rateLimitPerMinute || 1_000_000,
    timeWindow: '1 minute',
    allowList: (req) => PROBES.has(req.url),
    ...(config.rateLimitStore === 'postgres' ? { store: postgresStore(db) } : {}),
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: config.secureCookies },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Essaim API',
        version: '1',
        description: 'Chapters, venues and partnerships of a community network. Errors are RFC 9457 problem+json.',
      },
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'Create a token with POST /api/v1/auth/tokens or `essaim token create`.',
          },
        },
      },
    },
    transform: openapi.transform,
    transformObject: openapi.transformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
}

/** How a refusal reaches the client: problem+json for the API, an error page (or sign-in) for pages. */
export function answerErrors(app: FastifyInstance, db: Db, allowedMethods: ReturnType<typeof methodsNotAllowed>): void {
  // The JSON API speaks JSON only; anything else is refused before it is parsed. A route that
  // takes another type says so in its config (`bodyTypes`, e.g. the CSV import).
  app.addHook('preValidation', (req, _reply, done) => {
    if (req.body === undefined || !req.url.startsWith('/api/v1/')) return done();
    const accepted = (req.routeOptions.config as { bodyTypes?: readonly string[] } | undefined)?.bodyTypes ?? [
      'application/json',
    ];
    if (accepted.some((t) => String(req.headers['content-type'] ?? '').startsWith(t))) return done();
    done(
      new AppError(
        'unsupported_media_type',
        msg('error.contentType', { type: String(req.headers['content-type'] ?? '(none)') }),
      ),
    );
  });

  /** A 404 page's suggestions; a failure to find any never turns the 404 into a 500. */
  const suggest = async (req: FastifyRequest) => {
    if (req.method !== 'GET' || !req.network) return [];
    try {
      return await suggestionsFor(db, req.network, req.url);
    } catch (err) {
      req.log.warn({ err }, 'no suggestions for a missing page');
      return [];
    }
  };
  app.setErrorHandler(async (err, req, reply) => {
    const problem = toProblem(err, req);
    if (problem.status >= 500) req.log.error({ err }, 'request failed');
    if (req.url.startsWith('/api/') || PROBES.has(req.url)) return sendProblem(reply, problem);
    // A page that needs a signed-in person sends the visitor to sign in, then back.
    if (problem.status === 401 && req.method === 'GET')
      return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    return reply
      .code(problem.status)
      .type('text/html; charset=utf-8')
      .send(renderErrorPage(req, reply, problem, problem.status === 404 ? await suggest(req) : []));
  });
  app.setNotFoundHandler(async (req, reply) => {
    const allowed = req.url.startsWith('/api/') ? allowedMethods(req.url) : undefined;
    if (allowed) return sendMethodNotAllowed(req, reply, allowed);
    // The old site's addresses (WordPress permalinks, /category/…, /feed/) answer 301 to their new place.
    if (req.method === 'GET' && !req.url.startsWith('/api/') && req.network) {
      const to = await oldAddressTarget(db, req);
      if (to) return reply.redirect(to, 301);
    }
    const problem = toProblem(
      new AppError('not_found', msg('error.nothingHere', { method: req.method, path: req.url.split('?')[0] ?? '/' })),
      req,
    );
    if (req.url.startsWith('/api/')) return sendProblem(reply, problem);
    return reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(renderErrorPage(req, reply, problem, await suggest(req)));
  });
}
