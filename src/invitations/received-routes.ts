import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { bearer, type Api } from '../web/api.js';
import { requireUser } from '../web/context.js';
import { apiLocale } from '../web/errors.js';
import { offsetCursor, offsetFromCursor, PageQuerySchema } from '../web/pagination.js';
import { presentReceived, ReceivedInvitationSchema, receivedInvitations } from './received.js';

/** GET /api/v1/me/invitations: the invitations I received. */
export function receivedInvitationRoutes(app: Api, db: Db): void {
  app.get('/api/v1/me/invitations', {
    schema: {
      tags: ['invitations'],
      summary: 'The invitations I received, newest first, with what I did about each',
      security: bearer,
      querystring: PageQuerySchema,
      response: { 200: z.object({ items: z.array(ReceivedInvitationSchema), nextCursor: z.string().nullable() }) },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const offset = offsetFromCursor(req.query.cursor);
      const rows = await receivedInvitations(db, user, { limit: req.query.limit + 1, offset });
      const items = rows.slice(0, req.query.limit);
      const locale = apiLocale(req);
      return {
        items: items.map((r) => presentReceived(r, locale)),
        nextCursor: rows.length > req.query.limit ? offsetCursor(offset + items.length) : null,
      };
    },
  });
}
