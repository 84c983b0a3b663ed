import { z } from 'zod';
import { IsoDateSchema, requiredText, SlugSchema, text } from '../web/schemas.js';

export const CentsSchema = z
  .number()
  .int('must be a whole number of cents')
  .min(-100_000_000_000)
  .max(100_000_000_000)
  .describe('Amount in integer euro cents (1234 = 12.34 EUR)');
const PositiveCents = CentsSchema.min(0, 'must not be negative');
const CategoryCode = z
  .string()
  .regex(/^[a-z0-9_-]{1,40}$/, 'must be a category code such as "rent"')
  .describe('Category code');

export const CategorySchema = z.strictObject({
  code: CategoryCode,
  fr: requiredText(200, 'Name in French'),
  nl: requiredText(200, 'Name in Dutch'),
  en: requiredText(200, 'Name in English'),
});
export const CategorySetInputSchema = z.strictObject({
  name: requiredText(120, 'Name of the set, usually the funder'),
  categories: z
    .array(CategorySchema)
    .min(1)
    .max(50)
    .refine((cs) => new Set(cs.map((c) => c.code)).size === cs.length, 'validation.repeated'),
});
export const CategorySetSchema = CategorySetInputSchema.extend({ id: z.uuid(), isDefault: z.boolean() });

/** 50 or 12.5 (per cent, at most two decimals), kept as basis points so it is exact. */
const RatePercent = z
  .number()
  .gt(0, 'must be above 0')
  .max(100, 'must be at most 100')
  .refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-9, 'validation.twoDecimals')
  .describe('Co-financing rate in per cent of eligible costs, e.g. 50');

export const GrantCreateSchema = z
  .strictObject({
    funder: requiredText(200, 'Who funds, e.g. "Brussels-Capital Region"'),
    publicFunder: z.boolean().default(true).describe('A public body (counts towards the public-funding share)'),
    decisionRef: text(200, 'Reference of the funding decision').default(''),
    chapter: SlugSchema.optional().describe('Chapter the grant is for; the whole network when omitted'),
    amountGrantedCents: PositiveCents,
    ratePercent: RatePercent,
    eligibleCategories: z.array(CategoryCode).min(1).max(50).describe('Codes of the categories the grant funds'),
    periodStart: IsoDateSchema,
    periodEnd: IsoDateSchema,
    justificationDeadline: IsoDateSchema.optional(),
  })
  .refine((g) => g.periodEnd >= g.periodStart, { path: ['periodEnd'], message: 'budgets.validation.periodEnd' });
export type GrantCreate = z.infer<typeof GrantCreateSchema>;

export const GrantSchema = z.object({
  id: z.uuid(),
  funder: z.string(),
  publicFunder: z.boolean(),
  decisionRef: z.string(),
  chapter: z.string().nullable(),
  amountGrantedCents: z.number().int(),
  ratePercent: z.number(),
  eligibleCategories: z.array(z.string()),
  periodStart: z.string(),
  periodEnd: z.string(),
  justificationDeadline: z.string().nullable(),
});

export const BudgetLineInputSchema = z
  .strictObject({
    kind: z
      .enum(['grant', 'sponsorship', 'own_funds', 'expense'])
      .describe('Income (grant, sponsorship, own funds) or a planned expense'),
    grantId: z.uuid().optional().describe('The grant (kind "grant")'),
    category: CategoryCode.optional().describe('Category of a planned expense (kind "expense")'),
    label: text(200, 'What it is').default(''),
    amountCents: PositiveCents,
  })
  .refine((l) => l.kind !== 'grant' || l.grantId, { path: ['grantId'], message: 'budgets.validation.grantLine' })
  .refine((l) => l.kind !== 'expense' || l.category, {
    path: ['category'],
    message: 'budgets.validation.expenseLine',
  });

export const BudgetInputSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  chapter: SlugSchema.optional().describe("Chapter of the budget; the network's when omitted"),
  lines: z.array(BudgetLineInputSchema).max(200),
});
export type BudgetInput = z.infer<typeof BudgetInputSchema>;

export const BudgetSchema = z.object({
  id: z.uuid(),
  year: z.number().int(),
  chapter: z.string().nullable(),
  incomeCents: z.number().int(),
  plannedExpenseCents: z.number().int(),
  lines: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      grantId: z.uuid().nullable(),
      category: z.string().nullable(),
      label: z.string(),
      amountCents: z.number().int(),
    }),
  ),
});
export const BudgetQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  chapter: z.string().max(80).optional(),
});

export const TreasurerInputSchema = z.strictObject({
  email: z.email().describe('An existing account'),
  chapter: SlugSchema.optional().describe('Treasurer of this chapter only; of the whole network when omitted'),
});
export const TreasurerSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  chapter: z.string().nullable(),
});

export const BudgetActualQuerySchema = z.object({
  at: IsoDateSchema.optional().describe('The date (YYYY-MM-DD) of the figures; today in Brussels when omitted'),
  chapter: SlugSchema.optional().describe('One chapter; the whole network when omitted'),
});
const Figure = {
  plannedCents: z.number().int(),
  actualCents: z.number().int(),
  pendingCents: z.number().int(),
  remainingCents: z.number().int().describe('planned − actual'),
};
export const BudgetActualSchema = z.object({
  at: z.string(),
  year: z.number().int(),
  chapter: z.string().nullable(),
  definition: z.string().describe('How these figures are counted, in the reader’s language'),
  total: z.object(Figure),
  byCategory: z.array(z.object({ category: z.string(), ...Figure })),
  byChapter: z.array(z.object({ chapter: z.string().nullable(), name: z.string().nullable(), ...Figure })),
  byEvent: z.array(
    z.object({
      eventId: z.uuid(),
      title: z.string(),
      startsAt: z.string(),
      chapter: z.string().nullable(),
      actualCents: z.number().int(),
    }),
  ),
  byGrant: z.array(
    z.object({
      grantId: z.uuid(),
      funder: z.string(),
      decisionRef: z.string(),
      grantedCents: z.number().int(),
      chargedCents: z.number().int(),
      remainingCents: z.number().int(),
    }),
  ),
});
