import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { eventPolicy } from '../events/policy.js';
import { findEvent } from '../events/service.js';
import type { Api } from '../web/api.js';
import { notFound } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import { WhoIsGoingSchema, whoIsGoing } from './going.js';

const IdParams = z.object({ id: z.uuid({ message: 'validation.uuid' }) });

/** GET /api/v1/events/:id/going: the members going who chose to be shown. */
export function goingRoutes(app: Api, db: Db): void {
  app.get('/api/v1/events/:id/going', {
    schema: {
      tags: ['registrations'],
      summary: 'Who is going: the members registered and confirmed who chose to show their name',
      description:
        'Members appear only when their profile says so (`attendanceVisible`, off by default) and their address is confirmed; `confirmedCount` on the event counts everyone.',
      params: IdParams,
      response: { 200: WhoIsGoingSchema },
    },
    handler: async (req) => {
      const event = await findEvent(db, req.network, req.params.id);
      if (!(await eventPolicy.see(db, req.user, event)))
        throw notFound(msg('event.problem.theEvent', { id: event.id }));
      return whoIsGoing(db, event.id);
    },
  });
}
