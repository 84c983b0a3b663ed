import { z } from 'zod';
import { IsoDateSchema } from '../web/schemas.js';

const n = z.number().int();
const rate = z
  .number()
  .nullable()
  .describe('A ratio between 0 and 1; null when its denominator is zero (shown as "—")');
const cents = z.number().int().nullable().describe('Integer cents; null when nobody attended or registered');

export const CountsSchema = z.object({
  events: n.describe('Events held (published, not cancelled) that started in the period'),
  cancelledEvents: n,
  registered: n.describe('Registrations confirmed at the start of the event'),
  attended: n.describe('Checked in, people added at the door included'),
  doorAdditions: n,
  noShows: n,
  noShowRate: rate,
  costCents: n.describe('Approved and paid expense shares of these events (cancelled events included)'),
  pendingCostCents: n,
  costPerAttendeeCents: cents,
  costPerRegistrationCents: cents,
});
const People = {
  uniqueAttendees: n.describe('Distinct e-mail addresses among the attendees'),
  newPeople: n.describe('Unique attendees whose first attendance in the scope falls in the period'),
  returningPeople: n,
};
const ComeHome = z.object({ invited: n, registered: n, attended: n });

export const YearQuerySchema = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .default(new Date().getFullYear())
    .describe('Calendar year in Europe/Brussels'),
});
export const NetworkReportSchema = z.object({
  year: n,
  scope: z.literal('network'),
  totals: CountsSchema.extend(People),
  byChapter: z.array(CountsSchema.extend({ chapter: z.string(), name: z.string(), activeMonths: n, ...People })),
  byMonth: z.array(CountsSchema.extend({ month: z.string(), activeChapters: n, ...People })),
  comeHome: ComeHome,
  definitions: z.record(z.string(), z.string()),
});
export const ChapterReportSchema = z.object({
  year: n,
  scope: z.literal('chapter'),
  chapter: z.object({ slug: z.string(), name: z.string(), status: z.string(), createdAt: z.string() }),
  totals: CountsSchema.extend(People),
  activeMonths: n,
  daysToFirstEvent: n.nullable(),
  followers: z.object({ gained: n, lost: n.nullable(), net: n.nullable(), total: n }),
  byMonth: z.array(CountsSchema.extend({ month: z.string(), ...People })),
  comeHome: ComeHome,
  events: z.array(CountsSchema.extend({ id: z.uuid(), title: z.string(), startsAt: z.string(), status: z.string() })),
  definitions: z.record(z.string(), z.string()),
});
export const EventReportSchema = CountsSchema.extend({
  event: z.object({ id: z.uuid(), title: z.string(), startsAt: z.string(), status: z.string(), capacity: n }),
  uniqueAttendees: n,
  newToNetwork: n,
  newToChapter: n,
  newToVenue: n.nullable(),
  comeHome: ComeHome,
  definitions: z.record(z.string(), z.string()),
});

const suppressible = n.nullable().describe('null when between 1 and 4: too few to show without singling someone out');
export const VenueQuerySchema = z.object({
  from: IsoDateSchema.optional().describe('First day (Brussels); default: 1 January of this year'),
  to: IsoDateSchema.optional().describe('Last day, included; default: today'),
});
export const VenueReportSchema = z.object({
  venue: z.object({ slug: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  eventsHosted: n,
  peopleBrought: suppressible,
  uniqueAttendees: suppressible,
  firstTimeVisitors: suppressible.describe('Unique attendees whose first event at this venue falls in the period'),
  returningVisitors: suppressible,
  seats: n,
  seatOccupancy: rate,
  consentedContacts: suppressible,
  suppressed: z.array(z.string()),
  definitions: z.record(z.string(), z.string()),
});
