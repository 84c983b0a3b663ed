import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { bearer, type Api } from '../web/api.js';
import { AppError } from '../web/errors.js';
import { authorizeAuditLog } from './policy.js';
import { auditCsv, auditCursor, beforeOf, presentAudit } from './present.js';
import { AuditFilterSchema, AuditQuerySchema } from './schemas.js';
import { EXPORT_LIMIT, exportAudit, listAudit, nameSubjects } from './service.js';
import { apiLocale } from '../web/errors.js';
import { msg, translator } from '../web/i18n.js';

const EntrySchema = z.object({
  id: z.uuid(),
  at: z.string().describe('ISO 8601 instant'),
  actor: z.string().describe('E-mail of the admin who acted, "command line", or "deleted account (initials)"'),
  action: z.string().describe('What was done, e.g. `chapter.create` or `expense.pay` (see the `action` filter)'),
  subject: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export function auditRoutes(app: Api, db: Db, _config: Config): void {
  app.get('/api/v1/audit-log', {
    schema: {
      tags: ['audit'],
      summary: 'What admins and organisers did, newest first, filtered by actor, action, subject and days (admin)',
      security: bearer,
      querystring: AuditQuerySchema,
      response: { 200: z.object({ items: z.array(EntrySchema), nextCursor: z.string().nullable() }) },
    },
    handler: async (req) => {
      authorizeAuditLog(req.user);
      const before = beforeOf(req.query.cursor);
      if (req.query.cursor && !before)
        throw new AppError('validation', msg('error.badCursor'), [
          { field: 'cursor', message: msg('validation.badCursor') },
        ]);
      const { limit, cursor: _c, ...filter } = req.query;
      const rows = await listAudit(db, req.network.id, { limit: limit + 1, before, filter });
      return {
        items: rows.slice(0, req.query.limit).map(presentAudit),
        nextCursor: auditCursor(rows, req.query.limit),
      };
    },
  });

  app.post('/api/v1/audit-log/export', {
    schema: {
      tags: ['audit'],
      summary: 'The entries matching the filters as CSV, newest first; the export is itself recorded (admin)',
      description: `At most ${EXPORT_LIMIT} entries. The columns are named in the language of Accept-Language.`,
      security: bearer,
      body: AuditFilterSchema,
    },
    handler: async (req, reply) => {
      authorizeAuditLog(req.user);
      const rows = await exportAudit(db, req.network.id, req.user!, req.body);
      const locale = apiLocale(req);
      const names = await nameSubjects(db, req.network.id, rows, locale);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-log.csv"')
        .send(auditCsv(rows, translator(locale), names));
    },
  });
}
