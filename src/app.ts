import './catalogues.js';
import { answerErrors, registerPlugins } from './http-setup.js';
import { oldQueryRedirects } from './redirects/resolve.js';
import { limitSignInPerAccount } from './ops/rate-limit.js';
import { networkForHost, rememberedNetwork } from './networks/service.js';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { accountPages } from './accounts/pages.js';
import { passwordPages } from './accounts/password-pages.js';
import { accountRoutes } from './accounts/routes.js';
import { calendarFeeds } from './calendar/feeds.js';
import { calendarPages } from './calendar/pages.js';
import { calendarRoutes } from './calendar/routes.js';
import { chapterPages } from './chapters/pages.js';
import { chapterRoutes } from './chapters/routes.js';
import type { Config } from './config.js';
import type { Database } from './db/connection.js';
import { networkPages } from './networks/pages.js';
import { userForSession, userForToken } from './accounts/service.js';
import { runsSomething } from './staff/service.js';
import { eventAdminPages } from './events/admin-pages.js';
import { eventCancelPages } from './events/cancel-page.js';
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
import { profileRoutes } from './profiles/routes.js';
import { profilePages } from './profiles/pages.js';
import { picturePages } from './profiles/picture-pages.js';
import { pictureRoutes } from './profiles/picture-routes.js';
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
import { pictureRoute } from './directory/picture.js';
import { contactRoutes } from './contact/routes.js';
import { contactPages } from './contact/pages.js';
import { clientErrorHandler, frameworkErrors, methodsNotAllowed, noStoreForPrivate } from './web/http-standards.js';
import { invitationRoutes } from './invitations/routes.js';
import { invitationPages } from './invitations/pages.js';
import { goingRoutes } from './registrations/going-routes.js';
import { receivedInvitationPage } from './invitations/received-page.js';
import { receivedInvitationRoutes } from './invitations/received-routes.js';
import { importRoutes } from './member-import/routes.js';
import { importPages } from './member-import/pages.js';
import { auditRoutes } from './audit/routes.js';
import { auditPages } from './audit/pages.js';
import { mediaRoutes } from './storage/routes.js';
import { healthRoutes } from './ops/health.js';
import { httpCaching } from './ops/http-cache.js';
import { createMetrics, serveMetrics } from './ops/metrics.js';
import { newsRoutes } from './news/routes.js';
import { newsPages } from './news/pages.js';
import { newsFeeds } from './news/feeds.js';
import { newsAdminPages } from './news/admin-pages.js';
import { repairRoutes } from './text-repair/routes.js';
import { repairPages } from './text-repair/pages.js';
import { newsImportPages } from './news-import/pages.js';
import { remoteMediaPages } from './news-import/media-pages.js';
import { importedDocumentRoutes } from './news-import/documents.js';
import { redirectPages } from './redirects/pages.js';
import { redirectRoutes } from './redirects/routes.js';
import { reportPages } from './error-reports/pages.js';
import { reportRoutes } from './error-reports/routes.js';
import { callRoutes } from './calls/routes.js';
import { callManagePages } from './calls/manage-pages.js';
import { callPages } from './calls/pages.js';
import { submissionRoutes } from './calls/submission-routes.js';
import { submissionPages } from './calls/submission-pages.js';
import { appealRoutes } from './jury/appeal-routes.js';
import { jurorInvitationRoutes } from './jury/invitation-routes.js';
import { juryRoutes } from './jury/routes.js';
import { juryPages } from './jury/pages.js';
import { resultRoutes } from './jury/results-routes.js';
import { resultPages } from './jury/results-pages.js';
import { programmeRoutes } from './programme/routes.js';
import { programmePages } from './programme/pages.js';
import { budgetRoutes } from './budgets/routes.js';
import { grantPages } from './budgets/pages.js';
import { budgetPages } from './budgets/budget-pages.js';
import { expenseRoutes } from './expenses/routes.js';
import { expensePages } from './expenses/pages.js';
import { reportRoutes as figureRoutes } from './reports/routes.js';
import { packRoutes } from './justification/routes.js';
import { reportPages as figurePages } from './reports/pages.js';
import { venueDashboardPages } from './reports/venue-pages.js';
import { coverRoutes } from './covers/routes.js';
import { coverPages } from './covers/pages.js';
import { mapRoutes } from './maps/routes.js';
import './web/zod-messages.js';

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
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await registerPlugins(app, config, db);

  registerContext(app, db, {
    networkForHost,
    rememberedNetwork,
    userForToken,
    userForSession,
    // Members who run nothing see no Administration in the menu, and land on /me after signing in.
    runsSomething,
  });
  noStoreForPrivate(app);
  // Before the page cache, which answers its hits as soon as the visitor is known.
  oldQueryRedirects(app, db);
  if (config.pageCache) registerPageCache(app, database.url, { maxBytes: config.pageCacheMaxBytes });

  answerErrors(app, db, allowedMethods);

  healthRoutes(app, database);
  const metrics = createMetrics(database);
  metrics.observe(app);
  await serveMetrics(app, metrics.registry, config);
  limitSignInPerAccount(app, db, config.signInAttemptsPerAccount);
  httpCaching(app);

  const api = app.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  accountRoutes(api, db, config);
  chapterRoutes(api, db);
  venueRoutes(api, db, config);
  partnershipRoutes(api, db);
  eventRoutes(api, db);
  coverRoutes(api, db, config);
  registrationRoutes(api, db, config);
  webhookRoutes(api, db, config);
  calendarRoutes(api, db, config);
  signupRoutes(api, db, config);
  profileRoutes(api, db);
  pictureRoutes(api, db, config);
  followRoutes(api, db);
  gdprRoutes(api, db, config);
  directoryRoutes(api, db, config);
  contactRoutes(api, db, config);
  invitationRoutes(api, db, config);
  receivedInvitationRoutes(api, db);
  goingRoutes(api, db);
  importRoutes(api, db, config);
  auditRoutes(api, db, config);
  newsRoutes(api, db, config);
  repairRoutes(api, db);
  redirectRoutes(api, db);
  reportRoutes(api, db, config);
  callRoutes(api, db, config);
  submissionRoutes(api, db, config);
  juryRoutes(api, db, config);
  jurorInvitationRoutes(api, db, config);
  appealRoutes(api, db, config);
  resultRoutes(api, db, config);
  programmeRoutes(api, db, config);
  budgetRoutes(api, db);
  expenseRoutes(api, db, config);
  figureRoutes(api, db);
  packRoutes(api, app, db, config);
  networkPages(app, db);
  chapterPages(app, db, config);
  venuePages(app, db, config);
  mapRoutes(app);
  accountPages(app, db, config);
  passwordPages(app, db, config);
  eventPages(app, db, config);
  ticketPages(app, db, config);
  calendarFeeds(app, db, config);
  calendarPages(app, db, config);
  feedRoutes(app, db, config);
  eventAdminPages(app, db);
  eventCancelPages(app, db);
  registrationAdminPages(app, db);
  doorPages(app, db);
  mailPages(app, db, config);
  webhookPages(app, db, config);
  signupPages(app, db, config);
  profilePages(app, db);
  picturePages(app, db, config);
  mePages(app, db);
  gdprPages(app, db, config);
  followPages(app, db);
  adminMemberPages(app, db, config);
  directoryPages(app, db, config);
  pictureRoute(app, db, config);
  contactPages(app, db, config);
  invitationPages(app, db, config);
  receivedInvitationPage(app, db);
  importPages(app, db, config);
  auditPages(app, db, config);
  mediaRoutes(app, db, config);
  importedDocumentRoutes(app, db, config);
  coverPages(app, db, config);
  newsPages(app, db, config);
  newsFeeds(app, db, config);
  newsAdminPages(app, db, config);
  redirectPages(app, db);
  repairPages(app, db);
  newsImportPages(app, db, config);
  remoteMediaPages(app, db, config);
  reportPages(app, db, config);
  callPages(app, db);
  callManagePages(app, db, config);
  submissionPages(app, db, config);
  juryPages(app, db, config);
  resultPages(app, db, config);
  programmePages(app, db, config);
  expensePages(app, db, config);
  grantPages(app, db);
  budgetPages(app, db);
  figurePages(app, db);
  venueDashboardPages(app, db);

  return app;
}
