import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { blobStoreFor } from '../storage/service.js';
import { bearer, type Api } from '../web/api.js';
import { notFound } from '../web/errors.js';
import { presentJuror } from './invitation-routes.js';
import * as reviews from './reviews.js';
import {
  AcceptSchema,
  AssignInputSchema,
  AssignmentListSchema,
  ConflictInputSchema,
  ConflictSchema,
  JurorSchema,
  RedactionSchema,
  ReviewInputSchema,
  ReviewSchema,
} from './schemas.js';
import * as jury from './service.js';
import { msg } from '../web/i18n.js';

const tags = ['jury'];
const Id = z.object({ id: z.uuid({ message: 'must be an id (UUID)' }) });
const IdSub = Id.extend({ submissionId: z.uuid() });
const QueueSchema = z.object({
  stage: z.number().int(),
  blind: z.boolean(),
  items: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      organisation: z.string().nullable().describe('Null in a blind stage'),
      declared: z.enum(['none', 'soft', 'hard']).nullable(),
      reviewed: z.boolean(),
    }),
  ),
});
/** Jurors, conflicts, assignments and reviews. Jurors see only their own work and, in a blind stage, nothing that names an applicant. */
export function juryRoutes(app: Api, db: Db, config: Config): void {
  const store = blobStoreFor(config);

  app.post('/api/v1/calls/:id/jury/accept', {
    schema: {
      tags,
      summary: 'Accept the call’s rules and say which languages you read (jurors)',
      security: bearer,
      params: Id,
      body: AcceptSchema,
      response: { 200: JurorSchema },
    },
    handler: async (req) => {
      const row = await jury.acceptRules(db, req.network, req.user, req.params.id, req.body.languages);
      return presentJuror(row, 0);
    },
  });

  app.get('/api/v1/calls/:id/jury/queue', {
    schema: {
      tags,
      summary:
        'Your assignments in your own order: title (organisation unless blind), your declaration, whether reviewed (jurors)',
      security: bearer,
      params: Id,
      response: { 200: QueueSchema },
    },
    handler: async (req) => {
      const q = await reviews.jurorQueue(db, req.network, req.user, req.params.id);
      return { stage: q.stage.position, blind: q.stage.blind, items: q.items };
    },
  });

  app.get('/api/v1/calls/:id/jury/submissions/:submissionId', {
    // 409 until the juror has declared whether they have a conflict with this submission.
    config: { problems: [409] },
    schema: {
      tags,
      summary: 'An assigned submission’s content, after declaring no hard conflict (jurors); blind in a blind stage',
      security: bearer,
      params: IdSub,
      response: {
        200: z.object({
          view: z.record(z.string(), z.unknown()),
          review: ReviewSchema.omit({ next: true }).nullable(),
        }),
      },
    },
    handler: async (req) => {
      const v = await reviews.jurorView(db, req.network, req.user, req.params.id, req.params.submissionId);
      return {
        view: v.view as Record<string, unknown>,
        review: v.own
          ? {
              submissionId: v.own.submissionId,
              scores: v.own.scores,
              comment: v.own.comment,
              applicantComment: v.own.applicantComment,
              abstain: v.own.abstain,
              submitted: v.own.submittedAt !== null,
            }
          : null,
      };
    },
  });

  app.get('/api/v1/calls/:id/jury/submissions/:submissionId/files/:fileId', {
    schema: {
      tags,
      summary: 'An attachment, under its neutral name (jurors)',
      security: bearer,
      params: IdSub.extend({ fileId: z.uuid() }),
    },
    handler: async (req, reply) => {
      const v = await reviews.jurorView(db, req.network, req.user, req.params.id, req.params.submissionId);
      return sendJurorFile(store, v.files, req.params.fileId, reply);
    },
  });

  app.get('/api/v1/calls/:id/jury/submissions/:submissionId/reviews', {
    schema: {
      tags,
      summary: 'Other jurors’ scores, once your own review is submitted (jurors); 403 before',
      security: bearer,
      params: IdSub,
      response: {
        200: z.object({
          items: z.array(
            z.object({ scores: z.record(z.string(), z.number()), abstain: z.boolean(), comment: z.string() }),
          ),
        }),
      },
    },
    handler: async (req) => ({
      items: (await reviews.othersReviews(db, req.network, req.user, req.params.id, req.params.submissionId)).map(
        (r) => ({
          scores: r.scores,
          abstain: r.abstain,
          comment: r.comment,
        }),
      ),
    }),
  });

  app.post('/api/v1/calls/:id/conflicts', {
    schema: {
      tags,
      summary: 'Declare a conflict of interest (none, soft, hard) with an assigned submission',
      description:
        'Jurors declare their own, after seeing only the title; call managers may record one for a juror with `jurorId`. Hard: the submission is hidden from the juror and their assignment removed; logged as a recusal.',
      security: bearer,
      params: Id,
      body: ConflictInputSchema,
      response: { 201: ConflictSchema },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await jury.declareConflict(db, req.network, req.user, req.params.id, req.body)),
  });

  app.post('/api/v1/calls/:id/assignments', {
    schema: {
      tags,
      summary: 'Run (or re-run) the assignment of a stage (call managers)',
      description:
        'Each submission gets at least `reviewsPerSubmission` reviewers when enough jurors may review it (listed in `short` otherwise), loads differ by at most one, hard conflicts, forbids and languages a juror does not read are respected; pairs with a review begun and pins are kept.',
      security: bearer,
      params: Id,
      body: AssignInputSchema,
      response: { 200: AssignmentListSchema },
    },
    handler: async (req) => {
      const run = await jury.runAssignment(db, req.network, req.user, req.params.id, req.body);
      return jury.listAssignments(db, req.network, req.user, req.params.id, run.stage.position);
    },
  });

  app.get('/api/v1/calls/:id/assignments', {
    schema: {
      tags,
      summary: 'Assignments of a stage with loads (call managers)',
      security: bearer,
      params: Id,
      querystring: z.object({ stage: z.coerce.number().int().min(1).max(5).optional() }),
      response: { 200: AssignmentListSchema },
    },
    handler: async (req) => jury.listAssignments(db, req.network, req.user, req.params.id, req.query.stage),
  });

  app.put('/api/v1/submissions/:id/review', {
    schema: {
      tags,
      summary: 'Save your own review of an assigned submission (jurors)',
      description:
        '403 for a submission not assigned to you or one you are in hard conflict with; 409 before declaring on conflicts or once the stage is closed; 400 for a score outside a criterion’s scale or, on submit, a criterion left unscored (unless abstaining). Returns `next`: your unreviewed assignment with the fewest reviews.',
      security: bearer,
      params: Id,
      body: ReviewInputSchema,
      response: { 200: ReviewSchema },
    },
    handler: async (req) => {
      const { review, next } = await reviews.saveReview(db, req.network, req.user, req.params.id, req.body);
      return {
        submissionId: review.submissionId,
        scores: review.scores,
        comment: review.comment,
        applicantComment: review.applicantComment,
        abstain: review.abstain,
        submitted: review.submittedAt !== null,
        next,
      };
    },
  });

  app.post('/api/v1/calls/:id/stages/:position/close', {
    schema: {
      tags,
      summary: 'Close a stage: its reviews are locked (call managers)',
      security: bearer,
      params: Id.extend({ position: z.coerce.number().int().min(1).max(5) }),
      response: { 200: z.object({ position: z.number().int(), closedAt: z.string() }) },
    },
    handler: async (req) => {
      const s = await reviews.closeStage(db, req.network, req.user, req.params.id, req.params.position);
      return { position: s.position, closedAt: s.closedAt!.toISOString() };
    },
  });

  app.put('/api/v1/submissions/:id/redaction', {
    schema: {
      tags,
      summary: 'Confirm the redacted copy jurors of a blind stage read (call managers)',
      description:
        'GET /api/v1/submissions/{id} shows the system’s proposal in `blindView`; known identifiers are removed again from whatever is confirmed.',
      security: bearer,
      params: Id,
      body: RedactionSchema,
      response: { 200: z.object({ id: z.uuid(), confirmedAt: z.string() }) },
    },
    handler: async (req) => {
      const s = await reviews.confirmRedaction(db, req.network, req.user, req.params.id, req.body);
      return { id: s.id, confirmedAt: s.redactionConfirmedAt!.toISOString() };
    },
  });
}

/** An attachment a juror may read (from `jurorView`), under its neutral name: for the API and the review page. */
export async function sendJurorFile(
  store: ReturnType<typeof blobStoreFor>,
  files: Awaited<ReturnType<typeof reviews.jurorView>>['files'],
  fileId: string,
  reply: FastifyReply,
) {
  const file = files.find((f) => f.id === fileId);
  const bytes = file && (await store.get(file.key));
  if (!file || !bytes) throw notFound(msg('call.problem.file'));
  return reply
    .header('content-disposition', `attachment; filename="${file.displayName}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .type(file.contentType)
    .send(Buffer.from(bytes));
}
