import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { chapters } from '../chapters/tables.js';
import { networks } from '../networks/tables.js';
import { rooms, venues } from '../venues/tables.js';
import type { CoverRef } from '../storage/tables.js';
import type { Translations } from '../web/content.js';

export const eventKind = pgEnum('event_kind', ['meetup', 'it-day', 'talk', 'conference', 'workshop']);
export const eventStatus = pgEnum('event_status', ['draft', 'published', 'cancelled']);

export interface Speaker {
  name: string;
  bio: string;
  talk: string;
}
export interface Question {
  id: string;
  label: string;
  type: 'text' | 'choice';
  required: boolean;
  choices: string[];
  /** The label and choices in the event's other languages; a choice's answer is always the original. */
  translations?: Partial<Record<'fr' | 'nl' | 'en', { label?: string; choices?: string[] }>>;
}

/**
 * A recurring event: an RFC 5545 rule read in the series' time zone from the wall-clock time
 * of its first occurrence. Each occurrence is a real row in `events`, materialised up to
 * `materialisedUntil` and extended as time passes.
 */
export const eventSeries = pgTable('event_series', {
  id: uuid('id').primaryKey().defaultRandom(),
  networkId: uuid('network_id')
    .notNull()
    .references(() => networks.id, { onDelete: 'cascade' }),
  chapterId: uuid('chapter_id')
    .notNull()
    .references(() => chapters.id, { onDelete: 'cascade' }),
  rrule: text('rrule').notNull(),
  /** Local dates (YYYY-MM-DD, in the time zone) on which no occurrence takes place. */
  exdates: text('exdates').array().notNull().default(sql`'{}'::text[]`),
  timeZone: text('time_zone').notNull(),
  /** Wall-clock start of the first occurrence, 'YYYY-MM-DDTHH:MM' in the time zone. */
  firstStartLocal: text('first_start_local').notNull(),
  durationMinutes: integer('duration_minutes').notNull(),
  materialisedUntil: timestamp('materialised_until', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => chapters.id, { onDelete: 'cascade' }),
    seriesId: uuid('series_id').references(() => eventSeries.id, { onDelete: 'set null' }),
    /** For an occurrence: its start as the rule produced it (RECURRENCE-ID), even after it moves. */
    recurrenceId: timestamp('recurrence_id', { withTimezone: true }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    language: text('language').notNull().default('fr'),
    translations: jsonb('translations').$type<Translations>().notNull().default({}),
    kind: eventKind('kind').notNull().default('meetup'),
    venueId: uuid('venue_id').references(() => venues.id, { onDelete: 'set null' }),
    roomId: uuid('room_id').references(() => rooms.id, { onDelete: 'set null' }),
    onlineUrl: text('online_url'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    timeZone: text('time_zone').notNull().default('Europe/Brussels'),
    capacity: integer('capacity').notNull(),
    /** When false, a full event refuses registrations instead of waitlisting them. */
    waitlist: boolean('waitlist').notNull().default(true),
    status: eventStatus('status').notNull().default('published'),
    cancelReason: text('cancel_reason'),
    guestRegistration: boolean('guest_registration').notNull().default(true),
    questions: jsonb('questions').$type<Question[]>().notNull().default([]),
    speakers: jsonb('speakers').$type<Speaker[]>().notNull().default([]),
    /** The cover picture, with its required alternative text (see CoverRef). */
    cover: jsonb('cover').$type<CoverRef>(),
    registrationOpensAt: timestamp('registration_opens_at', { withTimezone: true }),
    registrationClosesAt: timestamp('registration_closes_at', { withTimezone: true }),
    /** Arrival counter: each registration takes the next number, so the waitlist keeps arrival order. */
    nextQueueNo: integer('next_queue_no').notNull().default(1),
    /** Raised on every change that calendars must see (iCalendar SEQUENCE). */
    sequence: integer('sequence').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_network_start').on(t.networkId, t.startsAt),
    index('events_chapter_start').on(t.networkId, t.chapterId, t.startsAt),
    index('events_room_start').on(t.roomId, t.startsAt),
    index('events_series').on(t.seriesId, t.startsAt),
    check('events_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    check('events_capacity_positive', sql`${t.capacity} >= 1`),
  ],
);
