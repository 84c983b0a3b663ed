import { z } from 'zod';
import { CoverSchema } from '../storage/schemas.js';
import { LanguageSchema, translationsSchema, TranslationsViewSchema } from '../web/content.js';
import { paragraphs, requiredText, text } from '../web/schemas.js';
import { rruleProblem } from './recurrence.js';
import { isTimeZone } from './time.js';

export const EventKindSchema = z.enum(['meetup', 'it-day', 'talk', 'conference', 'workshop'], {
  message: 'must be one of meetup, it-day, talk, conference, workshop',
});
export const EventStatusSchema = z.enum(['draft', 'published', 'cancelled']);

const Instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 instant such as 2027-03-04T17:30:00Z' })
  .transform((s) => new Date(s));
const TimeZone = z
  .string()
  .refine(isTimeZone, 'validation.timeZone')
  .describe('IANA time zone the event is written in');

export const SpeakerSchema = z.strictObject({
  name: requiredText(120, 'Speaker name'),
  bio: paragraphs(1000, 'Short bio').default(''),
  talk: text(200, 'Talk title').default(''),
});

const questionInOneLanguage = z
  .strictObject({
    label: text(200, 'The question in this language'),
    choices: z.array(text(100)).max(30).describe('The choices in this language, in the same order as the original'),
  })
  .partial();

/** A question's label and choices in the event's other languages; answers are always the original choices. */
export const QuestionTranslationsSchema = z
  .strictObject({
    fr: questionInOneLanguage.optional(),
    nl: questionInOneLanguage.optional(),
    en: questionInOneLanguage.optional(),
  })
  .describe('The question in the other languages, e.g. {"nl": {"label": "…", "choices": ["…", "…"]}}');

export const QuestionSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9_-]{1,40}$/, 'must be 1–40 lower-case letters, digits, - or _')
      .describe('Key of the answer'),
    label: requiredText(200, 'The question as shown'),
    type: z.enum(['text', 'choice'], { message: 'must be text or choice' }).default('text'),
    required: z.boolean().default(false),
    choices: z.array(requiredText(100)).max(30).default([]),
    translations: QuestionTranslationsSchema.optional(),
  })
  .refine((q) => q.type !== 'choice' || q.choices.length >= 2, {
    message: 'validation.twoChoices',
    path: ['choices'],
  })
  .refine(
    (q) =>
      Object.values(q.translations ?? {}).every((t) => !t?.choices?.length || t.choices.length === q.choices.length),
    { message: 'validation.sameChoices', path: ['translations'] },
  );

export const RecurrenceSchema = z.strictObject({
  rrule: z
    .string()
    .max(500)
    .superRefine((v, ctx) => {
      const problem = rruleProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: 'validation.rrule', params: { problem } });
    })
    .describe('RFC 5545 rule without DTSTART, e.g. FREQ=MONTHLY;BYDAY=1TH;COUNT=12 ("first Thursday, twelve times")'),
  exdates: z
    .array(z.iso.date({ message: 'must be a date as YYYY-MM-DD' }))
    .max(200)
    .default([])
    .describe('Local dates to skip'),
});

const eventFields = {
  title: requiredText(200, 'Title'),
  description: paragraphs(20_000, 'Description in Markdown (rendered to sanitised HTML)'),
  language: LanguageSchema,
  translations: translationsSchema({
    title: text(200, 'Title in this language'),
    description: paragraphs(20_000, 'Description in this language, in Markdown'),
  }),
  kind: EventKindSchema,
  startsAt: Instant.describe('Start, ISO 8601 instant'),
  endsAt: Instant.describe('End, ISO 8601 instant'),
  timeZone: TimeZone,
  venue: z.string().min(1).max(80).nullable().describe('Slug of the venue'),
  room: z.string().min(1).max(120).nullable().describe('Room name in the venue; the capacity defaults to its capacity'),
  onlineUrl: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) address' })
    .max(500)
    .nullable()
    .describe('Link for online attendance'),
  capacity: z
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(100_000),
  waitlist: z.boolean().describe('When full, put people on a waitlist (default) or refuse them'),
  guestRegistration: z.boolean().describe('Whether people without an account may register'),
  questions: z.array(QuestionSchema).max(20),
  speakers: z.array(SpeakerSchema).max(50),
  registrationOpensAt: Instant.nullable(),
  registrationClosesAt: Instant.nullable(),
  status: z.enum(['draft', 'published'], { message: 'must be draft or published' }),
};

/** The catalogue key of "the end is before the start": the event form answers it with its overnight hint. */
export const END_BEFORE_START = 'validation.endAfterStart';
const endAfterStart = (e: { startsAt?: Date; endsAt?: Date }) => !e.startsAt || !e.endsAt || e.endsAt > e.startsAt;
const endMessage = { message: END_BEFORE_START, path: ['endsAt'] };

