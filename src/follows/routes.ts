import type { Db } from '../db/connection.js';
import { bearer, NoContentSchema, type Api } from '../web/api.js';
import { requireUser } from '../web/context.js';
import { SlugParamsSchema } from '../web/schemas.js';
import { followChapter, unfollowChapter } from './service.js';

const tags = ['members'];

/** Following a chapter and stopping. */
export function followRoutes(app: Api, db: Db): void {
  app.put('/api/v1/chapters/:slug/follow', {
    schema: {
      tags,
      summary: 'Follow a chapter (its news and invitations)',
      security: bearer,
      params: SlugParamsSchema,
      response: { 204: NoContentSchema },
    },
    handler: async (req, reply) => {
      await followChapter(db, req.network, requireUser(req).id, req.params.slug);
      return reply.code(204).send(null);
    },
  });

  app.delete('/api/v1/chapters/:slug/follow', {
    schema: {
      tags,
      summary: 'Stop following a chapter',
      security: bearer,
      params: SlugParamsSchema,
      response: { 204: NoContentSchema },
    },
    handler: async (req, reply) => {
      await unfollowChapter(db, req.network, requireUser(req).id, req.params.slug);
      return reply.code(204).send(null);
    },
  });
}
