import { index, pgEnum, pgTable, primaryKey, text, timestamp, unique, uuid, jsonb } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { networks } from '../networks/tables.js';
import type { CoverRef } from '../storage/tables.js';
import type { Translations } from '../web/content.js';

export const chapterStatus = pgEnum('chapter_status', ['planned', 'active', 'paused']);
/** How an organiser hears of new registrations: within a minute, once a day, or not at all. */
export const organizerNotify = pgEnum('organizer_notify', ['immediate', 'daily', 'off']);

export const chapters = pgTable(
  'chapters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    city: text('city').notNull(),
    region: text('region').notNull().default(''),
    description: text('description').notNull().default(''),
    language: text('language').notNull().default('fr'),
    translations: jsonb('translations').$type<Translations>().notNull().default({}),
    status: chapterStatus('status').notNull().default('planned'),
    /** The cover picture, with its required alternative text (see CoverRef). */
    cover: jsonb('cover').$type<CoverRef>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('chapters_network_slug').on(t.networkId, t.slug)],
);

export const chapterOrganizers = pgTable(
  'chapter_organizers',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => chapters.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    notify: organizerNotify('notify').notNull().default('immediate'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.chapterId, t.userId] }), index('chapter_organizers_user').on(t.userId)],
);

/** "Tell me when it launches" sign-ups for a planned chapter; one per e-mail per chapter. */
export const chapterInterest = pgTable(
  'chapter_interest',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => chapters.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('chapter_interest_once').on(t.networkId, t.chapterId, t.email)],
);
