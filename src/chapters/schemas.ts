import { z } from 'zod';
import { CoverSchema } from '../storage/schemas.js';
import { EmailSchema } from '../accounts/schemas.js';
import { PageQuerySchema } from '../web/pagination.js';
import { LanguageSchema, translationsSchema, TranslationsViewSchema } from '../web/content.js';
import { paragraphs, requiredText, SlugSchema, text } from '../web/schemas.js';

/** The texts of a chapter that may be written in several languages. */
const chapterTexts = {
  name: text(120, 'Chapter name in this language'),
  description: paragraphs(5000, 'Description in this language'),
};

export const ChapterStatusSchema = z
  .enum(['planned', 'active', 'paused'], { message: 'must be one of planned, active, paused' })
  .describe('planned: collecting interest; active: holding events; paused: on hold');

export const ChapterCreateSchema = z.strictObject({
  name: requiredText(120, 'Chapter name, e.g. "Charleroi"'),
  slug: SlugSchema.optional(),
  city: requiredText(120, 'City where the chapter meets'),
  region: text(120, 'Region or province, e.g. "Hainaut"').default(''),
  description: paragraphs(5000, 'What the chapter is about (plain text)').default(''),
  status: ChapterStatusSchema.default('planned'),
  language: LanguageSchema.default('fr'),
  translations: translationsSchema(chapterTexts).optional(),
});
export type ChapterCreate = z.infer<typeof ChapterCreateSchema>;

export const ChapterUpdateSchema = z.strictObject({
  name: requiredText(120, 'Chapter name').optional(),
  slug: SlugSchema.optional(),
  city: requiredText(120, 'City').optional(),
  region: text(120, 'Region or province').optional(),
  description: paragraphs(5000, 'Description').optional(),
  status: ChapterStatusSchema.optional(),
  language: LanguageSchema.optional(),
  translations: translationsSchema(chapterTexts)
    .optional()
    .describe('Replaces all the translations: send every language to keep'),
});
export type ChapterUpdate = z.infer<typeof ChapterUpdateSchema>;

export const ChapterListQuerySchema = PageQuerySchema.extend({
  status: ChapterStatusSchema.optional(),
});

export const HostVenueSchema = z.object({ slug: z.string(), name: z.string(), city: z.string() });
export const PersonSchema = z.object({ id: z.uuid(), name: z.string(), email: z.string() });

export const ChapterSchema = z.object({
  id: z.uuid(),
  cover: CoverSchema,
  slug: z.string(),
  name: z.string(),
  city: z.string(),
  region: z.string(),
  description: z.string(),
  status: ChapterStatusSchema,
  language: LanguageSchema,
  translations: TranslationsViewSchema,
  hostVenues: z.array(HostVenueSchema).describe('Venues with an active partnership'),
  interestCount: z
    .number()
    .int()
    .optional()
    .describe('"Tell me when it launches" sign-ups; shown to admins and the chapter\'s organisers'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const InterestCreateSchema = z.strictObject({
  name: requiredText(120, 'Your name'),
  email: EmailSchema,
});
export type InterestCreate = z.infer<typeof InterestCreateSchema>;

export const InterestSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  createdAt: z.string(),
});

export const AssignPersonSchema = z.strictObject({ email: EmailSchema });

export const NotifySchema = z.strictObject({
  notify: z
    .enum(['immediate', 'daily', 'off'], { message: 'must be immediate, daily or off' })
    .describe(
      'immediate: one e-mail gathering a minute of new registrations per event; daily: a digest at 08:00; off: none',
    ),
});
