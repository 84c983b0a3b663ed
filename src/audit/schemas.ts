import { z } from 'zod';
import { PageQuerySchema } from '../web/pagination.js';
import { IsoDateSchema } from '../web/schemas.js';
import { knownActions } from './actions.js';

const filters = {
  actor: z.string().trim().max(200).optional().describe('Part of the e-mail of who acted (case ignored)'),
  action: z.enum(knownActions).optional().describe('One action, e.g. `expense.pay`'),
  subject: z.string().trim().max(200).optional().describe('Part of what was acted on (case ignored)'),
  from: IsoDateSchema.optional().describe('First day, in Brussels time (YYYY-MM-DD, inclusive)'),
  to: IsoDateSchema.optional().describe('Last day, in Brussels time (YYYY-MM-DD, inclusive)'),
};
const inOrder = (f: { from?: string; to?: string }) => !f.from || !f.to || f.from <= f.to;
const order = { path: ['to'], message: 'audit.validation.toBeforeFrom' };

/** Which entries to show or export: every filter given must match. */
export const AuditFilterSchema = z.object(filters).refine(inOrder, order);
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AuditQuerySchema = PageQuerySchema.extend(filters).refine(inOrder, order);
