import { z } from 'zod';
import { requiredText, text } from '../web/schemas.js';

const Lang = z.enum(['fr', 'nl', 'en']);
const Person = z.strictObject({
  name: requiredText(120, 'Full name'),
  email: z.email({ message: 'must be an e-mail address' }).max(254).toLowerCase(),
});

const Answers = z
  .record(
    z.string().max(40),
    z.union([z.string().max(50_000), z.number(), z.array(z.string().max(2000)).max(20), z.null()]),
  )
  .describe(
    'Answers by field key: texts and choices as strings, numbers and amounts (cents) as integers, links as a list of URLs',
  );

export const SubmissionCreateSchema = z.strictObject({
  ...Person.shape,
  organisation: text(200, 'Organisation (projects); hidden from jurors in a blind stage').optional(),
  locale: Lang.optional().describe('Language of the e-mails (default: the request’s language)'),
  language: Lang.optional().describe('Language the submission is written in, to match jurors who read it'),
  title: text(300, 'Title of the project or talk').optional(),
  answers: Answers.optional(),
  eligibility: z.record(z.string().max(40), z.boolean()).optional(),
  coApplicants: z.array(Person).max(10).optional().describe('Each is e-mailed the link to the submission'),
  submit: z.boolean().optional().describe('Submit now (otherwise a draft)'),
});
export type SubmissionCreate = z.infer<typeof SubmissionCreateSchema>;

export const SubmissionUpdateSchema = SubmissionCreateSchema.omit({ name: true, email: true }).extend({
  withdraw: z.boolean().optional(),
});
export type SubmissionUpdate = z.infer<typeof SubmissionUpdateSchema>;

export const SecretQuery = z.object({
  secret: z.string().max(100).optional().describe('The secret of the applicant’s link (applicants without an account)'),
});

const FileSchema = z.object({
  id: z.uuid(),
  field: z.string(),
  name: z.string(),
  contentType: z.string(),
  byteSize: z.number().int(),
  sha256: z.string(),
});

export const BlindViewSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  language: z.string(),
  answers: z.record(z.string(), z.unknown()),
  files: z.array(FileSchema),
});

export const SubmissionSchema = z.object({
  id: z.uuid(),
  callId: z.uuid(),
  status: z.enum(['draft', 'submitted', 'withdrawn']),
  name: z.string(),
  email: z.string(),
  organisation: z.string(),
  locale: z.string(),
  language: z.string(),
  title: z.string(),
  answers: z.record(z.string(), z.unknown()),
  eligibility: z.record(z.string(), z.boolean()),
  coApplicants: z.array(z.object({ name: z.string(), email: z.string() })),
  files: z.array(FileSchema),
  submittedAt: z.string().nullable(),
  blindView: BlindViewSchema.describe('Exactly what jurors of a blind stage see'),
});

export const SubmissionCreatedSchema = SubmissionSchema.extend({
  manageUrl: z.string().describe('The secret link to come back (also e-mailed); shown only here'),
});
