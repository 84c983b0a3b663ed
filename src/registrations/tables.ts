import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { events } from '../events/tables.js';
import { networks } from '../networks/tables.js';

export const registrationStatus = pgEnum('registration_status', ['confirmed', 'waitlisted', 'cancelled']);

export const registrations = pgTable(
  'registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    /** Lower-cased: one live registration per e-mail and event. */
    email: text('email').notNull(),
    status: registrationStatus('status').notNull(),
    /** Arrival order within the event; the waitlist position is the rank among the waitlisted. */
    queueNo: integer('queue_no').notNull(),
    /** The language the person registered in: their e-mails are written in it. */
    locale: text('locale').notNull().default('fr'),
    answers: jsonb('answers').$type<Record<string, string>>().notNull().default({}),
    /** The attendee's secret link (manage, cancel, ticket) — a capability, like a password-reset link. */
    secret: text('secret').notNull(),
    /** Carried by the ticket's QR code; checked against the event at the door. */
    checkInCode: text('check_in_code').notNull(),
    /** When the person ticked "share my name and e-mail with the host venue"; null: not shared. */
    sharedWithVenueAt: timestamp('shared_with_venue_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledBy: text('cancelled_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('registrations_one_live_per_email')
      .on(t.networkId, t.eventId, t.email)
      .where(sql`${t.status} <> 'cancelled'`),
    uniqueIndex('registrations_secret').on(t.secret),
    uniqueIndex('registrations_check_in_code').on(t.eventId, t.checkInCode),
    index('registrations_event_status').on(t.eventId, t.status, t.queueNo),
    index('registrations_user').on(t.userId),
    // The per-e-mail limit on new registrations counts recent ones by address.
    index('registrations_email_recent').on(t.networkId, t.email, t.createdAt),
    // Who attended each event (reports: unique and new people), read from the index alone.
    index('registrations_attended')
      .on(t.eventId, t.email)
      .where(sql`${t.checkedInAt} is not null and ${t.status} <> 'cancelled'`),
  ],
);
