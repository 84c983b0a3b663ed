import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { notFound } from '../web/errors.js';
import { isUuid } from '../web/schemas.js';
import { blobStoreFor, findUpload } from './service.js';
import { msg } from '../web/i18n.js';

/**
 * Public pictures: `/media/{uploadId}/{width}.webp`. Only image variants are served here (they
 * are made for public pages and carry no metadata); documents such as receipts are served by the
 * feature that owns them, after its own authorisation, and so are restricted pictures. A variant never changes, hence the
 * year-long immutable cache.
 */
export function mediaRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const store = blobStoreFor(config);
  app.get<{ Params: { id: string; file: string } }>(
    '/media/:id/:file',
    { schema: { hide: true } },
    async (req, reply) => {
      const width = /^(\d{1,5})\.webp$/.exec(req.params.file)?.[1];
      if (!isUuid(req.params.id) || !width) throw notFound(msg('storage.problem.picture'));
      const upload = await findUpload(db, req.network.id, req.params.id);
      const variant =
        upload && !upload.restricted ? upload.variants?.find((v) => v.width === Number(width)) : undefined;
      const bytes = variant && (await store.get(variant.key));
      if (!bytes) throw notFound(msg('storage.problem.picture'));
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .type('image/webp')
        .send(bytes);
    },
  );
}
