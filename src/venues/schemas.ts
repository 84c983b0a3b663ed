import { z } from 'zod';
import { LanguageSchema, translationsSchema, TranslationsViewSchema } from '../web/content.js';
import { CoverSchema } from '../storage/schemas.js';
import { PageQuerySchema } from '../web/pagination.js';
import { paragraphs, requiredText, SlugSchema, text } from '../web/schemas.js';

export const VenueKindSchema = z
  .enum(['coworking', 'company', 'university', 'public', 'cafe', 'other'], {
    message: 'must be one of coworking, company, university, public, cafe, other',
  })
  .describe('What kind of place it is');

/** The texts of a venue that may be written in several languages. */
const venueTexts = {
  name: text(120, 'Venue name in this language'),
  description: paragraphs(5000, 'Description in this language'),
};

export const RoomInputSchema = z.strictObject({
  name: requiredText(120, 'Room name, e.g. "Main room", in the venue\'s language'),
  translations: translationsSchema({ name: text(120, 'Room name in this language') }).optional(),
  capacity: z
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100_000)
    .describe('Seats'),
});

const rooms = z
  .array(RoomInputSchema)
  .max(100)
  .refine((list) => new Set(list.map((r) => r.name.toLowerCase())).size === list.length, 'validation.repeated')
  .describe("The venue's rooms; on PATCH the list replaces the current rooms (matched by name)");

const coworkers = z
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'cannot be negative')
  .max(1_000_000)
  .nullable()
  .describe('Number of coworkers who work there');
const website = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) address' })
  .max(500)
  .nullable()
  .describe('Web site');

const latitude = z
  .number({ message: 'must be a number' })
  .min(-90)
  .max(90)
  .nullable()
  .describe('WGS 84 latitude in decimal degrees, e.g. 50.8466; with longitude, places the venue on the map');
const longitude = z
  .number({ message: 'must be a number' })
  .min(-180)
  .max(180)
  .nullable()
  .describe('WGS 84 longitude in decimal degrees, e.g. 4.3528');
/** Coordinates go in pairs: both, or neither (null clears them). */
const bothOrNeither = (v: { latitude?: number | null; longitude?: number | null }) =>
  (v.latitude === undefined) === (v.longitude === undefined) && (v.latitude === null) === (v.longitude === null);
const coordinatesMessage = { message: 'venue.problem.coordinatesTogether', path: ['longitude'] };

export const VenueCreateSchema = z
  .strictObject({
    name: requiredText(120, 'Venue name'),
    slug: SlugSchema.optional(),
    kind: VenueKindSchema.default('coworking'),
    address: text(300, 'Street address').default(''),
    city: requiredText(120, 'City'),
    affiliation: text(200, 'A network the venue belongs to, e.g. a regional coworking network').default(''),
    coworkers: coworkers.optional(),
    website: website.optional(),
    latitude: latitude
      .optional()
      .describe(
        'WGS 84 latitude; left out (or null) with an address, the configured geocoder looks it up (GEOCODER_URL)',
      ),
    longitude: longitude.optional(),
    description: paragraphs(5000, 'Description (plain text)').default(''),
    language: LanguageSchema.default('fr'),
    translations: translationsSchema(venueTexts).optional(),
    rooms: rooms.default([]),
  })
  .refine(bothOrNeither, coordinatesMessage);
export type VenueCreate = z.infer<typeof VenueCreateSchema>;

export const VenueUpdateSchema = z
  .strictObject({
    name: requiredText(120, 'Venue name').optional(),
    slug: SlugSchema.optional(),
    kind: VenueKindSchema.optional(),
    address: text(300, 'Street address').optional(),
    city: requiredText(120, 'City').optional(),
    affiliation: text(200, 'Affiliation').optional(),
    coworkers: coworkers.optional(),
    website: website.optional(),
    latitude: latitude.optional(),
    longitude: longitude.optional(),
    description: paragraphs(5000, 'Description').optional(),
    language: LanguageSchema.optional(),
    translations: translationsSchema(venueTexts)
      .optional()
      .describe('Replaces all the translations: send every language to keep'),
    rooms: rooms.optional(),
  })
  .refine(bothOrNeither, coordinatesMessage);
export type VenueUpdate = z.infer<typeof VenueUpdateSchema>;

export const VenueListQuerySchema = PageQuerySchema.extend({
  city: z.string().max(120).optional().describe('Only venues in this city'),
  kind: VenueKindSchema.optional(),
});

export const RoomSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  capacity: z.number().int(),
  language: LanguageSchema,
  translations: TranslationsViewSchema,
});

export const VenueSchema = z.object({
  id: z.uuid(),
  cover: CoverSchema,
  slug: z.string(),
  name: z.string(),
  kind: VenueKindSchema,
  address: z.string(),
  city: z.string(),
  affiliation: z.string(),
  coworkers: z.number().int().nullable(),
  website: z.string().nullable(),
  latitude: z.number().nullable().describe('WGS 84 latitude; null when the venue is not on the map'),
  longitude: z.number().nullable(),
  description: z.string(),
  language: LanguageSchema,
  translations: TranslationsViewSchema,
  rooms: z.array(RoomSchema),
  chapters: z
    .array(z.object({ slug: z.string(), name: z.string() }))
    .describe('Chapters it hosts (active partnerships)'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The venue managers' page: events held at the venue, newest upcoming first, then past ones. */
export const VenueActivityQuerySchema = PageQuerySchema.extend({
  phase: z
    .enum(['upcoming', 'past'])
    .optional()
    .describe('Only events not ended yet (upcoming) or only ended ones (past); both when left out'),
});

export const VenueTotalsSchema = z.object({
  pastEvents: z.number().int().describe('Events held at the venue that have ended, cancelled ones left out'),
  confirmed: z.number().int().describe('Confirmed registrations across them'),
  checkedIn: z.number().int().describe('Of those, people checked in at the door'),
  sharedContacts: z.number().int().describe('Registrations whose person agreed to share their contact with the venue'),
  attendanceRate: z
    .number()
    .nullable()
    .describe('checkedIn / confirmed (0 to 1, three decimals); null with no registration'),
});

export const VenueEventActivitySchema = z.object({
  id: z.uuid(),
  title: z.string().describe('As written, in `language`'),
  language: z.string().describe('The language the title is written in'),
  translations: TranslationsViewSchema,
  chapter: z.object({ slug: z.string(), name: z.string() }),
  room: z.string().nullable().describe('The room of the venue, when the event names one'),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  status: z.enum(['published', 'cancelled']),
  phase: z.enum(['upcoming', 'past']).describe('upcoming: not ended yet (soonest first); past: ended (latest first)'),
  capacity: z.number().int(),
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
  checkedIn: z.number().int(),
  sharedContacts: z
    .number()
    .int()
    .describe('Live registrations whose person agreed to share their name and e-mail with the venue'),
});
export type VenueEventActivity = z.infer<typeof VenueEventActivitySchema>;

export const SharedContactSchema = z.object({
  name: z.string(),
  email: z.string(),
  sharedAt: z.string().describe('When the person agreed to share their name and e-mail with the venue'),
});

export const SharedContactsSchema = z.object({
  event: VenueEventActivitySchema,
  items: z
    .array(SharedContactSchema)
    .describe('Only registrations that are not cancelled and whose person agreed to share'),
});
