import { z } from 'zod';
import { LanguageSchema, translationsSchema, TranslationsViewSchema } from '../web/content.js';
import { IsoDateSchema, paragraphs } from '../web/schemas.js';

export const PartnershipStatusSchema = z
  .enum(['proposed', 'active', 'ended'], { message: 'must be one of proposed, active, ended' })
  .describe('proposed: under discussion; active: the venue hosts the chapter; ended: no longer');

const fields = {
  venueProvides: paragraphs(500, 'What the venue provides, e.g. "room and coffee"'),
  networkProvides: paragraphs(500, 'What the network provides, e.g. "promotion, speakers and members"'),
  since: IsoDateSchema.nullable().describe('First day (YYYY-MM-DD)'),
  until: IsoDateSchema.nullable().describe('Last day (YYYY-MM-DD), if it ends'),
  status: PartnershipStatusSchema,
  translations: translationsSchema({
    venueProvides: paragraphs(500, 'What the venue provides, in this language'),
    networkProvides: paragraphs(500, 'What the network provides, in this language'),
  }),
};

const untilAfterSince = (p: { since?: string | null; until?: string | null }) =>
  !p.since || !p.until || p.until >= p.since;
const untilMessage = {
  message: 'validation.untilAfterSince',
  path: ['until'],
  // Checked even when other fields are invalid, so one 400 lists every invalid field; not when the dates themselves are.
  when: ({ value, issues }: z.core.ParsePayload) =>
    typeof value === 'object' &&
    value !== null &&
    !issues.some((i) => i.path?.[0] === 'since' || i.path?.[0] === 'until'),
};

export const PartnershipCreateSchema = z
  .strictObject({
    venue: z.string().min(1, 'is required').max(80).describe('Slug of the venue'),
    venueProvides: fields.venueProvides.default(''),
    networkProvides: fields.networkProvides.default(''),
    since: fields.since.optional(),
    until: fields.until.optional(),
    status: fields.status.default('active'),
    language: LanguageSchema.default('fr'),
    translations: fields.translations.optional(),
  })
  .refine(untilAfterSince, untilMessage);
export type PartnershipCreate = z.infer<typeof PartnershipCreateSchema>;

export const PartnershipUpdateSchema = z
  .strictObject({
    venueProvides: fields.venueProvides.optional(),
    networkProvides: fields.networkProvides.optional(),
    since: fields.since.optional(),
    until: fields.until.optional(),
    status: fields.status.optional(),
    language: LanguageSchema.optional(),
    translations: fields.translations.optional().describe('Replaces all the translations: send every language to keep'),
  })
  .refine(untilAfterSince, untilMessage);
export type PartnershipUpdate = z.infer<typeof PartnershipUpdateSchema>;

export const PartnershipSchema = z.object({
  id: z.uuid(),
  chapter: z.object({ slug: z.string(), name: z.string() }),
  venue: z.object({ slug: z.string(), name: z.string(), city: z.string() }),
  venueProvides: z.string(),
  networkProvides: z.string(),
  language: LanguageSchema,
  translations: TranslationsViewSchema,
  since: z.string().nullable(),
  until: z.string().nullable(),
  status: PartnershipStatusSchema,
  createdAt: z.string(),
});
export type PartnershipView = z.infer<typeof PartnershipSchema>;
