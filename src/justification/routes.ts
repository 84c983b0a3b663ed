import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { blobStoreFor } from '../storage/service.js';
import { bearer, type Api } from '../web/api.js';
import { AppError } from '../web/errors.js';
import { IsoDateSchema } from '../web/schemas.js';
import { authorizePack, packFormats, sendPack } from './service.js';
import { msg } from '../web/i18n.js';

const PackQuerySchema = z.object({
  format: z
    .enum(packFormats)
    .default('json')
    .describe('xlsx, pdf, csv, json, or zip (the receipts with the three tables)'),
  from: IsoDateSchema.optional().describe("First day; the grant's period start by default"),
  to: IsoDateSchema.optional().describe("Last day, included; the grant's period end by default"),
  lang: z.enum(['fr', 'nl', 'en']).optional().describe("Language of the pack; the caller's by default"),
});

/** The funder's justification pack of a grant: `GET /api/v1/grants/{id}/pack`, and the same file for signed-in treasurers. */
export function packRoutes(app: Api, pages: FastifyInstance, db: Db, config: Config): void {
  const store = blobStoreFor(config);
  app.get('/api/v1/grants/:id/pack', {
    schema: {
      tags: ['money'],
      summary: "A grant's justification pack (admins, network treasurers, the grant's chapter treasurers)",
      description:
        'Recap per eligible category, expenses with their receipts (SHA-256), activity, budget vs actual, co-financing reached and the definitions of every figure. `format=json` carries `totalEligibleCents`, `chargedCents` and `claimableCents` (integer cents). The totals of the XLSX, PDF and CSV forms are the same to the cent.',
      security: bearer,
      params: z.object({ id: z.uuid() }),
      querystring: PackQuerySchema,
    },
    handler: async (req, reply) => {
      await authorizePack(db, req.network, req.user, req.params.id);
      if (req.query.from && req.query.to && req.query.from > req.query.to)
        throw new AppError('validation', msg('pack.problem.fromAfterTo'), [
          { field: 'to', message: msg('pack.problem.fromAfterToField') },
        ]);
      return sendPack(db, store, req.network, reply, req.params.id, {
        ...req.query,
        locale: req.query.lang ?? req.locale,
      });
    },
  });

  pages.get<{ Params: { id: string; format: string }; Querystring: Record<string, string> }>(
    '/admin/grants/:id/pack.:format',
    async (req, reply) => {
      const format = packFormats.find((f) => f === req.params.format);
      if (!format || !/^[0-9a-f-]{36}$/i.test(req.params.id))
        throw new AppError('not_found', msg('pack.problem.noPack'));
      await authorizePack(db, req.network, req.user, req.params.id);
      const day = (s: string | undefined) => (IsoDateSchema.safeParse(s).success ? s : undefined);
      return sendPack(db, store, req.network, reply, req.params.id, {
        format,
        from: day(req.query.from),
        to: day(req.query.to),
        locale: req.locale,
      });
    },
  );
}
