import { boolean, index, integer, jsonb, pgEnum, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { networks } from '../networks/tables.js';
import { articles } from '../news/tables.js';

export const repairState = pgEnum('repair_state', ['applied', 'queued', 'rejected', 'undone']);

/**
 * Every substitution made (or proposed) in an article's text, with its confidence: the original
 * stays here and in the article's first revision, so an editor can undo any of them.
 */
export const textRepairs = pgTable(
  'text_repairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    field: text('field').notNull(),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    original: text('original').notNull(),
    replacement: text('replacement').notNull(),
    confidence: real('confidence').notNull(),
    alternatives: jsonb('alternatives').$type<string[]>().notNull().default([]),
    state: repairState('state').notNull(),
    automatic: boolean('automatic').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('text_repairs_article').on(t.articleId, t.field, t.position),
    index('text_repairs_queue').on(t.networkId, t.state),
  ],
);
