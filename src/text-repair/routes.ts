import { z } from 'zod';
import type { Db } from '../db/connection.js';
import { authorizeArticleEdit, findArticle } from '../news/service.js';
import { bearer, type Api } from '../web/api.js';
import { decideRepair, scanArticle } from './review.js';
import { repairsOf } from './service.js';

const tags = ['news'];
const Params = z.object({ id: z.uuid({ message: 'must be an article id (UUID)' }) });
const RepairParams = Params.extend({ repairId: z.uuid({ message: 'must be a repair id (UUID)' }) });

export const RepairSchema = z.object({
  id: z.uuid(),
  field: z.string().describe('title, body or excerpt'),
  position: z.number().int().describe('Offset in the text as it was found'),
  kind: z.string().describe('mojibake, question-marks or replacement-char'),
  original: z.string().describe('The damaged text'),
  replacement: z.string().describe('The repaired (or proposed) text'),
  confidence: z.number().describe('0–1'),
  alternatives: z.array(z.string()),
  state: z.enum(['applied', 'queued', 'rejected', 'undone']),
});

export const RepairDecisionSchema = z.strictObject({
  action: z.enum(['apply', 'reject', 'undo'], { message: 'must be apply, reject or undo' }),
  choice: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe('For apply: the word to put in (default: the proposal)'),
  confirm: z
    .boolean()
    .optional()
    .describe('For apply: true to put in a word that shares little with the damaged one (refused with 409 otherwise)'),
});

export function repairRoutes(app: Api, db: Db): void {
  app.get('/api/v1/articles/:id/repairs', {
    schema: {
      tags,
      summary: 'Damaged words found in an article: applied, queued for review, rejected or undone',
      security: bearer,
      params: Params,
      response: { 200: z.object({ items: z.array(RepairSchema) }) },
    },
    handler: async (req) => {
      const article = await findArticle(db, req.network, req.params.id);
      await authorizeArticleEdit(db, req.user, article, 'see the repairs of this article');
      const rows = await repairsOf(db, req.network.id, article.id);
      return { items: rows.map(({ networkId: _n, articleId: _a, automatic: _m, createdAt: _c, ...r }) => r) };
    },
  });
  app.post('/api/v1/articles/:id/repairs/scan', {
    schema: {
      tags,
      summary: 'Detect and repair damaged text in an article now',
      security: bearer,
      params: Params,
      response: { 200: z.object({ found: z.number().int(), applied: z.number().int() }) },
    },
    handler: (req) => scanArticle(db, req.network, req.user, req.params.id),
  });
  app.post('/api/v1/articles/:id/repairs/:repairId', {
    schema: {
      tags,
      summary: 'Decide on one damaged word: apply (the proposal or a choice), reject, or undo an applied repair',
      security: bearer,
      params: RepairParams,
      body: RepairDecisionSchema,
      response: { 200: z.object({ state: z.string(), replacement: z.string() }) },
    },
    handler: (req) => decideRepair(db, req.network, req.user, req.params.id, req.params.repairId, req.body),
  });
}
