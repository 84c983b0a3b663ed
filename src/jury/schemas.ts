import { z } from 'zod';
import { paragraphs, requiredText, text } from '../web/schemas.js';

const Lang = z.enum(['fr', 'nl', 'en']);

export const JurorInviteSchema = z.strictObject({
  email: z.email({ message: 'must be an e-mail address' }).max(254).toLowerCase(),
  name: requiredText(120),
  stage: z.number().int().min(1).max(5).default(1).describe('Position of the stage (1 = first)'),
  organisation: text(200, 'The juror’s organisation, checked against applicants').optional(),
  relations: z.array(text(200)).max(50).optional().describe('Names or e-mails of people the juror is related to'),
  languages: z.array(Lang).max(3).optional().describe('Languages the juror reads (none: all)'),
  locale: Lang.optional().describe(
    'Language of the juror’s mails when they have no profile language of their own (default: the language of this request, from Accept-Language)',
  ),
});
export type JurorInvite = z.infer<typeof JurorInviteSchema>;

export const JurorSchema = z.object({
  id: z.uuid(),
  stage: z.number().int(),
  name: z.string(),
  email: z.string(),
  former: z
    .boolean()
    .describe('A former juror: the account was erased; name and e-mail are blank, the submitted reviews still count'),
  languages: z.array(z.string()),
  rulesAccepted: z.boolean(),
  locale: z.enum(['fr', 'nl', 'en']).describe('Language of the juror’s mails'),
  invitation: z.enum(['pending', 'accepted', 'expired']),
  invitationExpiresAt: z.string().describe('When the invitation link stops working'),
});

export const AcceptSchema = z.strictObject({
  languages: z.array(Lang).min(1).max(3).describe('Languages you read'),
  acceptRules: z.literal(true, { message: 'must be true: you accept the call’s rules and conflict policy' }),
});

export const ConflictInputSchema = z.strictObject({
  submissionId: z.uuid(),
  level: z.enum(['none', 'soft', 'hard']),
  reason: paragraphs(1000).optional(),
  jurorId: z.uuid().optional().describe('Call managers: record a conflict for this juror'),
});
export const ConflictSchema = z.object({
  jurorId: z.uuid(),
  submissionId: z.uuid(),
  level: z.enum(['none', 'soft', 'hard']),
  source: z.enum(['declared', 'detected']),
});

const Pair = z.strictObject({ jurorId: z.uuid(), submissionId: z.uuid() });
export const AssignInputSchema = z.strictObject({
  stage: z.number().int().min(1).max(5).optional().describe('Stage position (default: the current stage)'),
  pins: z.array(Pair).max(1000).default([]).describe('Pairs that must be assigned'),
  forbids: z.array(Pair).max(1000).default([]).describe('Pairs that must never be assigned'),
  seed: z.number().int().min(1).optional(),
});
export const AssignmentListSchema = z.object({
  stage: z.number().int(),
  items: z.array(
    z.object({
      jurorId: z.uuid(),
      submissionId: z.uuid(),
      title: z.string(),
      rule: z.enum(['auto', 'pin', 'forbid']),
      reviewed: z.boolean(),
    }),
  ),
  loads: z.record(z.string(), z.number().int()),
  short: z.array(z.object({ submissionId: z.uuid(), reviewers: z.number().int() })),
});

export const ReviewInputSchema = z.strictObject({
  scores: z.record(z.string().max(40), z.number().int()).default({}),
  comment: paragraphs(10_000, 'For the jury').default(''),
  applicantComment: paragraphs(5000, 'May be sent to the applicant with the decision').default(''),
  abstain: z.boolean().default(false),
  submit: z.boolean().default(true).describe('false: save without submitting'),
});
export type ReviewInput = z.infer<typeof ReviewInputSchema>;
export const ReviewSchema = z.object({
  submissionId: z.uuid(),
  scores: z.record(z.string(), z.number()),
  comment: z.string(),
  applicantComment: z.string(),
  abstain: z.boolean(),
  submitted: z.boolean(),
  next: z.uuid().nullable().describe('The assigned submission with the fewest reviews that you have not reviewed yet'),
});

export const RedactionSchema = z.strictObject({
  title: text(300),
  answers: z.record(z.string().max(40), z.unknown()),
});
