import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { bearer, type Api } from '../web/api.js';
import { offsetCursor, offsetFromCursor, PageQuerySchema, pageOf } from '../web/pagination.js';
import { type Report, ReportCreateSchema, ReportDecisionSchema, ReportSchema } from './schemas.js';
import { decideReport, listReports, type ReportRow, submitEventReport, submitReport } from './service.js';

const tags = ['news'];
const present = (
  r: ReportRow & {
    article: { id: string; slug: string; title: string } | null;
    event: { id: string; title: string } | null;
  },
): Report => ({
  id: r.id,
  article: r.article,
  event: r.event,
  revision: r.revision,
  kind: r.kind,
  quote: r.quote,
  message: r.message,
  url: r.url,
  name: r.name,
  hasEmail: !!r.email,
  status: r.status,
  correction: r.correction,
  reason: r.reason,
  createdAt: r.createdAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
  // An empty name is an erased decider's (see forgetDecider); null, a decision taken before they were signed.
  decidedBy: r.decidedByName === null ? null : { id: r.decidedBy, name: r.decidedBy ? r.decidedByName : null },
});

export function reportRoutes(app: Api, db: Db, config: Config): void {
  app.post('/api/v1/news/:slug/reports', {
    schema: {
      tags,
      summary: 'Report an error, ask for more information, or notify illegal content (no account needed)',
      params: z.object({ slug: z.string().min(1).max(80) }),
      body: ReportCreateSchema,
      response: { 202: z.object({ received: z.literal(true) }) },
    },
    config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
    handler: async (req, reply) => {
      await submitReport(db, req.network, req.params.slug, req.body, { baseUrl: config.baseUrl, locale: req.locale });
      return reply.code(202).send({ received: true as const });
    },
  });
  app.post('/api/v1/events/:id/reports', {
    schema: {
      tags: ['events'],
      summary:
        'Report an error on an event page, ask for more information, or notify illegal content (no account needed)',
      params: z.object({ id: z.string().min(1).max(80) }),
      body: ReportCreateSchema,
      response: { 202: z.object({ received: z.literal(true) }) },
    },
    config: { rateLimit: { max: 5, timeWindow: '1 minute' }, problems: [404, 429] },
    handler: async (req, reply) => {
      await submitEventReport(db, req.network, req.params.id, req.body, {
        baseUrl: config.baseUrl,
        locale: req.locale,
      });
      return reply.code(202).send({ received: true as const });
    },
  });
  app.get('/api/v1/reports', {
    schema: {
      tags,
      summary: 'Readers’ reports, newest first (news editors: all; chapter organisers: their events’)',
      security: bearer,
      querystring: PageQuerySchema.extend({
        status: z.enum(['new', 'accepted', 'declined', 'duplicate', 'stale']).optional(),
      }),
      response: { 200: pageOf(ReportSchema) },
    },
    config: { problems: [400] },
    handler: async (req) => {
      const { limit, cursor, status } = req.query;
      const offset = offsetFromCursor(cursor);
      const rows = await listReports(db, req.network, req.user, status, { limit: limit + 1, offset });
      return {
        items: rows.slice(0, limit).map(present),
        nextCursor: rows.length > limit ? offsetCursor(offset + limit) : null,
      };
    },
  });
  app.post('/api/v1/reports/:id/decision', {
    schema: {
      tags,
      summary: 'Accept (with a public correction note), decline, or mark a duplicate; the reporter is told',
      security: bearer,
      params: z.object({ id: z.uuid({ message: 'must be a report id (UUID)' }) }),
      body: ReportDecisionSchema,
      response: { 200: ReportSchema },
    },
    config: { problems: [404, 409] },
    handler: async (req) =>
      present(await decideReport(db, req.network, req.user, req.params.id, req.body, config.baseUrl)),
  });
}