export const EventCreateSchema = z
  .strictObject({
    title: eventFields.title,
    description: eventFields.description.default(''),
    language: eventFields.language.default('fr'),
    translations: eventFields.translations.optional(),
    kind: eventFields.kind.default('meetup'),
    startsAt: eventFields.startsAt,
    endsAt: eventFields.endsAt,
    timeZone: eventFields.timeZone.default('Europe/Brussels'),
    venue: eventFields.venue.optional(),
    room: eventFields.room.optional(),
    onlineUrl: eventFields.onlineUrl.optional(),
    capacity: eventFields.capacity.optional().describe("Seats; defaults to the room's capacity"),
    waitlist: eventFields.waitlist.default(true),
    guestRegistration: eventFields.guestRegistration.default(true),
    questions: eventFields.questions.default([]),
    speakers: eventFields.speakers.default([]),
    registrationOpensAt: eventFields.registrationOpensAt.optional(),
    registrationClosesAt: eventFields.registrationClosesAt.optional(),
    status: eventFields.status.default('published'),
    recurrence: RecurrenceSchema.optional().describe('Makes this the first occurrence of a series'),
  })
  .refine(endAfterStart, endMessage);
export type EventCreate = z.infer<typeof EventCreateSchema>;

export const EventUpdateSchema = z
  .strictObject({
    title: eventFields.title.optional(),
    description: eventFields.description.optional(),
    language: eventFields.language.optional(),
    translations: eventFields.translations
      .optional()
      .describe('Replaces all the translations: send every language to keep'),
    kind: eventFields.kind.optional(),
    startsAt: eventFields.startsAt.optional(),
    endsAt: eventFields.endsAt.optional(),
    timeZone: eventFields.timeZone.optional(),
    venue: eventFields.venue.optional(),
    room: eventFields.room.optional(),
    onlineUrl: eventFields.onlineUrl.optional(),
    capacity: eventFields.capacity.optional(),
    waitlist: eventFields.waitlist.optional(),
    guestRegistration: eventFields.guestRegistration.optional(),
    questions: eventFields.questions.optional(),
    speakers: eventFields.speakers.optional(),
    registrationOpensAt: eventFields.registrationOpensAt.optional(),
    registrationClosesAt: eventFields.registrationClosesAt.optional(),
    status: eventFields.status.optional(),
  })
  .refine(endAfterStart, endMessage);
export type EventUpdate = z.infer<typeof EventUpdateSchema>;

export const EventScopeSchema = z.object({
  scope: z
    .enum(['occurrence', 'following', 'series'], { message: 'must be occurrence, following or series' })
    .default('occurrence')
    .describe('For an occurrence of a series: change only it, it and the following ones, or the whole series'),
});

export const EventCancelSchema = z.strictObject({
  reason: paragraphs(1000, 'Why the event is cancelled; told to the attendees').pipe(z.string().min(1, 'is required')),
});

export const EventListQuerySchema = z.object({
  chapter: z.string().max(80).optional().describe('Chapter slug'),
  venue: z.string().max(80).optional().describe('Venue slug'),
  from: Instant.optional().describe('Only events ending after this instant (default: now)'),
  to: Instant.optional().describe('Only events starting before this instant'),
  includeDrafts: z.enum(['true', 'false']).optional().describe('Organisers: include drafts of their chapters'),
  limit: z.coerce.number().int().min(1, 'must be between 1 and 100').max(100, 'must be between 1 and 100').default(20),
  cursor: z.string().max(200).optional(),
});

export const EventSchema = z.object({
  id: z.uuid(),
  url: z.string().describe('Public page, canonical path `/events/{id}-{slug}`; older addresses redirect to it'),
  cover: CoverSchema,
  chapter: z.object({ slug: z.string(), name: z.string() }),
  seriesId: z.uuid().nullable(),
  title: z.string(),
  description: z.string().describe('Markdown as written'),
  descriptionHtml: z.string().describe('Sanitised HTML'),
  language: LanguageSchema,
  translations: TranslationsViewSchema,
  kind: EventKindSchema,
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  venue: z
    .object({
      slug: z.string(),
      name: z.string(),
      city: z.string(),
      address: z.string(),
      latitude: z.number().nullable().describe("The venue's WGS 84 latitude; null when it is not on the map"),
      longitude: z.number().nullable(),
      language: LanguageSchema,
      translations: TranslationsViewSchema.describe("The venue's name and description in other languages"),
    })
    .nullable(),
  room: z
    .object({
      name: z.string(),
      capacity: z.number().int(),
      language: LanguageSchema,
      translations: TranslationsViewSchema.describe("The room's name in other languages"),
    })
    .nullable(),
  onlineUrl: z.string().nullable(),
  capacity: z.number().int(),
  confirmedCount: z.number().int(),
  waitlistCount: z.number().int(),
  seatsLeft: z.number().int(),
  waitlist: z.boolean(),
  status: EventStatusSchema,
  cancelReason: z.string().nullable(),
  guestRegistration: z.boolean(),
  questions: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      type: z.enum(['text', 'choice']),
      required: z.boolean(),
      choices: z.array(z.string()),
      translations: z
        .partialRecord(
          z.enum(['fr', 'nl', 'en']),
          z.object({ label: z.string(), choices: z.array(z.string()) }).partial(),
        )
        .describe('The label and choices in the other languages; an answer is one of the original choices'),
    }),
  ),
  speakers: z.array(z.object({ name: z.string(), bio: z.string(), talk: z.string() })),
  registrationOpensAt: z.string().nullable(),
  registrationClosesAt: z.string().nullable(),
  sequence: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EventView = z.infer<typeof EventSchema>;
