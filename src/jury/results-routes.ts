import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { bearer, type Api } from '../web/api.js';
import { confirmAcceptance, draftDecisions, previewDecisions, sendDecisions, stageResults } from './decisions.js';
import { reportCsv, reportPdf, reportXlsx } from './exports.js';

const tags = ['results'];
const Id = z.object({ id: z.uuid({ message: 'must be an id (UUID)' }) });
const StageQuery = z.object({
  stage: z.coerce.number().int().min(1).max(5).optional().describe('Stage position (default: current)'),
});
const Scores = z.record(z.string(), z.object({ mean: z.number().nullable(), median: z.number().nullable() }));
export const ResultsSchema = z.object({
  stage: z.number().int(),
  items: z.array(
    z.object({
      submissionId: z.uuid(),
      rank: z.number().int(),
      rawMean: z.number().nullable(),
      normalisedScore: z.number().nullable(),
      selected: z.boolean(),
      amountCents: z.number().int().nullable(),
      reviewCount: z.number().int(),
      fundedOrder: z.number().int().nullable(),
      perCriterion: Scores,
      independent: Scores.describe('Criteria assessed apart, not in the total'),
      spread: z.number().nullable(),
      controversial: z.boolean(),
      tied: z.boolean(),
    }),
  ),
  budgetCents: z.number().int().nullable(),
  places: z.number().int().nullable(),
  tieBreak: z.string(),
  rankBy: z.enum(['raw', 'normalised']),
  normalisation: z
    .record(z.string(), z.enum(['z', 'rank']))
    .describe('Per juror: z-scores, or ranks when too few reviews to standardise'),
  cutLineTie: z.boolean(),
  selectionDiffers: z.object({ onlyRaw: z.array(z.string()), onlyNormalised: z.array(z.string()) }),
  totalAwardedCents: z.number().int(),
});
const DecisionItem = z.strictObject({
  submissionId: z.uuid(),
  outcome: z.enum(['accepted', 'rejected', 'advanced']),
  amountCents: z.number().int().min(0).nullable().optional(),
  reason: z.string().max(2000).optional(),
});

/** Results, decisions and the deliberation report: call managers only. */
export function resultRoutes(app: Api, db: Db, config: Config): void {
  app.get('/api/v1/calls/:id/results', {
    schema: {
      tags,
      summary: 'Results of a stage: ranking, selection and the figures behind them (call managers)',
      security: bearer,
      params: Id,
      querystring: StageQuery,
      response: { 200: ResultsSchema },
    },
    handler: async (req) => {
      const r = await stageResults(db, req.network, req.user, req.params.id, req.query.stage);
      const { rules } = r.call;
      return {
        stage: r.stage.position,
        ...r.results,
        budgetCents: rules.budgetCents,
        places: rules.places,
        tieBreak: rules.tieBreak,
        rankBy: rules.rankBy,
      };
    },
  });

  app.post('/api/v1/calls/:id/decisions', {
    schema: {
      tags,
      summary: 'Stage decisions as pending: from the results, or one by one (call managers)',
      security: bearer,
      params: Id,
      body: z.strictObject({
        stage: z.number().int().min(1).max(5).optional(),
        items: z.array(DecisionItem).max(1000).optional(),
        includeComments: z.boolean().optional(),
      }),
      response: {
        200: z.object({
          items: z.array(
            z.object({
              submissionId: z.uuid(),
              outcome: z.string(),
              status: z.string(),
              amountCents: z.number().nullable(),
            }),
          ),
        }),
      },
    },
    handler: async (req) => ({
      items: (await draftDecisions(db, req.network, req.user, req.params.id, req.body)).map((d) => ({
        submissionId: d.submissionId,
        outcome: d.outcome,
        status: d.status,
        amountCents: d.amountCents,
      })),
    }),
  });

  app.post('/api/v1/calls/:id/decisions/preview', {
    schema: {
      tags,
      summary: 'Preview every letter as its applicant will read it (call managers)',
      security: bearer,
      params: Id,
      body: z.strictObject({ stage: z.number().int().min(1).max(5).optional() }),
      response: {
        200: z.object({
          items: z.array(
            z.object({
              submissionId: z.uuid(),
              outcome: z.string(),
              to: z.string(),
              locale: z.string(),
              subject: z.string(),
              text: z.string(),
            }),
          ),
        }),
      },
    },
    handler: async (req) => ({
      items: await previewDecisions(db, req.network, req.user, req.params.id, req.body.stage),
    }),
  });

  app.post('/api/v1/calls/:id/decisions/send', {
    schema: {
      tags,
      summary: 'Send the previewed decisions together through the outbox (call managers); 409 the second time',
      security: bearer,
      params: Id,
      body: z.strictObject({ stage: z.number().int().min(1).max(5).optional() }),
      response: { 200: z.object({ sent: z.number().int(), appealUntil: z.string() }) },
    },
    handler: async (req) => {
      const out = await sendDecisions(db, req.network, req.user, req.params.id, {
        stage: req.body.stage,
        baseUrl: config.baseUrl,
      });
      return { sent: out.sent, appealUntil: out.appealUntil.toISOString() };
    },
  });

  app.post('/api/v1/decisions/confirm', {
    schema: {
      tags,
      summary: 'Confirm an acceptance with the token of its e-mail (laureates, speakers)',
      body: z.strictObject({ token: z.string().min(10).max(100) }),
      response: { 200: z.object({ submissionId: z.uuid(), confirmedAt: z.string() }) },
    },
    handler: async (req) => {
      const { submission } = await confirmAcceptance(db, req.network, req.body.token);
      return { submissionId: submission.id, confirmedAt: submission.confirmedAt!.toISOString() };
    },
  });

  app.get('/api/v1/calls/:id/report', {
    schema: {
      tags,
      summary: 'The deliberation report as CSV, XLSX or PDF; `anonymised=true` for publication (call managers)',
      security: bearer,
      params: Id,
      querystring: StageQuery.extend({
        format: z.enum(['csv', 'xlsx', 'pdf']).default('csv'),
        anonymised: z.enum(['true', 'false']).default('false'),
      }),
    },
    handler: async (req, reply) => {
      const r = await stageResults(db, req.network, req.user, req.params.id, req.query.stage);
      const anon = req.query.anonymised === 'true';
      const name = `${r.call.slug}-stage-${r.stage.position}${anon ? '-anonymised' : ''}`;
      reply.header('cache-control', 'private, no-store');
      if (req.query.format === 'xlsx')
        return reply
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(await reportXlsx(r, anon));
      if (req.query.format === 'pdf')
        return reply
          .header('content-disposition', `attachment; filename="${name}.pdf"`)
          .type('application/pdf')
          .send(await reportPdf(r, anon));
      return reply
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(reportCsv(r, anon));
    },
  });
}
