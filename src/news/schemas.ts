import { z } from 'zod';
import { SlugSchema, paragraphs, requiredText, text } from '../web/schemas.js';
import { articleStatuses } from './tables.js';

export const ArticleStatusSchema = z
  .enum(articleStatuses, { message: `must be one of ${articleStatuses.join(', ')}` })
  .describe(
    'draft; scheduled (publishes itself at publishAt); published; private (editors only); unlisted (by address only)',
  );
export const LanguageSchema = z.enum(['fr', 'nl', 'en'], { message: 'must be fr, nl or en' });

const Instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 instant such as 2027-03-04T17:30:00Z' })
  .transform((s) => new Date(s));

const TermList = z
  .array(requiredText(120))
  .max(30, 'at most 30')
  .describe('Names; created when new. A category may be a path "Parent/Child".');

const CoverAlt = text(300, "The cover picture's description for those who cannot see it (its alt); empty: decorative");

const articleFields = {
  title: requiredText(200, 'Title'),
  slug: SlugSchema.optional(),
  bodyMarkdown: paragraphs(200_000, 'Body in Markdown (CommonMark + GFM; raw HTML is sanitised)').default(''),
  excerpt: paragraphs(600, 'Summary; generated from the body when empty').optional(),
  language: LanguageSchema.default('fr').describe('Language of the article'),
  translationOf: z.uuid({ message: 'must be an article id' }).optional().describe('An article this one translates'),
  chapter: z.string().max(80).nullable().optional().describe('Chapter slug; null or omitted: network-wide'),
  categories: TermList.default([]),
  tags: TermList.default([]),
  partner: z.boolean().default(false).describe('Partner content: labelled as such on the page and in JSON-LD'),
  status: ArticleStatusSchema.default('draft'),
  publishAt: Instant.optional().describe('For scheduled: when it publishes itself'),
  authors: z.array(z.uuid()).max(10).optional().describe('Account ids of the authors; default: you'),
  coverAlt: CoverAlt.optional(),
};

export const ArticleCreateSchema = z
  .strictObject(articleFields)
  .refine((a) => a.status !== 'scheduled' || a.publishAt, {
    message: 'news.validation.publishAtNeeded',
    path: ['publishAt'],
  });
export type ArticleCreate = z.infer<typeof ArticleCreateSchema>;

export const ArticleUpdateSchema = z.strictObject({
  title: articleFields.title.optional(),
  slug: SlugSchema.optional(),
  bodyMarkdown: paragraphs(200_000, 'Body in Markdown').optional(),
  excerpt: paragraphs(600, 'Summary; empty: generated from the body').optional(),
  language: LanguageSchema.optional(),
  chapter: z.string().max(80).nullable().optional(),
  categories: TermList.optional(),
  tags: TermList.optional(),
  partner: z.boolean().optional(),
  status: ArticleStatusSchema.optional(),
  publishAt: Instant.nullable().optional(),
  authors: z.array(z.uuid()).max(10).optional(),
  coverAlt: CoverAlt.optional(),
  cover: z.null().optional().describe('null: remove the cover picture (PUT …/cover sets one)'),
});
export type ArticleUpdate = z.infer<typeof ArticleUpdateSchema>;

const Term = z.object({ slug: z.string(), name: z.string() });

export const ArticleSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  url: z.string().describe('Public page (a page under other pages: /news/parent/child)'),
  title: z.string(),
  parents: z
    .array(z.object({ slug: z.string(), title: z.string(), url: z.string() }))
    .describe('The pages this one is under, the top one first (the breadcrumb)'),
  language: LanguageSchema,
  translations: z.array(z.object({ id: z.uuid(), language: LanguageSchema, slug: z.string() })),
  bodyMarkdown: z.string(),
  bodyHtml: z.string().describe('Sanitised HTML'),
  excerpt: z.string(),
  cover: z
    .object({ id: z.uuid(), url: z.string(), srcset: z.string(), alt: z.string().describe('Its description') })
    .nullable(),
  coverAlt: z.string().describe("The cover's description, kept when there is no cover yet"),
  chapter: z
    .object({ slug: z.string(), name: z.string(), lang: LanguageSchema.describe('The language the name is in') })
    .nullable(),
  authors: z.array(z.object({ slug: z.string(), name: z.string() })),
  categories: z.array(Term.extend({ path: z.string() })),
  tags: z.array(Term),
  partner: z.boolean(),
  status: ArticleStatusSchema,
  publishAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  revision: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ArticleView = z.infer<typeof ArticleSchema>;

export const ArticleListQuerySchema = z.object({
  chapter: z.string().max(80).optional().describe('Chapter slug'),
  category: z.string().max(300).optional().describe('Category path, e.g. events/it-day'),
  tag: z.string().max(80).optional(),
  author: z.string().max(80).optional().describe('Author slug'),
  q: z.string().trim().max(200).optional().describe('Full-text search (accents and small typos forgiven)'),
  status: ArticleStatusSchema.optional().describe('Editors only: another status than published'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type ArticleListQuery = z.infer<typeof ArticleListQuerySchema>;

export const RevisionSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  status: ArticleStatusSchema,
  editedBy: z.string().nullable().describe('Name of who saved it'),
  note: z.string().nullable(),
  createdAt: z.string(),
  diff: z.string().describe('Unified diff of the Markdown from the previous revision'),
});

export const EditorParamsSchema = z.object({ userId: z.uuid() });
export const IdParamsSchema = z.object({ id: z.uuid({ message: 'must be an article id (UUID)' }) });
