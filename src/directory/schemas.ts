import { z } from 'zod';
import { PageQuerySchema } from '../web/pagination.js';
import { MemberKindSchema, PictureSchema, RegionCodeSchema } from '../profiles/schemas.js';

const skill = z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters');

/**
 * The directory's filters: one schema for the API's query string and the /members form (GET
 * parameters), so both accept and refuse the same things. Empty form fields are dropped before.
 */
export const DirectoryFiltersSchema = z.object({
  q: z
    .string()
    .trim()
    .max(200, 'must be at most 200 characters')
    .optional()
    .describe(
      'Free text: name, city, regions (in any language), skills, bio. Accents are ignored and small typos tolerated; every word must match.',
    ),
  skill: z
    .union([skill, z.array(skill).max(10, 'at most 10 skills')])
    .optional()
    .describe('A skill, or several (repeat the parameter): members having all of them; case and accents ignored'),
  city: z
    .string()
    .trim()
    .max(120, 'must be at most 120 characters')
    .optional()
    .describe('City of residence; case and accents ignored'),
  origin: RegionCodeSchema.optional().describe('Region of origin (code)'),
  residence: RegionCodeSchema.optional().describe('Region of residence (code)'),
  chapter: z.string().trim().min(1).max(80).optional().describe('URL name of a chapter: members who follow it'),
  kind: MemberKindSchema.optional(),
});
export type DirectoryFilters = z.infer<typeof DirectoryFiltersSchema>;

export const DirectoryQuerySchema = PageQuerySchema.extend(DirectoryFiltersSchema.shape);

const region = RegionCodeSchema.nullable();
const email = z.string().optional().describe('Only for admins');

export const DirectoryEntrySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  city: z.string(),
  residenceRegion: region,
  originRegion: region,
  originDetail: z.string().describe('Region of origin in words when it is `other`'),
  kind: MemberKindSchema.nullable(),
  skills: z.array(z.string()),
  picture: PictureSchema,
  email,
});
export type DirectoryEntry = z.infer<typeof DirectoryEntrySchema>;

export const DirectoryPageSchema = z.object({
  items: z.array(DirectoryEntrySchema),
  total: z.number().int().describe('Members matching the filters that you may see'),
  nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page'),
});

export const MemberProfileViewSchema = DirectoryEntrySchema.extend({
  bio: z.string(),
  links: z.array(z.string()),
  chapters: z.array(z.object({ slug: z.string(), name: z.string() })).describe('Chapters the member follows'),
  directoryVisible: z.boolean().describe('Whether the member chose to appear in the directory'),
  contactable: z
    .boolean()
    .describe('Whether the member accepts messages through the contact form (POST /api/v1/members/{id}/contact)'),
});
export type MemberProfileView = z.infer<typeof MemberProfileViewSchema>;

export const SkillQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .max(40, 'must be at most 40 characters')
    .default('')
    .describe('Beginning of a skill; accents and case ignored; empty for the most common skills'),
  limit: z.coerce.number().int().min(1, 'must be between 1 and 50').max(50, 'must be between 1 and 50').default(10),
});

export const SkillSuggestionSchema = z.object({
  skill: z.string().describe('As most members write it'),
  count: z.number().int().describe('Members you may see who have it'),
});
