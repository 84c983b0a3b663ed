import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { isNewsEditor } from '../news/service.js';
import { bearer, type Api, NoContentSchema } from '../web/api.js';
import { AppError } from '../web/errors.js';
import { offsetCursor, offsetFromCursor, PageQuerySchema } from '../web/pagination.js';
import { authorize, type Actor } from '../web/policy.js';
import * as redirects from './service.js';
import { msg } from '../web/i18n.js';

const tags = ['redirects'];
const Path = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(2000)
  .describe('A path, such as /2011/06/10/old-slug/ or /?p=23');
const RedirectSchema = z.object({
  id: z.uuid(),
  from: z.string().describe('The old address, normalised'),
  to: z.string(),
  origin: z.string().describe('import or manual'),
});
const present = (r: redirects.RedirectRow) => ({ id: r.id, from: r.fromKey, to: r.toPath, origin: r.origin });
const Id = z.object({ id: z.uuid({ message: 'must be a redirect id (UUID)' }) });

async function editors(db: Db, actor: Actor, networkId: string) {
  authorize(actor, await isNewsEditor(db, actor, networkId), 'manage redirects');
}

export function redirectRoutes(root: Api, db: Db): void {
  // In a scope of their own: the CSV parser must not clash with the member import's.
  void root.register(async (scope) => routes(scope.withTypeProvider<ZodTypeProvider>(), db));
}

function routes(app: Api, db: Db): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 5 * 1_048_576 }, (_r, body, done) =>
    done(null, body),
  );
  app.get('/api/v1/redirects', {
    schema: {
      tags,
      summary: 'Old addresses and where they go (news editors)',
      security: bearer,
      querystring: PageQuerySchema,
      response: { 200: z.object({ items: z.array(RedirectSchema), nextCursor: z.string().nullable() }) },
    },
    handler: async (req) => {
      await editors(db, req.user, req.network.id);
      const offset = offsetFromCursor(req.query.cursor);
      const rows = await redirects.listRedirects(db, req.network, { limit: req.query.limit + 1, offset });
      return {
        items: rows.slice(0, req.query.limit).map(present),
        nextCursor: rows.length > req.query.limit ? offsetCursor(offset + req.query.limit) : null,
      };
    },
  });
  app.post('/api/v1/redirects', {
    schema: {
      tags,
      summary: 'Add a redirect (loops and conflicts are refused with 409)',
      security: bearer,
      body: z.strictObject({ from: Path, to: Path }),
      response: { 201: RedirectSchema },
    },
    handler: async (req, reply) => {
      await editors(db, req.user, req.network.id);
      const row = await db.transaction((tx) =>
        redirects.createRedirect(tx, req.network, req.body.from, req.body.to, req.user),
      );
      return reply.code(201).send(present(row));
    },
  });
  app.patch('/api/v1/redirects/:id', {
    schema: {
      tags,
      summary: 'Send an old address somewhere else',
      security: bearer,
      params: Id,
      body: z.strictObject({ to: Path }),
      response: { 200: RedirectSchema },
    },
    handler: async (req) => {
      await editors(db, req.user, req.network.id);
      return present(
        await db.transaction((tx) => redirects.updateRedirect(tx, req.network, req.params.id, req.body.to, req.user)),
      );
    },
  });
  app.delete('/api/v1/redirects/:id', {
    schema: { tags, summary: 'Remove a redirect', security: bearer, params: Id, response: { 204: NoContentSchema } },
    handler: async (req, reply) => {
      await editors(db, req.user, req.network.id);
      await db.transaction((tx) => redirects.deleteRedirect(tx, req.network, req.params.id, req.user));
      return reply.code(204).send(null);
    },
  });
  app.get('/api/v1/redirects/export', {
    schema: { tags, summary: 'The redirect table as CSV (from,to,origin)', security: bearer },
    handler: async (req, reply) => {
      await editors(db, req.user, req.network.id);
      return reply.type('text/csv; charset=utf-8').send(await redirects.exportRedirects(db, req.network));
    },
  });
  app.post('/api/v1/redirects/import', {
    schema: {
      tags,
      summary: 'Add redirects from CSV lines "from,to" or "from;to" (all or nothing; the export reads back)',
      security: bearer,
      response: { 200: z.object({ added: z.number().int() }) },
    },
    // 400: a line without two cells; 409: a line that loops or conflicts.
    config: { bodyTypes: ['text/csv'], problems: [400, 415] },
    handler: async (req) => {
      await editors(db, req.user, req.network.id);
      if (typeof req.body !== 'string') throw new AppError('validation', msg('error.sendBodyAs', { what: 'csv' }));
      const csv = req.body;
      return db.transaction((tx) => redirects.importRedirects(tx, req.network, csv, req.user));
    },
  });
}
