import { z } from 'zod';
import { locales } from '../web/i18n.js';
import { ONE_LINE_MESSAGE, oneLine, paragraphs, text } from '../web/schemas.js';
import { regionCodes } from '../web/regions.js';

export const MemberKindSchema = z
  .enum(['tech', 'generalist', 'other'], { message: 'must be one of tech, generalist, other' })
  .describe('tech: developers, designers, ops…; generalist: entrepreneurs, marketing, sales…; other');

export const RegionCodeSchema = z
  .enum(regionCodes, {
    message: `must be a Belgian province or region code (${regionCodes.join(', ')}); use "other" with a description for anywhere else`,
  })
  .describe('ISO 3166-2:BE code of a province or of the Brussels-Capital Region, or `other`');

const skill = z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters');
const link = z
  .url({ protocol: /^https?$/, message: 'must be a web address starting with http:// or https://' })
  .max(300);

/** Everything a member may say about themselves. Every field optional: absent means unchanged. */
export const ProfileUpdateSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'is required')
    .max(120)
    .refine(oneLine, ONE_LINE_MESSAGE)
    .optional()
    .describe('Display name'),
  city: text(120, 'City of residence, e.g. "Ixelles"').optional(),
  residenceRegion: RegionCodeSchema.nullable()
    .optional()
    .describe('Region of residence; deduced from the city when the city is a known Belgian town and this is not given'),
  originRegion: RegionCodeSchema.nullable().optional().describe('Region of origin: where the member comes from'),
  originDetail: text(120, 'Region of origin in words when it is `other`, e.g. "Lille, France"').optional(),
  kind: MemberKindSchema.nullable().optional(),
  skills: z.array(skill).max(30, 'at most 30 skills').optional().describe('Skills as tags, e.g. ["PHP", "Laravel"]'),
  bio: paragraphs(1000, 'Short bio (plain text)').optional(),
  links: z.array(link).max(5, 'at most 5 links').optional().describe('Web pages: site, LinkedIn, GitHub…'),
  locale: z
    .enum(locales, { message: `must be one of ${locales.join(', ')}` })
    .optional()
    .describe('Preferred language for e-mails and pages'),
  directoryVisible: z
    .boolean()
    .optional()
    .describe('Show me in the member directory (off until the member turns it on)'),
  invitationsOptOut: z.boolean().optional().describe('Never send me "come home" invitations'),
  attendanceVisible: z
    .boolean()
    .optional()
    .describe(
      'Show my name in the "who\'s going" list of the public page of events I am registered for (off until turned on)',
    ),
  contactable: z
    .boolean()
    .optional()
    .describe(
      'Members who can see my profile may write to me through the contact form (on by default; my address stays hidden)',
    ),
});
export type ProfileUpdate = z.infer<typeof ProfileUpdateSchema>;

/** A profile picture as the API shows it: addresses relative to the site, served to those who may see the profile. */
export const PictureSchema = z
  .object({
    url: z.string().describe('The largest width (WebP, square)'),
    srcset: z.string().describe('Every width, for the `srcset` attribute'),
    width: z.number().int(),
    height: z.number().int(),
    alt: z.string().describe("The text that stands in for it: the member's name"),
  })
  .nullable()
  .describe('Profile picture, or null');

export const PictureUploadSchema = z.object({
  image: z.any().describe('The picture: JPEG, PNG, WebP or GIF, checked by content, at most 10 MB and 40 megapixels'),
});
