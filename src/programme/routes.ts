import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { findEvent } from '../events/service.js';
import { bearer, type Api } from '../web/api.js';
import { SessionCreateSchema, SessionSchema, SessionUpdateSchema } from './schemas.js';
import * as programme from './service.js';

const tags = ['programme'];
const Id = z.object({ id: z.uuid({ message: 'must be an id (UUID)' }) });

/** An event's programme: public to read, changed by the event's organisers. */
export function programmeRoutes(app: Api, db: Db, config: Pick<Config, 'baseUrl'>): void {
  const present = (e: programme.ProgrammeEntry) => ({
    ...e,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    speakers: e.speakers.map((s) => ({ name: s.name, slug: s.slug, url: `${config.baseUrl}/speakers/${s.slug}` })),
    ics: `${config.baseUrl}/sessions/${e.id}.ics`,
  });
  const one = async (network: Parameters<typeof programme.programmeOf>[1], eventId: string, id: string) =>
    present((await programme.programmeOf(db, network, eventId)).find((e) => e.id === id)!);

  app.get('/api/v1/events/:id/sessions', {
    schema: {
      tags,
      summary: 'The programme of an event',
      params: Id,
      response: { 200: z.object({ items: z.array(SessionSchema) }) },
    },
    handler: async (req) => {
      const event = await findEvent(db, req.network, req.params.id);
      return { items: (await programme.programmeOf(db, req.network, event.id)).map(present) };
    },
  });

  app.post('/api/v1/events/:id/sessions', {
    schema: {
      tags,
      summary: 'Add a session by hand (the event’s organisers)',
      description:
        'Within the event’s time, in a room of its venue; 409 naming the other session when the room is booked.',
      security: bearer,
      params: Id,
      body: SessionCreateSchema,
      response: { 201: SessionSchema },
    },
    handler: async (req, reply) => {
      const s = await programme.addSession(db, req.network, req.user, req.params.id, req.body);
      return reply.code(201).send(await one(req.network, s.eventId, s.id));
    },
  });

  app.patch('/api/v1/sessions/:id', {
    schema: {
      tags,
      summary: 'Move a session or change its room (the event’s organisers)',
      security: bearer,
      params: Id,
      body: SessionUpdateSchema,
      response: { 200: SessionSchema },
    },
    handler: async (req) => {
      const s = await programme.updateSession(db, req.network, req.user, req.params.id, req.body);
      return one(req.network, s.eventId, s.id);
    },
  });
}
