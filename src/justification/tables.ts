import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { networks } from '../networks/tables.js';

/**
 * One row per network and month once the monthly export has been queued for the treasurers:
 * inserted in the transaction that queues the mail, so however many servers run the timer, each
 * month goes out once.
 */
export const monthlyExports = pgTable(
  'money_monthly_exports',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.month] })],
);
