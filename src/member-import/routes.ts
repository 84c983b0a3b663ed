import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { bearer, type Api } from '../web/api.js';
import { authorize, isAdmin } from '../web/policy.js';
import { refuse } from './refusal.js';
import { ImportBodySchema, ImportQuerySchema, ImportReportSchema } from './schemas.js';
import { importMembers, MAX_BYTES, presentReport } from './service.js';

const description = `The body is the CSV file itself (Content-Type: text/csv), at most ${MAX_BYTES / 1024 / 1024} MB and 100,000 rows; UTF-8 or Windows-1252, comma or semicolon separated. Columns are recognised by their header in French, Dutch or English; \`map\` names the others. Rows are refused one by one with their line number and reason; addresses that already have an account are counted as known and left untouched. A file refused as a whole (binary, too large, no e-mail column) answers 400 or 413.`;

/** The file, read by this route alone, up to the import limit (the API's 256 KiB default does not apply). */
async function readCsvBody(req: FastifyRequest, payload: NodeJS.ReadableStream): Promise<Buffer> {
  const tooBig = () => refuse('size', { maxMb: String(MAX_BYTES / 1024 / 1024) });
  if (Number(req.headers['content-length'] ?? 0) > MAX_BYTES) tooBig();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    size += (chunk as Buffer).length;
    if (size > MAX_BYTES) tooBig();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Admins only: POST a CSV of members, get the report back. */
export function importRoutes(api: Api, db: Db, config: Config): void {
  void api.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { bodyLimit: MAX_BYTES + 1 }, readCsvBody);
    scope.withTypeProvider<ZodTypeProvider>().post('/api/v1/members/import', {
      bodyLimit: MAX_BYTES + 1,
      // The JSON-only check of the API lets this one route take CSV.
      config: { bodyTypes: ['text/csv'] },
      // Before the body is read: a visitor's or member's upload is refused unread.
      onRequest: async (req) => authorize(req.user, isAdmin(req.user), 'import members'),
      schema: {
        tags: ['members'],
        summary: 'Import members from a CSV file (dry run first with ?dryRun=true)',
        description,
        security: bearer,
        consumes: ['text/csv'],
        body: ImportBodySchema,
        querystring: ImportQuerySchema,
        response: { 200: ImportReportSchema },
      },
      handler: async (req) => {
        const user = req.user!;
        const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const result = await importMembers(db, req.network, bytes, {
          dryRun: req.query.dryRun === 'true',
          welcome: req.query.welcome === 'true',
          map: req.query.map,
          fileName: req.query.fileName ?? 'upload.csv',
          actor: { id: user.id, email: user.email },
          baseUrl: config.baseUrl,
        });
        return presentReport(result);
      },
    });
  });
}
