import { date, index, pgEnum, pgTable, text, timestamp, uuid, jsonb } from 'drizzle-orm/pg-core';
import { chapters } from '../chapters/tables.js';
import { networks } from '../networks/tables.js';
import { venues } from '../venues/tables.js';
import type { Translations } from '../web/content.js';

export const partnershipStatus = pgEnum('partnership_status', ['proposed', 'active', 'ended']);

/** Who provides what between a chapter and the venue that hosts it. */
export const partnerships = pgTable(
  'partnerships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    chapterId: uuid('chapter_id')
      .notNull()
      .references(() => chapters.id, { onDelete: 'cascade' }),
    venueId: uuid('venue_id')
      .notNull()
      .references(() => venues.id, { onDelete: 'cascade' }),
    venueProvides: text('venue_provides').notNull().default(''),
    networkProvides: text('network_provides').notNull().default(''),
    language: text('language').notNull().default('fr'),
    translations: jsonb('translations').$type<Translations>().notNull().default({}),
    since: date('since'),
    until: date('until'),
    status: partnershipStatus('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('partnerships_chapter').on(t.networkId, t.chapterId),
    index('partnerships_venue').on(t.networkId, t.venueId),
  ],
);
