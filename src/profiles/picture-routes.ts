import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { blobStoreFor, imageMultipart, uploadedImage } from '../storage/service.js';
import { bearer, NoContentSchema, type Api } from '../web/api.js';
import { requireUser } from '../web/context.js';
import { z } from 'zod';
import { PictureSchema, PictureUploadSchema } from './schemas.js';
import { removeMyPicture, setMyPicture } from './picture.js';

const tags = ['members'];

/** PUT and DELETE /api/v1/me/picture: my profile picture, as multipart/form-data. */
export function pictureRoutes(app: Api, db: Db, config: Config): void {
  const store = blobStoreFor(config);
  void app.register(async (parent) => {
    await parent.register(multipart, imageMultipart);
    const scope = parent.withTypeProvider<ZodTypeProvider>();
    scope.put('/api/v1/me/picture', {
      config: { bodyTypes: ['multipart/form-data'] },
      schema: {
        tags,
        summary: 'Set my profile picture',
        description:
          'multipart/form-data with `image` (JPEG, PNG, WebP or GIF, recognised by content: another file is refused with 415; at most 10 MB, else 413; at most 40 megapixels, else 413). Cropped square and re-encoded as WebP at 96, 320 and 640 pixels, without its metadata. It is shown only to those who may see my profile, with my name as its text alternative; it replaces the previous one.',
        consumes: ['multipart/form-data'],
        security: bearer,
        body: PictureUploadSchema,
        response: { 200: z.object({ picture: PictureSchema }) },
      },
      handler: async (req) => ({
        picture: await setMyPicture(db, store, req.network, requireUser(req), uploadedImage(req.body.image)),
      }),
    });
    scope.delete('/api/v1/me/picture', {
      schema: {
        tags,
        summary: 'Remove my profile picture (and its stored files)',
        security: bearer,
        response: { 204: NoContentSchema },
      },
      handler: async (req, reply) => {
        await removeMyPicture(db, store, req.network, requireUser(req));
        return reply.code(204).send(null);
      },
    });
  });
}
