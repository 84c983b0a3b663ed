import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { blobStoreFor, coverView, imageMultipart, makeCover, uploadedImage } from '../storage/service.js';
import { CoverResultSchema, CoverUploadSchema } from '../storage/schemas.js';
import { bearer, NoContentSchema, type Api } from '../web/api.js';
import { coverTargets } from './targets.js';

const paramsOf = (param: 'id' | 'slug') =>
  param === 'id'
    ? z.object({ id: z.string().max(80).describe('Event id (UUID)') })
    : z.object({ slug: z.string().min(1).max(80).describe('URL name') });

/**
 * PUT and DELETE `…/cover` for events, chapters and venues: the picture and its required text
 * alternative as multipart/form-data, re-encoded by the storage module.
 */
export function coverRoutes(app: Api, db: Db, config: Config): void {
  const store = blobStoreFor(config);
  void app.register(async (parent) => {
    await parent.register(multipart, imageMultipart);
    const scope = parent.withTypeProvider<ZodTypeProvider>();
    for (const target of coverTargets) {
      const key = (req: FastifyRequest) => (req.params as Record<string, string>)[target.param]!;
      scope.put(target.api, {
        config: { bodyTypes: ['multipart/form-data'] },
        schema: {
          tags: target.tags,
          summary: `Set the cover picture of ${target.noun}`,
          description:
            'multipart/form-data with `image` (JPEG, PNG, WebP or GIF, recognised by content: a renamed file is refused with 415; at most 10 MB, else 413) and `alt`, its text alternative (required). The picture is re-encoded as WebP at 320, 640 and 1280 pixels wide, without its metadata.',
          consumes: ['multipart/form-data'],
          security: bearer,
          params: paramsOf(target.param),
          body: CoverUploadSchema,
          response: { 200: CoverResultSchema },
        },
        handler: async (req) => {
          // Who may change it is checked before the picture is decoded.
          await target.find(db, req.network, req.user, key(req));
          const cover = await makeCover(
            db,
            store,
            req.network.id,
            uploadedImage(req.body.image),
            req.body.alt,
            req.user?.id ?? null,
          );
          await target.set(db, req.network, req.user, key(req), cover);
          return { cover: coverView(cover) };
        },
      });
      scope.delete(target.api, {
        schema: {
          tags: target.tags,
          summary: `Remove the cover picture of ${target.noun}`,
          security: bearer,
          params: paramsOf(target.param),
          response: { 204: NoContentSchema },
        },
        handler: async (req, reply) => {
          await target.set(db, req.network, req.user, key(req), null);
          return reply.code(204).send(null);
        },
      });
    }
  });
}
