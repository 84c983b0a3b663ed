import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { bearer, type Api } from '../web/api.js';
import { AppError } from '../web/errors.js';
import { PageQuerySchema } from '../web/pagination.js';
import { authorizeAuditLog } from './policy.js';
import { auditCursor, beforeOf, presentAudit } from './present.js';
import { listAudit } from './service.js';
import { msg } from '../web/i18n.js';

const EntrySchema = z.object({
  id: z.uuid(),
  at: z.string().describe('ISO 8601 instant'),
  actor: z.string().describe('E-mail of the admin who acted, "command line", or "deleted account (initials)"'),
  action: z.string().describe('member.export, member.delete, member.self_delete, members.import'),
  subject: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export function auditRoutes(app: Api, db: Db, _config: Config): void {
  app.get('/api/v1/audit-log', {
    schema: {
      tags: ['audit'],
      summary: "What admins did to members' data, newest first (admin)",
      security: bearer,
      querystring: PageQuerySchema,
      response: { 200: z.object({ items: z.array(EntrySchema), nextCursor: z.string().nullable() }) },
    },
    handler: async (req) => {
      authorizeAuditLog(req.user);
      const before = beforeOf(req.query.cursor);
      if (req.query.cursor && !before)
        throw new AppError('validation', msg('error.badCursor'), [
          { field: 'cursor', message: msg('validation.badCursor') },
        ]);
      const rows = await listAudit(db, req.network.id, { limit: req.query.limit + 1, before });
      return {
        items: rows.slice(0, req.query.limit).map(presentAudit),
        nextCursor: auditCursor(rows, req.query.limit),
      };
    },
  });
}
