import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { events } from '../events/tables.js';
import { users } from '../accounts/tables.js';
import { networks } from '../networks/tables.js';
import { articles } from '../news/tables.js';

export const reportKind = pgEnum('error_report_kind', ['error', 'information', 'illegal']);
export const reportStatus = pgEnum('error_report_status', ['new', 'accepted', 'declined', 'duplicate', 'stale']);

/**
 * "Report an error" from a reader, with or without an account, about an article or an event page
 * (exactly one of the two). `revision` is the version of the article the reader saw (events keep
 * no revisions). An illegal-content notice (EU DSA Art. 16) carries its reasons, the
 * exact URL, the notifier's name and e-mail and the good-faith statement. Addresses are erased
 * 30 days after the report is closed; the report itself stays as the record of the decision.
 */
export const errorReports = pgTable(
  'error_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id').references(() => articles.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'cascade' }),
    revision: integer('revision'),
    kind: reportKind('kind').notNull(),
    quote: text('quote').notNull().default(''),
    message: text('message').notNull(),
    url: text('url').notNull(),
    name: text('name'),
    email: text('email'),
    locale: text('locale').notNull().default('fr'),
    goodFaith: boolean('good_faith').notNull().default(false),
    status: reportStatus('status').notNull().default('new'),
    /** For an accepted report: the public, dated correction note shown under the article. */
    correction: text('correction'),
    /** For a declined report: why, as sent to the reporter (required for a notice of illegal content: DSA Art. 17). */
    reason: text('reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /**
     * Who decided (DSA Art. 17: the provider shows who decided what). Null before decisions were
     * signed, and once the decider's account is erased: the report then reads "former editor".
     */
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    /** The decider's name as written when they decided (a later rename does not rewrite the record). */
    decidedByName: text('decided_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('error_reports_queue').on(t.networkId, t.status, t.createdAt),
    index('error_reports_article').on(t.articleId),
    index('error_reports_event').on(t.eventId),
    check('error_reports_one_subject', sql`(${t.articleId} IS NULL) <> (${t.eventId} IS NULL)`),
  ],
);
