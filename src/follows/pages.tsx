import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connection.js';
import { authorize } from '../web/policy.js';
import { followChapter, unfollowChapter } from './service.js';

type Params = { Params: { slug: string } };

/** The Follow / Unfollow buttons of a chapter page (form.tsx). */
export function followPages(app: FastifyInstance, db: Db): void {
  const csrf = { preHandler: app.csrfProtection };

  app.post<Params>('/chapters/:slug/follow', csrf, async (req, reply) => {
    authorize(req.user, true, 'follow a chapter');
    const chapter = await followChapter(db, req.network, req.user.id, req.params.slug);
    return reply.redirect(`/chapters/${chapter.slug}`, 303);
  });

  app.post<Params>('/chapters/:slug/unfollow', csrf, async (req, reply) => {
    authorize(req.user, true, 'stop following a chapter');
    await unfollowChapter(db, req.network, req.user.id, req.params.slug);
    return reply.redirect(`/chapters/${encodeURIComponent(req.params.slug)}`, 303);
  });
}
