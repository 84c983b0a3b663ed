import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { networks } from '../networks/tables.js';

/**
 * When each person (a ticket's e-mail address) first attended, per scope: the network, each chapter
 * and each venue they came to. Derived from registrations and events, and kept by database triggers
 * (migration `first_attendances`) on every change that can move a first attendance — a check-in, a
 * door addition, a cancellation, an erasure, an event moved, drafted or moved to another chapter or
 * venue — whichever code or plain SQL makes it. It makes "new vs returning" a range scan over the
 * period instead of a scan of every earlier attendance of everyone seen in it (docs/DECISIONS.md).
 * Never written by the application; backups leave it out and the triggers rebuild it on restore.
 */
export const firstAttendances = pgTable(
  'first_attendances',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    /** `network` (scope_id is the network), `chapter` or `venue`. */
    scope: text('scope').notNull(),
    scopeId: uuid('scope_id').notNull(),
    /** The start of the earliest non-draft event in the scope the person attended. */
    firstAt: timestamp('first_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.networkId, t.email, t.scope, t.scopeId] }),
    index('first_attendances_period').on(t.networkId, t.scope, t.firstAt),
    check('first_attendances_scope', sql`${t.scope} in ('network', 'chapter', 'venue')`),
  ],
);
