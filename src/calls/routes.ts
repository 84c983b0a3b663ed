import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { bearer, type Api } from '../web/api.js';
import { offsetCursor, offsetFromCursor, PageQuerySchema, pageOf } from '../web/pagination.js';
import { presentCall } from './present.js';
import { CallCreateSchema, CallSchema, CallUpdateSchema, IdParams } from './schemas.js';
import * as calls from './service.js';

const tags = ['calls'];

/** Calls for projects and for talks: public to read (rules are published before opening), managed by admins and chapter organisers. */
export function callRoutes(app: Api, db: Db, config: Pick<Config, 'baseUrl'>): void {
  const present = async (call: calls.CallRow) => {
    const stages = await calls.stagesOf(db, call.id);
    const slugs = await calls.chapterSlugs(db, call.chapterId ? [call.chapterId] : []);
    return presentCall(call, stages, call.chapterId ? (slugs.get(call.chapterId) ?? null) : null, config.baseUrl);
  };

  app.get('/api/v1/calls', {
    schema: {
      tags,
      summary: 'List calls, the latest first',
      querystring: PageQuerySchema,
      response: { 200: pageOf(CallSchema) },
    },
    handler: async (req) => {
      const offset = offsetFromCursor(req.query.cursor);
      const rows = await calls.listCalls(db, req.network, req.query.limit + 1, offset);
      const page = rows.slice(0, req.query.limit);
      const stages = await calls.stagesOfMany(
        db,
        page.map((c) => c.id),
      );
      const slugs = await calls.chapterSlugs(
        db,
        page.flatMap((c) => (c.chapterId ? [c.chapterId] : [])),
      );
      return {
        items: page.map((c) =>
          presentCall(c, stages, c.chapterId ? (slugs.get(c.chapterId) ?? null) : null, config.baseUrl),
        ),
        nextCursor: rows.length > req.query.limit ? offsetCursor(offset + req.query.limit) : null,
      };
    },
  });

  app.post('/api/v1/calls', {
    schema: {
      tags,
      summary: 'Create a call (admins; organisers for their chapter or its events)',
      description:
        'Everything the jury judges by is in `rules` and published on the call page at once. Once the call opens it is frozen: a PATCH then needs `newVersion.reason`.',
      security: bearer,
      body: CallCreateSchema,
      response: { 201: CallSchema },
    },
    handler: async (req, reply) => {
      const call = await calls.createCall(db, req.network, req.user, req.body);
      return reply.code(201).send(await present(call));
    },
  });

  app.get('/api/v1/calls/:id', {
    schema: {
      tags,
      summary: 'A call, by id or slug, with its published rules',
      params: z.object({ id: z.string().min(1).max(80).describe('Id or slug of the call') }),
      response: { 200: CallSchema },
    },
    handler: async (req) => present(await calls.findCall(db, req.network, req.params.id)),
  });

  app.patch('/api/v1/calls/:id', {
    schema: {
      tags,
      summary: 'Change a call (call managers)',
      description:
        'Free until the call opens. Afterwards 409 unless `newVersion.reason` is given: the change becomes a new version in the call’s history and every applicant and juror is e-mailed.',
      security: bearer,
      params: IdParams,
      body: CallUpdateSchema,
      response: { 200: CallSchema },
    },
    handler: async (req) =>
      present(await calls.updateCall(db, req.network, req.user, req.params.id, req.body, { baseUrl: config.baseUrl })),
  });
}
