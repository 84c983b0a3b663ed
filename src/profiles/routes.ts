import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { bearer, type Api } from '../web/api.js';
import { requireUser } from '../web/context.js';
import { offsetCursor, offsetFromCursor, PageQuerySchema } from '../web/pagination.js';
import * as members from './me.js';
import { AttendanceItemSchema, AttendanceSummarySchema, ProfileSchema } from './me-schemas.js';
import { presentAttendance } from './present.js';
import { ProfileUpdateSchema } from './schemas.js';

const tags = ['members'];

/** My profile and my attendance history. */
export function profileRoutes(app: Api, db: Db): void {
  app.get('/api/v1/me/profile', {
    schema: {
      tags,
      summary: 'My profile, with the chapters I follow',
      security: bearer,
      response: { 200: ProfileSchema },
    },
    handler: async (req) => members.myProfile(db, req.network, requireUser(req)),
  });

  app.patch('/api/v1/me/profile', {
    schema: {
      tags,
      summary: 'Change my profile (absent fields are unchanged)',
      description:
        'The region of residence is deduced from the city when the city is a known Belgian town and `residenceRegion` is not given.',
      security: bearer,
      body: ProfileUpdateSchema,
      response: { 200: ProfileSchema },
    },
    handler: async (req) => members.updateMyProfile(db, req.network, requireUser(req), req.body),
  });

  app.get('/api/v1/me/registrations', {
    schema: {
      tags,
      summary: 'My attendance history: events registered, attended, no-shows (newest first)',
      security: bearer,
      querystring: PageQuerySchema,
      response: {
        200: z.object({
          summary: AttendanceSummarySchema,
          items: z.array(AttendanceItemSchema),
          nextCursor: z.string().nullable(),
        }),
      },
    },
    handler: async (req) => {
      const user = requireUser(req);
      const offset = offsetFromCursor(req.query.cursor);
      const rows = await members.myAttendance(db, user, { limit: req.query.limit + 1, offset });
      const items = rows.slice(0, req.query.limit);
      return {
        summary: await members.myAttendanceSummary(db, user),
        items: items.map(presentAttendance),
        nextCursor: rows.length > req.query.limit ? offsetCursor(offset + items.length) : null,
      };
    },
  });
}
