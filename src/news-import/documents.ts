import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { blobStoreFor, findUpload } from '../storage/service.js';
import { notFound } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import { isUuid } from '../web/schemas.js';
import * as q from './queries.js';

/**
 * Documents (PDF) an old site's posts linked to, brought home by `--fetch-media`:
 * `/media/files/{uploadId}/{name}`. Only uploads an import recorded are served here, so no other
 * stored document (a receipt, a justification) can be reached by guessing its id. The file is the
 * one that was fetched, byte for byte; it never changes, hence the long immutable cache, and it is
 * sandboxed so a PDF viewer cannot run anything with this site's origin.
 */
export function importedDocumentRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const store = blobStoreFor(config);
  app.get<{ Params: { id: string; name: string } }>(
    '/media/files/:id/:name',
    { schema: { hide: true } },
    async (req, reply) => {
      const { id } = req.params;
      const upload =
        isUuid(id) && (await q.isImportedUpload(db, req.network.id, id))
          ? await findUpload(db, req.network.id, id)
          : undefined;
      const bytes = upload?.contentType === 'application/pdf' ? await store.get(upload.key) : undefined;
      if (!bytes) throw notFound(msg('newsImport.problem.document'));
      return reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', 'sandbox')
        .header('content-disposition', `inline; filename="${upload!.originalName.replace(/[^\w.-]+/g, '-')}"`)
        .type('application/pdf')
        .send(bytes);
    },
  );
}
