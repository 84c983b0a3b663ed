import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { submissions } from '../calls/tables.js';
import { events } from '../events/tables.js';
import { networks } from '../networks/tables.js';
import { rooms } from '../venues/tables.js';

/** A slot of an event's programme: a talk from a call, or added by hand by the organisers. */
export const eventSessions = pgTable(
  'event_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    submissionId: uuid('submission_id').references(() => submissions.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    abstract: text('abstract').notNull().default(''),
    language: text('language').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    roomId: uuid('room_id').references(() => rooms.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('event_sessions_event').on(t.eventId, t.startsAt),
    index('event_sessions_room').on(t.roomId, t.startsAt),
    uniqueIndex('event_sessions_submission').on(t.submissionId),
  ],
);

/** A speaker's public profile: name and bio only; the e-mail stays private to organisers. */
export const speakers = pgTable(
  'speakers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    bio: text('bio').notNull().default(''),
    email: text('email'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('speakers_slug').on(t.networkId, t.slug)],
);

export const sessionSpeakers = pgTable(
  'session_speakers',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => eventSessions.id, { onDelete: 'cascade' }),
    speakerId: uuid('speaker_id')
      .notNull()
      .references(() => speakers.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.speakerId] }), index('session_speakers_speaker').on(t.speakerId)],
);
