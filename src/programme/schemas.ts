import { z } from 'zod';
import { paragraphs, requiredText } from '../web/schemas.js';

const Instant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 instant, e.g. 2027-01-15T19:00:00+01:00',
});
export const SpeakerInputSchema = z.strictObject({
  name: requiredText(120),
  bio: paragraphs(2000).optional(),
  email: z.email().max(254).toLowerCase().optional().describe('Private: never shown'),
});
export const SessionCreateSchema = z
  .strictObject({
    title: requiredText(300),
    abstract: paragraphs(5000).default(''),
    language: z.enum(['fr', 'nl', 'en']),
    startsAt: Instant,
    endsAt: Instant,
    roomId: z.uuid().nullable().optional().describe('A room of the event’s venue'),
    speakers: z.array(SpeakerInputSchema).max(10).default([]),
  })
  .refine((s) => new Date(s.endsAt) > new Date(s.startsAt), {
    path: ['endsAt'],
    message: 'validation.endAfterStart',
  });
export type SessionCreate = z.infer<typeof SessionCreateSchema>;
export const SessionUpdateSchema = z.strictObject({
  title: requiredText(300).optional(),
  abstract: paragraphs(5000).optional(),
  startsAt: Instant.optional(),
  endsAt: Instant.optional(),
  roomId: z.uuid().nullable().optional(),
});
export type SessionUpdate = z.infer<typeof SessionUpdateSchema>;
export const SessionSchema = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  title: z.string(),
  abstract: z.string(),
  language: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  room: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  speakers: z.array(z.object({ name: z.string(), slug: z.string(), url: z.string() })),
  ics: z.string(),
});
