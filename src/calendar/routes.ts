import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { bearer, NoContentSchema, type Api } from '../web/api.js';
import { requireUser } from '../web/context.js';
import { CalendarTokenSchema } from './schemas.js';
import * as calendar from './service.js';

const tags = ['calendar'];

/** The personal calendar address: created on demand, shown once, revoked all at once. */
export function calendarRoutes(app: Api, db: Db, config: Config): void {
  app.post('/api/v1/me/calendar-token', {
    schema: {
      tags,
      summary: 'Create a secret address for a calendar feed of my registrations',
      security: bearer,
      response: { 201: CalendarTokenSchema },
    },
    handler: async (req, reply) => {
      const url = await calendar.createCalendarToken(db, req.network, requireUser(req), config.baseUrl);
      return reply.code(201).header('cache-control', 'no-store').send({ url });
    },
  });

  app.delete('/api/v1/me/calendar-token', {
    schema: {
      tags,
      summary: 'Revoke every secret calendar address of mine',
      security: bearer,
      response: { 204: NoContentSchema },
    },
    handler: async (req, reply) => {
      await calendar.revokeCalendarTokens(db, req.network, requireUser(req));
      return reply.code(204).send(null);
    },
  });
}
