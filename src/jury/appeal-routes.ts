import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { bearer, type Api } from '../web/api.js';
import { paragraphs } from '../web/schemas.js';
import { answerAppeal, appealDecision, listAppeals, type AppealRow } from './appeals.js';

const tags = ['results'];
const Id = z.object({ id: z.uuid({ message: 'must be an id (UUID)' }) });
export const AppealInputSchema = z.strictObject({ grounds: paragraphs(5000).pipe(z.string().min(1)) });
export const AppealAnswerSchema = z.strictObject({
  outcome: z.enum(['upheld', 'dismissed']),
  answer: paragraphs(5000).pipe(z.string().min(1)).describe('The organisers’ reasons, mailed to the applicant'),
});
const AppealSchema = z.object({
  id: z.uuid(),
  submissionId: z.uuid(),
  decisionId: z.uuid(),
  grounds: z.string(),
  status: z.enum(['open', 'upheld', 'dismissed']),
  answer: z.string(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
});
const present = (a: AppealRow) => ({
  id: a.id,
  submissionId: a.submissionId,
  decisionId: a.decisionId,
  grounds: a.grounds,
  status: a.status,
  answer: a.answer,
  createdAt: a.createdAt.toISOString(),
  answeredAt: a.answeredAt?.toISOString() ?? null,
});

/** Appeals: applicants (with their submission's secret) appeal a sent decision; call managers answer. */
export function appealRoutes(app: Api, db: Db, config: Config): void {
  app.post('/api/v1/submissions/appeal', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Appeal the latest decision on your submission, within the call’s appeal window (applicants)',
      description:
        'The secret of the submission’s link identifies the applicant (no account needed). 409 when no decision was sent, after the window, or for a second appeal.',
      querystring: z.object({ secret: z.string().min(10).max(100) }),
      body: AppealInputSchema,
      response: { 201: AppealSchema },
    },
    handler: async (req, reply) =>
      reply.code(201).send(present(await appealDecision(db, req.network, req.query.secret, req.body.grounds))),
  });

  app.get('/api/v1/calls/:id/appeals', {
    schema: {
      tags,
      summary: 'Appeals against the decisions of a call (call managers)',
      security: bearer,
      params: Id,
      response: { 200: z.object({ items: z.array(AppealSchema) }) },
    },
    handler: async (req) => ({
      items: (await listAppeals(db, req.network, req.user, req.params.id)).items.map((x) => present(x.appeal)),
    }),
  });

  app.put('/api/v1/appeals/:id', {
    schema: {
      tags,
      summary: 'Answer an appeal, once: upheld or dismissed, with reasons mailed to the applicant (call managers)',
      security: bearer,
      params: Id,
      body: AppealAnswerSchema,
      response: { 200: AppealSchema },
    },
    handler: async (req) => present(await answerAppeal(db, req.network, req.user, req.params.id, req.body, config)),
  });
}
