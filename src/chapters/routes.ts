import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { bearer, NoContentSchema, type Api } from '../web/api.js';
import { requireUser } from '../web/context.js';
import { decodeCursor, pageOf, toPage } from '../web/pagination.js';
import { authorize, isAdmin } from '../web/policy.js';
import { SlugParamsSchema } from '../web/schemas.js';
import { CHANGE_STATUS_OR_SLUG, chapterPolicy } from './policy.js';
import { presentChapter } from './present.js';
import {
  AssignPersonSchema,
  ChapterCreateSchema,
  ChapterListQuerySchema,
  ChapterSchema,
  ChapterUpdateSchema,
  InterestCreateSchema,
  InterestSchema,
  NotifySchema,
  PersonSchema,
} from './schemas.js';
import * as chapters from './service.js';

const tags = ['chapters'];

export function chapterRoutes(app: Api, db: Db): void {
  app.get('/api/v1/chapters', {
    schema: {
      tags,
      summary: 'List chapters',
      querystring: ChapterListQuerySchema,
      response: { 200: pageOf(ChapterSchema) },
    },
    handler: async (req) => {
      const { limit, cursor, status } = req.query;
      const rows = await chapters.listChapters(db, req.network, {
        status,
        after: decodeCursor(cursor),
        limit: limit + 1,
      });
      const page = toPage(rows, limit);
      const ids = page.items.map((c) => c.id);
      const hosts = await chapters.hostVenues(db, req.network, ids);
      const interest = isAdmin(req.user) ? await chapters.interestCounts(db, req.network, ids) : undefined;
      return {
        items: page.items.map((c) =>
          presentChapter(c, hosts.get(c.id) ?? [], interest ? (interest.get(c.id) ?? 0) : undefined),
        ),
        nextCursor: page.nextCursor,
      };
    },
  });

  app.post('/api/v1/chapters', {
    schema: {
      tags,
      summary: 'Create a chapter (admins)',
      security: bearer,
      body: ChapterCreateSchema,
      response: { 201: ChapterSchema },
    },
    handler: async (req, reply) => {
      authorize(req.user, chapterPolicy.create(req.user), 'create chapters');
      const row = await chapters.createChapter(db, req.network, req.body, req.user);
      return reply
        .code(201)
        .header('location', `/api/v1/chapters/${row.slug}`)
        .send(presentChapter(row, [], 0));
    },
  });

  app.get('/api/v1/chapters/:slug', {
    schema: {
      tags,
      summary: 'A chapter, with its host venues',
      params: SlugParamsSchema,
      response: { 200: ChapterSchema },
    },
    handler: async (req) => {
      const row = await chapters.findChapter(db, req.network, req.params.slug);
      const hosts = await chapters.hostVenues(db, req.network, [row.id]);
      const interest = (await chapterPolicy.seeInterest(db, req.user, row))
        ? ((await chapters.interestCounts(db, req.network, [row.id])).get(row.id) ?? 0)
        : undefined;
      return presentChapter(row, hosts.get(row.id) ?? [], interest);
    },
  });

  app.patch('/api/v1/chapters/:slug', {
    schema: {
      tags,
      summary: 'Change a chapter (admins, its organisers)',
      security: bearer,
      params: SlugParamsSchema,
      body: ChapterUpdateSchema,
      response: { 200: ChapterSchema },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const current = await chapters.findChapter(db, req.network, req.params.slug);
      authorize(user, await chapterPolicy.edit(db, user, current), `edit the chapter ${current.name}`);
      if (req.body.status !== undefined || req.body.slug !== undefined) {
        authorize(user, chapterPolicy.changeStatusOrSlug(user), CHANGE_STATUS_OR_SLUG);
      }
      const row = await chapters.updateChapter(db, req.network, req.params.slug, req.body, req.user);
      const hosts = await chapters.hostVenues(db, req.network, [row.id]);
      return presentChapter(row, hosts.get(row.id) ?? []);
    },
  });

  app.delete('/api/v1/chapters/:slug', {
    schema: {
      tags,
      summary: 'Delete a chapter and its partnerships, organisers and sign-ups (admins)',
      description: "A chapter with expenses (its own or its events') is kept for the accounts: 409.",
      security: bearer,
      params: SlugParamsSchema,
      response: { 204: NoContentSchema },
    },
    config: { problems: [404, 409] },
    handler: async (req, reply) => {
      authorize(req.user, chapterPolicy.delete(req.user), 'delete chapters');
      await chapters.deleteChapter(db, req.network, req.params.slug, req.user);
      return reply.code(204).send(null);
    },
  });

  app.post('/api/v1/chapters/:slug/interest', {
    schema: {
      tags,
      summary: '"Tell me when it launches" for a planned chapter',
      description: 'Anyone may sign up. The same e-mail signing up again gets the existing sign-up back (200).',
      params: SlugParamsSchema,
      body: InterestCreateSchema,
      response: {
        201: z.object({ id: z.uuid(), chapter: z.string() }),
        200: z.object({ id: z.uuid(), chapter: z.string() }),
      },
    },
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    handler: async (req, reply) => {
      const { row, created } = await chapters.registerInterest(db, req.network, req.params.slug, req.body);
      return reply.code(created ? 201 : 200).send({ id: row.id, chapter: req.params.slug });
    },
  });

  app.get('/api/v1/chapters/:slug/interest', {
    schema: {
      tags,
      summary: 'Sign-ups for a planned chapter (admins, its organisers)',
      security: bearer,
      params: SlugParamsSchema,
      response: { 200: z.object({ count: z.number().int(), items: z.array(InterestSchema) }) },
    },
    handler: async (req) => {
      const chapter = await chapters.findChapter(db, req.network, req.params.slug);
      authorize(
        req.user,
        await chapterPolicy.seeInterest(db, req.user, chapter),
        `see who signed up for ${chapter.name}`,
      );
      const rows = await chapters.listInterest(db, req.network, chapter.id);
      return {
        count: rows.length,
        items: rows.map((r) => ({ id: r.id, name: r.name, email: r.email, createdAt: r.createdAt.toISOString() })),
      };
    },
  });

  app.get('/api/v1/chapters/:slug/organizers', {
    schema: {
      tags,
      summary: 'Organisers of a chapter (admins, its organisers)',
      security: bearer,
      params: SlugParamsSchema,
      response: { 200: z.object({ items: z.array(PersonSchema) }) },
    },
    handler: async (req) => {
      const chapter = await chapters.findChapter(db, req.network, req.params.slug);
      authorize(req.user, await chapterPolicy.edit(db, req.user, chapter), `see the organisers of ${chapter.name}`);
      return { items: await chapters.listOrganizers(db, req.network, chapter.id) };
    },
  });

  app.post('/api/v1/chapters/:slug/organizers', {
    schema: {
      tags,
      summary: 'Make an existing account an organiser of the chapter (admins)',
      security: bearer,
      params: SlugParamsSchema,
      body: AssignPersonSchema,
      response: { 201: PersonSchema, 200: PersonSchema },
    },
    handler: async (req, reply) => {
      authorize(req.user, chapterPolicy.manageOrganizers(req.user), 'appoint organisers');
      const { user, created } = await chapters.addOrganizer(db, req.network, req.params.slug, req.body.email, req.user);
      return reply.code(created ? 201 : 200).send({ id: user.id, name: user.name, email: user.email });
    },
  });

  app.delete('/api/v1/chapters/:slug/organizers/:userId', {
    schema: {
      tags,
      summary: 'Remove an organiser (admins)',
      security: bearer,
      params: SlugParamsSchema.extend({ userId: z.uuid() }),
      response: { 204: NoContentSchema },
    },
    handler: async (req, reply) => {
      authorize(req.user, chapterPolicy.manageOrganizers(req.user), 'remove organisers');
      await chapters.removeOrganizer(db, req.network, req.params.slug, req.params.userId, req.user);
      return reply.code(204).send(null);
    },
  });

  app.put('/api/v1/chapters/:slug/organizers/me/notifications', {
    schema: {
      tags,
      summary: 'How I, an organiser of the chapter, hear of new registrations',
      security: bearer,
      params: SlugParamsSchema,
      body: NotifySchema,
      response: { 200: NotifySchema },
    },
    handler: async (req) => {
      const user = requireUser(req);
      await chapters.setOrganizerNotify(db, req.network, req.params.slug, user.id, req.body.notify);
      return { notify: req.body.notify };
    },
  });
}
