import { z } from 'zod';

export const ReportKindSchema = z.enum(['error', 'information', 'illegal'], {
  message: 'must be error, information or illegal',
});

/** Long enough for a paragraph, short enough that the queue stays readable. */
export const ReportCreateSchema = z
  .strictObject({
    kind: ReportKindSchema.describe('An error, more information, or illegal content (EU DSA Art. 16 notice)'),
    quote: z.string().trim().max(1000, 'must be at most 1000 characters').default('').describe('The passage concerned'),
    message: z.string().trim().min(5, 'must be at least 5 characters').max(4000, 'must be at most 4000 characters'),
    name: z.string().trim().max(120).optional().describe('Required for an illegal-content notice'),
    email: z
      .email({ message: 'must be an e-mail address' })
      .max(200)
      .optional()
      .or(z.literal(''))
      .describe('To hear the outcome'),
    goodFaith: z
      .boolean()
      .default(false)
      .describe('Illegal content: "I believe in good faith that this notice is accurate and complete"'),
    revision: z.number().int().min(1).optional().describe('The revision the reader saw'),
    website: z.string().max(200).optional().describe('Leave empty (a field for robots)'),
  })
  .superRefine((r, ctx) => {
    if (r.kind !== 'illegal') return;
    if (!r.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'report.validation.noticeNeeds' });
    if (!r.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'report.validation.noticeNeeds' });
    if (!r.goodFaith) ctx.addIssue({ code: 'custom', path: ['goodFaith'], message: 'report.validation.noticeConfirm' });
  });
export type ReportCreate = z.infer<typeof ReportCreateSchema>;

export const ReportDecisionSchema = z.strictObject({
  status: z.enum(['accepted', 'declined', 'duplicate'], { message: 'must be accepted, declined or duplicate' }),
  correction: z.string().trim().max(2000).optional().describe('For accepted: the public correction note'),
  reason: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .describe(
      'For declined: why, sent to the reporter; required to decline a notice of illegal content (the statement of reasons of DSA Art. 17)',
    ),
});
export type ReportDecision = z.infer<typeof ReportDecisionSchema>;

export const ReportSchema = z.object({
  id: z.uuid(),
  article: z
    .object({ id: z.uuid(), slug: z.string(), title: z.string() })
    .nullable()
    .describe('For a report on an article'),
  event: z.object({ id: z.uuid(), title: z.string() }).nullable().describe('For a report on an event page'),
  revision: z.number().int().nullable().describe('The article revision the reader saw (null for an event)'),
  kind: ReportKindSchema,
  quote: z.string(),
  message: z.string(),
  url: z.string(),
  name: z.string().nullable(),
  hasEmail: z.boolean(),
  status: z.enum(['new', 'accepted', 'declined', 'duplicate', 'stale']),
  correction: z.string().nullable(),
  reason: z.string().nullable().describe('For a declined report: the reasons sent to the reporter'),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z
    .object({
      id: z.uuid().nullable().describe('Null once the account is erased (a former editor)'),
      name: z.string().nullable().describe('As written when they decided; null once the account is erased'),
    })
    .nullable()
    .describe('Who decided: null while open, and for decisions taken before they were signed'),
});
export type Report = z.infer<typeof ReportSchema>;
