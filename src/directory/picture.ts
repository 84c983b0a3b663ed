import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { blobStoreFor } from '../storage/service.js';
import { notFound } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import { visiblePicture } from './service.js';

/**
 * `/members/{id}/picture/{uploadId}/{width}.webp`: a member's picture, served only to those who
 * may see their profile (the directory's rule; /media never serves it). The address names the
 * upload, so it never changes content: a year of private (browser-only) cache. A replaced
 * picture's old address answers 404.
 */
export function pictureRoute(app: FastifyInstance, db: Db, config: Config): void {
  const store = blobStoreFor(config);
  app.get<{ Params: { id: string; upload: string; file: string } }>(
    '/members/:id/picture/:upload/:file',
    { schema: { hide: true } },
    async (req, reply) => {
      const width = /^(\d{1,4})\.webp$/.exec(req.params.file)?.[1];
      if (!width) throw notFound(msg('storage.problem.picture'));
      const ref = await visiblePicture(db, req.network, req.user, req.params.id);
      const variant =
        ref.uploadId === req.params.upload ? ref.variants.find((v) => v.width === Number(width)) : undefined;
      const bytes = variant && (await store.get(variant.key));
      if (!bytes) throw notFound(msg('storage.problem.picture'));
      return reply
        .header('cache-control', 'private, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .type('image/webp')
        .send(bytes);
    },
  );
}
