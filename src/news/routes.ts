import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { blobStoreFor } from '../storage/service.js';
import { bearer, type Api, NoContentSchema } from '../web/api.js';
import { AppError, notFound } from '../web/errors.js';
import { offsetCursor, offsetFromCursor } from '../web/pagination.js';
import { newsPolicy } from './policy.js';
import {
  ArticleCreateSchema,
  ArticleListQuerySchema,
  ArticleSchema,
  ArticleUpdateSchema,
  EditorParamsSchema,
  IdParamsSchema,
  RevisionSchema,
} from './schemas.js';
import * as news from './service.js';
import { msg } from '../web/i18n.js';

const tags = ['news'];
const IMAGE_BODY_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'];

export function newsRoutes(root: Api, db: Db, config: Config): void {
  // In a scope of their own: the image body parser must not clash with the calls' and expenses' file parsers.
  void root.register(async (scope) => routes(scope.withTypeProvider<ZodTypeProvider>(), db, config));
}

function routes(app: Api, db: Db, config: Config): void {
  const store = blobStoreFor(config);
  registerImageBodies(app);

  app.get('/api/v1/articles', {
    // 403: asking for drafts or another status without the right to see them.
    config: { problems: [403] },
    schema: {
      tags,
      summary: 'Published articles, newest first; filter by chapter, category, tag, author or search',
      querystring: ArticleListQuerySchema,
      response: {
        200: z.object({ items: z.array(ArticleSchema), total: z.number().int(), nextCursor: z.string().nullable() }),
      },
    },
    handler: async (req) => {
      const { limit, cursor, ...filter } = req.query;
      const offset = offsetFromCursor(cursor);
      const { rows, total } = await news.listArticles(db, req.network, req.user, filter, { limit, offset });
      return {
        items: await news.presentArticles(db, req.network.id, rows),
        total,
        nextCursor: offset + rows.length < total ? offsetCursor(offset + rows.length) : null,
      };
    },
  });

  app.post('/api/v1/articles', {
    schema: {
      tags,
      summary: 'Write an article (authors: drafts in their chapters; organisers, editors, admins: publish)',
      security: bearer,
      body: ArticleCreateSchema,
      response: { 201: ArticleSchema },
    },
    handler: async (req, reply) => {
      const row = await news.createArticle(db, req.network, req.user, req.body);
      const [view] = await news.presentArticles(db, req.network.id, [row]);
      return reply.code(201).header('location', `/api/v1/articles/${row.id}`).send(view!);
    },
  });

  app.get('/api/v1/articles/:id', {
    schema: {
      tags,
      summary: 'One article (drafts to those who may edit them)',
      params: IdParamsSchema,
      response: { 200: ArticleSchema },
    },
    handler: async (req) => {
      const row = await news.findArticle(db, req.network, req.params.id);
      if (!(await newsPolicy.read(db, req.user, row))) throw notFound(msg('news.problem.article'));
      return (await news.presentArticles(db, req.network.id, [row]))[0]!;
    },
  });

  app.patch('/api/v1/articles/:id', {
    schema: {
      tags,
      summary: 'Change an article; each change is a revision. Publishing needs the right to publish.',
      security: bearer,
      params: IdParamsSchema,
      body: ArticleUpdateSchema,
      response: { 200: ArticleSchema },
    },
    handler: async (req) => {
      const row = await news.updateArticle(db, req.network, req.user, req.params.id, req.body);
      return (await news.presentArticles(db, req.network.id, [row]))[0]!;
    },
  });

  app.put('/api/v1/articles/:id/cover', {
    schema: {
      tags,
      summary: 'Set the cover picture: send the image bytes (JPEG, PNG, WebP, GIF, AVIF; checked by content)',
      security: bearer,
      params: IdParamsSchema,
      response: { 200: ArticleSchema },
    },
    // The picture is the raw body, checked by content and size (413, 415).
    config: { bodyTypes: IMAGE_BODY_TYPES, problems: [413, 415] },
    handler: async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('validation', msg('error.sendBodyAs', { what: 'picture' }));
      const row = await news.saveCover(db, store, req.network, req.user, req.params.id, {
        bytes: req.body,
        name: 'cover',
        field: 'body',
      });
      return (await news.presentArticles(db, req.network.id, [row]))[0]!;
    },
  });

  app.delete('/api/v1/articles/:id/cover', {
    schema: {
      tags,
      summary: 'Remove the cover picture (its description stays, for the next one); the same as PATCH with cover: null',
      security: bearer,
      params: IdParamsSchema,
      response: { 204: NoContentSchema },
    },
    handler: async (req, reply) => {
      await news.updateArticle(db, req.network, req.user, req.params.id, { cover: null });
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/articles/:id/revisions', {
    schema: {
      tags,
      summary: 'Revisions of an article with the diff of each (editors)',
      security: bearer,
      params: IdParamsSchema,
      response: { 200: z.object({ items: z.array(RevisionSchema) }) },
    },
    handler: async (req) => ({ items: await news.articleRevisions(db, req.network, req.user, req.params.id) }),
  });

  const EditorSchema = z.object({ id: z.uuid(), name: z.string(), email: z.string() });
  app.get('/api/v1/news/editors', {
    schema: {
      tags,
      summary: 'Network news editors (admins)',
      security: bearer,
      response: { 200: z.object({ items: z.array(EditorSchema) }) },
    },
    handler: async (req) => ({ items: await news.listEditors(db, req.network, req.user) }),
  });
  app.put('/api/v1/news/editors/:userId', {
    schema: {
      tags,
      summary: 'Make an account a news editor (admins)',
      security: bearer,
      params: EditorParamsSchema,
      response: { 204: NoContentSchema },
    },
    handler: async (req, reply) => {
      await news.addEditor(db, req.network, req.user, req.params.userId);
      return reply.code(204).send(null);
    },
  });
  app.delete('/api/v1/news/editors/:userId', {
    schema: {
      tags,
      summary: 'Remove a news editor (admins)',
      security: bearer,
      params: EditorParamsSchema,
      response: { 204: NoContentSchema },
    },
    handler: async (req, reply) => {
      await news.removeEditor(db, req.network, req.user, req.params.userId);
      return reply.code(204).send(null);
    },
  });
}

/** Image bodies for the cover upload arrive as bytes, up to the storage module's 10 MB. */
function registerImageBodies(app: Api): void {
  app.addContentTypeParser(IMAGE_BODY_TYPES, { parseAs: 'buffer', bodyLimit: 10 * 1_048_576 }, (_req, body, done) =>
    done(null, body),
  );
}
