import { z } from 'zod';
import { chapterPolicy } from '../chapters/policy.js';
import { findChapter } from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import { bearer, type Api } from '../web/api.js';
import { authorize } from '../web/policy.js';
import { SlugParamsSchema } from '../web/schemas.js';
import { PartnershipCreateSchema, PartnershipSchema, PartnershipUpdateSchema } from './schemas.js';
import * as partnerships from './service.js';

const tags = ['partnerships'];

export function partnershipRoutes(app: Api, db: Db): void {
  app.get('/api/v1/chapters/:slug/partnerships', {
    schema: {
      tags,
      summary: 'Partnerships of a chapter with venues',
      params: SlugParamsSchema,
      response: { 200: z.object({ items: z.array(PartnershipSchema) }) },
    },
    handler: async (req) => {
      const chapter = await findChapter(db, req.network, req.params.slug);
      return { items: await partnerships.listPartnerships(db, req.network, { chapterId: chapter.id }) };
    },
  });

  app.post('/api/v1/chapters/:slug/partnerships', {
    schema: {
      tags,
      summary: 'Record a partnership between a chapter and a venue (admins)',
      security: bearer,
      params: SlugParamsSchema,
      body: PartnershipCreateSchema,
      response: { 201: PartnershipSchema },
    },
    handler: async (req, reply) => {
      authorize(req.user, chapterPolicy.managePartnerships(req.user), 'record partnerships');
      const view = await partnerships.createPartnership(db, req.network, req.params.slug, req.body, req.user);
      return reply.code(201).header('location', `/api/v1/partnerships/${view.id}`).send(view);
    },
  });

  app.get('/api/v1/partnerships/:id', {
    schema: {
      tags,
      summary: 'A partnership',
      params: z.object({ id: z.uuid() }),
      response: { 200: PartnershipSchema },
    },
    handler: async (req) =>
      partnerships.presentPartnership(await partnerships.findPartnership(db, req.network, req.params.id)),
  });

  app.patch('/api/v1/partnerships/:id', {
    schema: {
      tags,
      summary: 'Change or end a partnership (admins)',
      security: bearer,
      params: z.object({ id: z.uuid() }),
      body: PartnershipUpdateSchema,
      response: { 200: PartnershipSchema },
    },
    handler: async (req) => {
      authorize(req.user, chapterPolicy.managePartnerships(req.user), 'change partnerships');
      return partnerships.updatePartnership(db, req.network, req.params.id, req.body, req.user);
    },
  });
}
