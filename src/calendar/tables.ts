import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { networks } from '../networks/tables.js';

/**
 * Secret addresses of personal calendar feeds ("my registrations"). Calendar apps cannot sign
 * in, so the address is the credential: only its SHA-256 is kept, and it can be revoked.
 */
export const calendarTokens = pgTable(
  'calendar_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('calendar_tokens_user').on(t.networkId, t.userId)],
);
