import { z } from 'zod';
import { paragraphs, requiredText } from '../web/schemas.js';

const Key = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower-case letters, digits and underscores, starting with a letter');

export const LocalisedTextSchema = z
  .strictObject({ fr: requiredText(300), nl: requiredText(300), en: requiredText(300) })
  .describe('The same text in French, Dutch and English');
export type LocalisedText = z.infer<typeof LocalisedTextSchema>;
const LongLocalised = z
  .strictObject({ fr: paragraphs(20_000), nl: paragraphs(20_000), en: paragraphs(20_000) })
  .describe('Markdown-free plain text in French, Dutch and English');

export const EligibilityQuestionSchema = z.strictObject({
  key: Key,
  label: LocalisedTextSchema,
  hardGate: z.boolean().default(true).describe('A "no" makes the submission ineligible: it cannot be submitted'),
});

export const FieldKindSchema = z.enum(['short_text', 'long_text', 'choice', 'number', 'amount', 'links', 'file']);
export const FormFieldSchema = z.strictObject({
  key: Key,
  kind: FieldKindSchema,
  label: LocalisedTextSchema,
  required: z.boolean().default(false),
  maxLength: z.number().int().min(1).max(50_000).optional().describe('Texts: at most this many characters'),
  options: z
    .array(z.strictObject({ value: Key, label: LocalisedTextSchema }))
    .max(50)
    .optional(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
  requestedAmount: z
    .boolean()
    .optional()
    .describe('Amount fields: the amount requested, used for selection under a budget without tiers'),
});
export type FormField = z.infer<typeof FormFieldSchema>;

export const CriterionSchema = z.strictObject({
  key: Key,
  label: LocalisedTextSchema,
  weight: z.number().min(0).max(100).default(1),
  scale: z
    .array(z.strictObject({ value: z.number().int().min(-100).max(100), label: LocalisedTextSchema }))
    .min(2)
    .max(11)
    .describe('The values a juror may give, each with its label (e.g. 1 "weak" … 5 "excellent")'),
  independent: z
    .boolean()
    .default(false)
    .describe('Scored and shown apart, never counted in the weighted total (e.g. "fits the network")'),
});
export type Criterion = z.infer<typeof CriterionSchema>;

export const TieBreakSchema = z
  .enum(['criterion', 'earliest_submission', 'normalised'])
  .describe(
    'Order of equal totals: a higher mean on `tieBreakCriterion`, the earlier submission, or the higher normalised score; the submission id decides any remaining tie',
  );

export const CallRulesSchema = z.strictObject({
  eligibility: z.array(EligibilityQuestionSchema).max(20).default([]),
  fields: z.array(FormFieldSchema).max(40).default([]),
  criteria: z.array(CriterionSchema).min(1).max(20),
  places: z.number().int().min(1).max(10_000).nullable().default(null),
  budgetCents: z.number().int().min(1).nullable().default(null).describe('Total budget in euro cents'),
  tiers: z
    .array(z.strictObject({ count: z.number().int().min(1), amountCents: z.number().int().min(1) }))
    .max(10)
    .default([])
    .describe('Awards in rank order, e.g. 4 × 10,000,000 then 4 × 5,000,000 cents'),
  tieBreak: TieBreakSchema.default('earliest_submission'),
  tieBreakCriterion: Key.optional(),
  rankBy: z.enum(['raw', 'normalised']).default('raw').describe('Which score orders the ranking'),
  reviewsPerSubmission: z.number().int().min(1).max(20).default(3),
  conflictPolicy: LongLocalised.default({ fr: '', nl: '', en: '' }),
  softConflictsMayReview: z.boolean().default(true),
  appealDays: z.number().int().min(0).max(90).default(14),
  maxFileBytes: z
    .number()
    .int()
    .min(1024)
    .max(20 * 1_048_576)
    .default(10 * 1_048_576),
});
export type CallRules = z.infer<typeof CallRulesSchema>;

export const StageInputSchema = z.strictObject({
  name: requiredText(120),
  blind: z.boolean().default(false),
});

const Instant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 instant, e.g. 2027-01-15T12:00:00+01:00',
});

export const CallCreateSchema = z
  .strictObject({
    kind: z.enum(['projects', 'talks']),
    chapter: z.string().max(80).optional().describe('Slug of the owning chapter (none: the network)'),
    eventId: z.uuid().optional().describe('For talks: the event whose programme accepted talks join'),
    slug: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      .max(80)
      .optional(),
    title: LocalisedTextSchema,
    description: LongLocalised.default({ fr: '', nl: '', en: '' }),
    opensAt: Instant,
    closesAt: Instant,
    rules: CallRulesSchema,
    stages: z
      .array(StageInputSchema)
      .min(1)
      .max(5)
      .default([{ name: 'Selection', blind: false }]),
  })
  .refine((c) => new Date(c.closesAt) > new Date(c.opensAt), {
    path: ['closesAt'],
    message: 'calls.validation.closesAfterOpens',
  });
export type CallCreate = z.infer<typeof CallCreateSchema>;

export const CallUpdateSchema = z.strictObject({
  title: LocalisedTextSchema.optional(),
  description: LongLocalised.optional(),
  opensAt: Instant.optional(),
  closesAt: Instant.optional(),
  rules: CallRulesSchema.optional(),
  newVersion: z
    .strictObject({ reason: requiredText(1000, 'What changed and why, told to applicants and jurors') })
    .optional()
    .describe('Required once the call is open: the edit becomes a new, logged version'),
});
export type CallUpdate = z.infer<typeof CallUpdateSchema>;

export const CallSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['projects', 'talks']),
  slug: z.string(),
  chapter: z.string().nullable(),
  eventId: z.uuid().nullable(),
  title: LocalisedTextSchema,
  description: LongLocalised,
  opensAt: z.string(),
  closesAt: z.string(),
  state: z.enum(['upcoming', 'open', 'closed']),
  version: z.number().int(),
  rules: CallRulesSchema,
  stages: z.array(
    z.object({ id: z.uuid(), position: z.number().int(), name: z.string(), blind: z.boolean(), closed: z.boolean() }),
  ),
  url: z.string(),
});
export const IdParams = z.object({ id: z.uuid({ message: 'must be an id (UUID)' }) });
