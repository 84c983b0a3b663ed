import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { networks } from '../networks/tables.js';

/**
 * Old addresses that answer 301: `from_key` is the old path normalised (percent-decoded, lower
 * case, no trailing slash; `?p=23` kept as a query), `to_path` the new address. Targets are
 * always final: adding A→B when B→C exists stores A→C, and X→A becomes X→C (no chains).
 */
export const redirects = pgTable(
  'redirects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    fromKey: text('from_key').notNull(),
    toPath: text('to_path').notNull(),
    /** import (WordPress or Markdown) or manual */
    origin: text('origin').notNull().default('manual'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('redirects_from').on(t.networkId, t.fromKey), index('redirects_to').on(t.networkId, t.toPath)],
);
