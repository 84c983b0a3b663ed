import cookie from '@fastify/cookie';
import './catalogues.js';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountPages } from './accounts/pages.js';
import { accountRoutes } from './accounts/routes.js';
import { calendarFeeds } from './calendar/feeds.js';
import { calendarPages } from './calendar/pages.js';
import { calendarRoutes } from './calendar/routes.js';
import { chapterPages } from './chapters/pages.js';
import { chapterRoutes } from './chapters/routes.js';
import type { Config } from './config.js';
import type { Database } from './db/connection.js';
import { networkPages } from './networks/pages.js';
import { instanceSecret, networkForHost } from './networks/service.js';
import { chaptersOrganizedBy } from './chapters/service.js';
import { venuesManagedBy } from './venues/service.js';
import { moneyScope } from './budgets/service.js';
import { isNewsEditor } from './news/service.js';
import { userForSession, userForToken } from './accounts/service.js';
import { eventAdminPages } from './events/admin-pages.js';
import { eventPages } from './events/pages.js';
import { registrationAdminPages } from './registrations/admin-pages.js';
import { doorPages } from './registrations/door-page.js';
import { ticketPages } from './registrations/ticket-page.js';
import { eventRoutes } from './events/routes.js';
import { feedRoutes } from './feeds/routes.js';
import { mailPages } from './mail/pages.js';
import { partnershipRoutes } from './partnerships/routes.js';
import { registrationRoutes } from './registrations/routes.js';
import { venuePages } from './venues/pages.js';
import { venueRoutes } from './venues/routes.js';
import { webhookPages } from './webhooks/pages.js';
import { webhookRoutes } from './webhooks/routes.js';
import { registerContext } from './web/context.js';
import { registerPageCache } from './web/page-cache.js';
import { redactSecrets } from './web/redact.js';
import { AppError, sendProblem, toProblem } from './web/errors.js';
import { renderErrorPage } from './web/error-page.js';
import { msg } from './web/i18n.js';
import { profileRoutes } from './profiles/routes.js';
import { profilePages } from './profiles/pages.js';
import { mePages } from './profiles/me-pages.js';
import { signupRoutes } from './signup/routes.js';
import { signupPages } from './signup/pages.js';
import { followRoutes } from './follows/routes.js';
import { gdprRoutes } from './gdpr/routes.js';
import { gdprPages } from './gdpr/pages.js';
import { followPages } from './follows/pages.js';
import { adminMemberPages } from './members/pages.js';
import { directoryRoutes } from './directory/routes.js';
import { directoryPages } from './directory/pages.js';
import {
  clientErrorHandler,
  frameworkErrors,
  methodsNotAllowed,
  noStoreForPrivate,
  openapiTransforms,
  sendMethodNotAllowed,
} from './web/http-standards.js';
import { invitationRoutes } from './invitations/routes.js';
import { invitationPages } from './invitations/pages.js';
import { importRoutes } from './member-import/routes.js';
import { importPages } from './member-import/pages.js';
import { auditRoutes } from './audit/routes.js';
import { auditPages } from './audit/pages.js';
import { mediaRoutes } from './storage/routes.js';
import { healthRoutes } from './ops/health.js';
import { httpCaching } from './ops/http-cache.js';
import { createMetrics, serveMetrics } from './ops/metrics.js';
import { limitSignInPerAccount, postgresStore } from './ops/rate-limit.js';
import { newsRoutes } from './news/routes.js';
import { newsPages } from './news/pages.js';
import { newsFeeds } from './news/feeds.js';
import { newsAdminPages } from './news/admin-pages.js';
import { repairRoutes } from './text-repair/routes.js';
import { repairPages } from './text-repair/pages.js';
import { newsImportPages } from './news-import/pages.js';
import { redirectRoutes } from './redirects/routes.js';
import { reportPages } from './error-reports/pages.js';
import { reportRoutes } from './error-reports/routes.js';
import { oldAddressTarget, oldQueryRedirects } from './redirects/resolve.js';
import { callRoutes } from './calls/routes.js';
import { callPages } from './calls/pages.js';
import { submissionRoutes } from './calls/submission-routes.js';
import { submissionPages } from './calls/submission-pages.js';
import { juryRoutes } from './jury/routes.js';
import { juryPages } from './jury/pages.js';
import { resultRoutes } from './jury/results-routes.js';
import { resultPages } from './jury/results-pages.js';
import { programmeRoutes } from './programme/routes.js';
import { programmePages } from './programme/pages.js';
import { budgetRoutes } from './budgets/routes.js';
import { expenseRoutes } from './expenses/routes.js';
import { expensePages } from './expenses/pages.js';
import { reportRoutes as figureRoutes } from './reports/routes.js';
import { packRoutes } from './justification/routes.js';
import { reportPages as figurePages } from './reports/pages.js';
import { venueDashboardPages } from './reports/venue-pages.js';
import './web/zod-messages.js';

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** Plugins, then each feature's routes. No logic lives here. */
export async function buildApp(config: Config, database: Database): Promise<FastifyInstance> {
  const { db } = database;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Never log secrets: tokens, cookies and passwords stay out of the logs.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      // The address of a personal calendar feed is its credential: it stays out of the logs too.
      // Secret links (personal calendars, tickets, sign-in links, ?secret=) are credentials: not logged.
      serializers: {
        req: (req: { method: string; url: string; host?: string; ip?: string }) => ({
          method: req.method,
          url: redactSecrets(req.url),
          host: req.host,
          remoteAddress: req.ip,
        }),
      },
    },
    bodyLimit: 256 * 1024,
    // Signed tokens in paths (unsubscribe links) are longer than Fastify's default of 100.
    routerOptions: { maxParamLength: 300 },
    // X-Forwarded-For is believed only through the configured proxies (TRUST_PROXY): trusting every
    // hop would let any client pick its own address, and so escape every per-address rate limit.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    // Requests arriving on open connections while SIGTERM drains are still answered (see ops/shutdown).
    return503OnClosing: false,
    genReqId: () => crypto.randomUUID(),
    frameworkErrors,
    clientErrorHandler,
  });
  const allowedMethods = methodsNotAllowed(app);
  const openapi = openapiTransforms();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie, { secret: await instanceSecret(db, 'cookie-secret') });
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
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

  registerContext(app, db, {
    networkForHost,
    userForToken,
    userForSession,
    // Members who run nothing see no Administration in the menu, and land on /me after signing in.
    // (organisers, venue managers, treasurers and news editors have pages under /admin).
    runsSomething: async (db, network, user) => {
      if ((await chaptersOrganizedBy(db, network, user.id)).length) return true;
      if ((await venuesManagedBy(db, network, user.id)).length) return true;
      const money = await moneyScope(db, network, user);
      return money.all || money.treasurerOf.size > 0 || isNewsEditor(db, user, network.id);
    },
  });
  noStoreForPrivate(app);
  if (config.pageCache) registerPageCache(app, database.url);
  oldQueryRedirects(app, db);

  // The JSON API speaks JSON only; anything else is refused before it is parsed. A route that
  // takes another type says so in its config (`bodyTypes`, e.g. the CSV import).
  app.addHook('preValidation', async (req) => {
    const accepted = (req.routeOptions.config as { bodyTypes?: readonly string[] } | undefined)?.bodyTypes ?? [
      'application/json',
    ];
    if (
      req.url.startsWith('/api/v1/') &&
      req.body !== undefined &&
      !accepted.some((t) => String(req.headers['content-type'] ?? '').startsWith(t))
    ) {
      throw new AppError(
        'unsupported_media_type',
        `Content-Type ${String(req.headers['content-type'] ?? '(none)')} is not accepted here: send application/json.`,
      );
    }
  });

  app.setErrorHandler((err, req, reply) => {
    const problem = toProblem(err, req);
    if (problem.status >= 500) req.log.error({ err }, 'request failed');
    if (req.url.startsWith('/api/') || PROBES.has(req.url)) return sendProblem(reply, problem);
    // A page that needs a signed-in person sends the visitor to sign in, then back.
    if (problem.status === 401 && req.method === 'GET')
      return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    return reply
      .code(problem.status)
      .type('text/html; charset=utf-8')
      .send(renderErrorPage(req, reply, problem));
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
      .send(renderErrorPage(req, reply, problem));
  });

  healthRoutes(app, database);
  const metrics = createMetrics(database);
  metrics.observe(app);
  await serveMetrics(app, metrics.registry, config);
  limitSignInPerAccount(app, db, config.signInAttemptsPerAccount);
  httpCaching(app);

  const api = app.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  accountRoutes(api, db);
  chapterRoutes(api, db);
  venueRoutes(api, db);
  partnershipRoutes(api, db);
  eventRoutes(api, db);
  registrationRoutes(api, db, config);
  webhookRoutes(api, db, config);
  calendarRoutes(api, db, config);
  signupRoutes(api, db, config);
  profileRoutes(api, db);
  followRoutes(api, db);
  gdprRoutes(api, db);
  directoryRoutes(api, db, config);
  invitationRoutes(api, db, config);
  importRoutes(api, db, config);
  auditRoutes(api, db, config);
  newsRoutes(api, db, config);
  repairRoutes(api, db);
  redirectRoutes(api, db);
  reportRoutes(api, db, config);
  callRoutes(api, db, config);
  submissionRoutes(api, db, config);
  juryRoutes(api, db, config);
  resultRoutes(api, db, config);
  programmeRoutes(api, db, config);
  budgetRoutes(api, db);
  expenseRoutes(api, db, config);
  figureRoutes(api, db);
  packRoutes(api, app, db, config);
  networkPages(app, db);
  chapterPages(app, db);
  venuePages(app, db);
  accountPages(app, db, config);
  eventPages(app, db, config);
  ticketPages(app, db, config);
  calendarFeeds(app, db, config);
  calendarPages(app, db, config);
  feedRoutes(app, db, config);
  eventAdminPages(app, db);
  registrationAdminPages(app, db);
  doorPages(app, db);
  mailPages(app, db, config);
  webhookPages(app, db, config);
  signupPages(app, db, config);
  profilePages(app, db);
  mePages(app, db);
  gdprPages(app, db);
  followPages(app, db);
  adminMemberPages(app, db, config);
  directoryPages(app, db, config);
  invitationPages(app, db, config);
  importPages(app, db, config);
  auditPages(app, db, config);
  mediaRoutes(app, db, config);
  newsPages(app, db, config);
  newsFeeds(app, db, config);
  newsAdminPages(app, db, config);
  repairPages(app, db);
  newsImportPages(app, db, config);
  reportPages(app, db, config);
  callPages(app, db);
  submissionPages(app, db, config);
  juryPages(app, db, config);
  resultPages(app, db, config);
  programmePages(app, db, config);
  expensePages(app, db, config);
  figurePages(app, db);
  venueDashboardPages(app, db);

  return app;
}
