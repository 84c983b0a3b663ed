import { z } from 'zod';
import { CentsSchema } from '../budgets/schemas.js';
import { IsoDateSchema, paragraphs, requiredText, SlugSchema } from '../web/schemas.js';

export const expenseStatuses = ['draft', 'submitted', 'incomplete', 'approved', 'paid', 'rejected'] as const;

const EventShare = z.strictObject({
  eventId: z.uuid(),
  amountCents: CentsSchema.optional().describe('Share of this event; omit on every share to split equally'),
});
const GrantShare = z.strictObject({ grantId: z.uuid(), amountCents: CentsSchema });

const fields = {
  chapter: SlugSchema.optional().describe("Chapter that spent it; the network's own expense when omitted"),
  incurredOn: IsoDateSchema.describe('Date of the purchase or invoice'),
  paidOn: IsoDateSchema.optional().describe('Date it was paid'),
  supplierName: requiredText(200, 'Supplier'),
  supplierVat: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}[0-9A-Z .]{2,14}$/, 'must be a VAT number such as BE0123456789')
    .optional()
    .describe('Supplier VAT number, if any'),
  amountCents: CentsSchema.refine((n) => n !== 0, 'validation.notZero').describe(
    'Amount paid, VAT included, in cents; negative for a refund or a credit note',
  ),
  vatRate: z.union([z.literal(21), z.literal(12), z.literal(6), z.literal(0)]).describe('VAT rate in per cent'),
  category: z.string().max(40).describe("Code of a category of the network's set (GET /api/v1/category-sets)"),
  description: paragraphs(2000, 'What it was for').default(''),
  paidBy: z
    .enum(['network', 'organiser'])
    .default('network')
    .describe('Who paid: the network, or an organiser to reimburse'),
  reimburseTo: z.uuid().optional().describe('Account to reimburse (paidBy organiser); the submitter when omitted'),
  volunteer: z.uuid().optional().describe('For a volunteer allowance: the volunteer (an account)'),
  events: z.array(EventShare).max(50).default([]).describe('Events it was spent for, with their shares'),
  grants: z.array(GrantShare).max(10).default([]).describe('Grants it is charged to, with their shares'),
};

export const ExpenseCreateSchema = z.strictObject(fields);
export type ExpenseCreate = z.infer<typeof ExpenseCreateSchema>;
export const ExpenseUpdateSchema = z.strictObject({
  incurredOn: fields.incurredOn.optional(),
  paidOn: fields.paidOn,
  supplierName: fields.supplierName.optional(),
  supplierVat: fields.supplierVat,
  amountCents: fields.amountCents.optional(),
  vatRate: fields.vatRate.optional(),
  category: fields.category.optional(),
  description: paragraphs(2000, 'What it was for').optional(),
  events: z.array(EventShare).max(50).optional(),
  grants: z.array(GrantShare).max(10).optional(),
});
export type ExpenseUpdate = z.infer<typeof ExpenseUpdateSchema>;

export const ExpenseListQuerySchema = z.object({
  status: z.enum(expenseStatuses).optional(),
  chapter: z.string().max(80).optional().describe('A chapter slug, or "network"'),
  event: z.uuid().optional(),
  grant: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('Year incurred'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(100).optional(),
});

export const RejectSchema = z.strictObject({
  reason: requiredText(1000, 'Why (shown to the submitter)'),
  outcome: z
    .enum(['rejected', 'incomplete'])
    .default('rejected')
    .describe('"incomplete" sends it back to the submitter to complete; "rejected" closes it'),
});
export const PaySchema = z.strictObject({ paidOn: IsoDateSchema.optional() });

export const WarningSchema = z.object({
  code: z.string().describe('What the warning is about, e.g. volunteer.daily_ceiling'),
  key: z.string().optional().describe('The catalogue key of `message`'),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .optional()
    .describe('The parameters of `message`'),
  message: z.string().describe('The warning in the language of the request (Accept-Language)'),
});
export const ExpenseSchema = z.object({
  id: z.uuid(),
  status: z.enum(expenseStatuses),
  chapter: z.string().nullable(),
  incurredOn: z.string(),
  paidOn: z.string().nullable(),
  supplierName: z.string(),
  supplierVat: z.string().nullable(),
  amountCents: z.number().int(),
  vatRate: z.number().int(),
  vatCents: z.number().int().describe('VAT included in the amount, rounded half away from zero to the cent'),
  category: z.string(),
  description: z.string(),
  paidBy: z.enum(['network', 'organiser']),
  reimburseTo: z.uuid().nullable(),
  payeeErased: z.boolean().describe('The person reimbursed (or paid the allowance) has erased their account'),
  volunteer: z.uuid().nullable(),
  submittedBy: z.uuid().nullable(),
  approvedBy: z.uuid().nullable(),
  statusReason: z.string().nullable(),
  events: z.array(z.object({ eventId: z.uuid(), amountCents: z.number().int() })),
  grants: z.array(z.object({ grantId: z.uuid(), amountCents: z.number().int() })),
  receipts: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      contentType: z.string(),
      byteSize: z.number().int(),
      sha256: z.string(),
    }),
  ),
  warnings: z.array(WarningSchema),
});
