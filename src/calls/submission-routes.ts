import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { blobStoreFor } from '../storage/service.js';
import { bearer, type Api } from '../web/api.js';
import { notFound } from '../web/errors.js';
import { IdParams } from './schemas.js';
import {
  SecretQuery,
  SubmissionCreatedSchema,
  SubmissionCreateSchema,
  SubmissionSchema,
  SubmissionUpdateSchema,
} from './submission-schemas.js';
import * as subs from './submissions.js';
import { presentSubmission } from './submission-present.js';
import { msg } from '../web/i18n.js';

const tags = ['submissions'];
const FILE_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/octet-stream',
];

/** Applicants (with or without an account) and call managers. */
export function submissionRoutes(app: Api, db: Db, config: Config): void {
  const store = blobStoreFor(config);

  app.post('/api/v1/calls/:id/submissions', {
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Start a submission (no account needed); `submit: true` submits it at once',
      description:
        'Answers a draft in the call’s form; the secret link to come back is e-mailed and returned once as `manageUrl`. 409 when the call is not open (the server’s clock decides), 400 per field when a submission misses a required field or fails a hard eligibility gate.',
      params: IdParams,
      body: SubmissionCreateSchema,
      response: { 201: SubmissionCreatedSchema },
    },
    handler: async (req, reply) => {
      const { submission, secret } = await subs.startSubmission(db, req.network, req.user, req.params.id, req.body, {
        baseUrl: config.baseUrl,
        locale: req.locale,
      });
      const view = await subs.submissionView(db, req.network, submission);
      return reply.code(201).send({ ...presentSubmission(view), manageUrl: `${config.baseUrl}/s/${secret}` });
    },
  });

  app.get('/api/v1/submissions/:id', {
    schema: {
      tags,
      summary: 'A submission, with the blind view jurors get (its applicant, or call managers)',
      security: bearer,
      params: IdParams,
      querystring: SecretQuery,
      response: { 200: SubmissionSchema },
    },
    handler: async (req) => {
      const { submission } = await subs.submissionFor(
        db,
        req.network,
        { user: req.user, secret: req.query.secret },
        req.params.id,
      );
      return presentSubmission(await subs.submissionView(db, req.network, submission));
    },
  });

  app.patch('/api/v1/submissions/:id', {
    // 403: the secret link of someone else's submission (the operation has no bearer requirement).
    config: { rateLimit: { max: 60, timeWindow: '1 minute' }, problems: [403] },
    schema: {
      tags,
      summary: 'Change, submit or withdraw a submission until the call closes (its applicant)',
      description: 'A submitted submission stays submitted and is checked again; 409 once the call has closed.',
      params: IdParams,
      querystring: SecretQuery,
      body: SubmissionUpdateSchema,
      response: { 200: SubmissionSchema },
    },
    handler: async (req) => {
      const row = await subs.updateSubmission(
        db,
        req.network,
        { user: req.user, secret: req.query.secret },
        req.params.id,
        req.body,
        { baseUrl: config.baseUrl, locale: req.locale },
      );
      return presentSubmission(await subs.submissionView(db, req.network, row));
    },
  });

  void app.register(async (scope) => {
    scope.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: 21 * 1_048_576 }, (_req, body, done) =>
      done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().put('/api/v1/submissions/:id/files/:field', {
      bodyLimit: 21 * 1_048_576,
      config: { bodyTypes: FILE_TYPES, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Attach a file to a file field (its applicant); the body is the file',
        description:
          'PDF, JPEG, PNG, WebP or Word (.docx), recognised by content (a renamed file is refused with 415), at most the call’s size limit (413). Identifying metadata is removed (EXIF; PDF document information and XMP; Word core properties) and the file is renamed after its field; a PDF whose metadata is compressed is refused rather than stored with it.',
        consumes: FILE_TYPES,
        params: IdParams.extend({ field: z.string().min(1).max(40) }),
        querystring: SecretQuery,
        body: z.any().describe('The file'),
        response: { 200: SubmissionSchema },
      },
      handler: async (req) => {
        const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
        await subs.attachFile(
          db,
          store,
          req.network,
          { user: req.user, secret: req.query.secret },
          req.params.id,
          req.params.field,
          bytes,
          { locale: req.locale },
        );
        const { submission } = await subs.submissionFor(
          db,
          req.network,
          { user: req.user, secret: req.query.secret },
          req.params.id,
        );
        return presentSubmission(await subs.submissionView(db, req.network, submission));
      },
    });
  });

  app.get('/api/v1/submissions/:id/files/:fileId', {
    schema: {
      tags,
      summary: 'Download an attachment (its applicant, call managers)',
      params: IdParams.extend({ fileId: z.uuid() }),
      querystring: SecretQuery,
    },
    handler: async (req, reply) => {
      const { submission } = await subs.submissionFor(
        db,
        req.network,
        { user: req.user, secret: req.query.secret },
        req.params.id,
      );
      return sendAttachment(db, store, req.network, submission.id, req.params.fileId, reply);
    },
  });
}

/** Sends a stored attachment under its neutral name; used by applicants', managers' and jurors' routes. */
export async function sendAttachment(
  db: Db,
  store: ReturnType<typeof blobStoreFor>,
  network: Parameters<typeof subs.filesWithUploads>[1],
  submissionId: string,
  fileId: string,
  reply: import('fastify').FastifyReply,
) {
  const file = (await subs.filesWithUploads(db, network, [submissionId])).find((f) => f.id === fileId);
  const bytes = file && (await store.get(file.key));
  if (!file || !bytes) throw notFound(msg('call.problem.file'));
  return reply
    .header('content-disposition', `attachment; filename="${file.displayName}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .type(file.contentType)
    .send(Buffer.from(bytes));
}
