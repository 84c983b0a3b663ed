import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { chapters } from '../chapters/tables.js';
import { events } from '../events/tables.js';
import { networks } from '../networks/tables.js';
import { registrations } from '../registrations/tables.js';
import type { Translations } from '../web/content.js';

/** One "come home" sending: an organiser, an event, a segment, and how many it reached. */
export const invitationCampaigns = pgTable(
  'invitation_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => chapters.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** The segment as the organiser chose it, kept so the campaign can be read back later. */
    segment: jsonb('segment').$type<Record<string, unknown>>().notNull(),
    message: text('message').notNull().default(''),
    /** The language the message is written in, and the message in the others (as content.ts). */
    language: text('language').notNull().default('fr'),
    translations: jsonb('translations').$type<Translations>().notNull().default({}),
    recipients: integer('recipients').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('invitation_campaigns_event').on(t.networkId, t.eventId)],
);

/**
 * One person invited to one event. Unique per event and person, so nobody is invited twice;
 * the row outlives a deleted account (user_id becomes null) so the campaign's figures stay right.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => invitationCampaigns.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /**
     * The registration that followed the invitation, written when the person's account is deleted:
     * their id and address are gone then, and "who came back" must not lose them.
     */
    registrationId: uuid('registration_id').references(() => registrations.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invitations_once_per_event').on(t.eventId, t.userId),
    index('invitations_user').on(t.userId),
    index('invitations_campaign').on(t.campaignId),
  ],
);
