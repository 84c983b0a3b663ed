import { z } from 'zod';
import { MemberKindSchema, RegionCodeSchema } from '../profiles/schemas.js';
import { LanguageSchema, translationsSchema, TranslationsViewSchema } from '../web/content.js';
import { paragraphs } from '../web/schemas.js';

/** The organiser's message in the languages it is written in: each member reads theirs, else the original. */
const messageLanguages = {
  language: LanguageSchema.optional().describe("The language `message` is written in (default: the event's)"),
  translations: translationsSchema({ message: paragraphs(2000, 'The message in this language') }).optional(),
};

const list = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z.array(item).max(max, `at most ${max} values`).optional().describe(what);

/**
 * Who to invite. Fields are ANDed; the values within one field are ORed. Opted-out members,
 * unverified accounts, people already invited to the event and people already registered for it
 * are always left out.
 */
export const SegmentSchema = z
  .strictObject({
    comeHome: z
      .boolean()
      .optional()
      .describe("Members whose region of origin is the event chapter's region but who live in another (known) region"),
    origin: list(RegionCodeSchema, 12, 'Regions of origin (ISO 3166-2:BE codes or `other`)'),
    residence: list(RegionCodeSchema, 12, 'Regions of residence (ISO 3166-2:BE codes or `other`)'),
    cities: list(
      z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
      50,
      'Cities of residence, compared without case or accents ("liege" = "Liège")',
    ),
    skills: list(
      z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters'),
      30,
      'Skills: a member with any of them matches, compared without case or accents',
    ),
    kinds: list(MemberKindSchema, 3, 'Profile kinds'),
    followed: list(
      z.string().trim().min(1, 'must not be empty').max(80),
      50,
      'Slugs of chapters: members who follow any of them',
    ),
  })
  .refine(
    (s) =>
      s.comeHome === true ||
      [s.origin, s.residence, s.cities, s.skills, s.kinds, s.followed].some((v) => v !== undefined && v.length > 0),
    {
      message: 'invitations.validation.oneCriterion',
    },
  );
export type Segment = z.infer<typeof SegmentSchema>;

export const InviteSchema = z.strictObject({
  segment: SegmentSchema,
  message: paragraphs(2000, "The organiser's own words, added to every invitation (plain text)").optional(),
  ...messageLanguages,
  expectedCount: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe(
      'The number of members the organiser confirmed (from the preview). When given and the segment now reaches a different number, nothing is sent: 409, and the problem says the new count.',
    ),
});
export type Invite = z.infer<typeof InviteSchema>;

export const CountSchema = z.object({
  count: z.number().int().describe('Members the segment reaches now: exactly who would be invited'),
  sample: z
    .object({
      name: z.string().describe('The member the sample is written for: the first of the segment by name'),
      subject: z.string(),
      text: z.string().describe('The plain-text body, as the worker will send it'),
    })
    .nullable()
    .describe(
      "The invitation as it will read, in the request's language (each member gets it in theirs); null when nobody matches",
    ),
});
export const PreviewSchema = z.strictObject({
  segment: SegmentSchema,
  message: paragraphs(2000, "The organiser's own words, to see them in the sample").optional(),
  ...messageLanguages,
});
export const SentSchema = z.object({
  campaignId: z.uuid(),
  invited: z.number().int().describe('Invitations created (and e-mails queued) by this sending'),
});

const Figures = {
  invited: z.number().int().describe('People invited'),
  registered: z
    .number()
    .int()
    .describe('Invited people who registered after their invitation (registration not cancelled)'),
  attended: z.number().int().describe('Of those, people checked in at the event'),
};

export const CampaignSchema = z.object({
  id: z.uuid(),
  createdAt: z.string().describe('ISO 8601 instant'),
  createdBy: z
    .object({ id: z.uuid(), name: z.string() })
    .nullable()
    .describe('The organiser who sent it (null once their account is deleted)'),
  segment: z.record(z.string(), z.unknown()).describe('The segment as it was chosen'),
  summary: z.string().describe('The segment in words (English)'),
  message: z.string(),
  language: LanguageSchema,
  translations: TranslationsViewSchema,
  ...Figures,
});

export const EventInvitationsSchema = z.object({
  event: z.object({ id: z.uuid(), title: z.string(), startsAt: z.string() }),
  campaigns: z.array(CampaignSchema),
  ...Figures,
});

export const ChapterInvitationsSchema = z.object({
  chapter: z.object({ slug: z.string(), name: z.string() }),
  events: z.array(EventInvitationsSchema),
  totals: z.object({ campaigns: z.number().int(), ...Figures }),
});
