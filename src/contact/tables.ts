import { boolean, index, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { networks } from '../networks/tables.js';

/**
 * Messages sent through a member's contact form: who wrote to whom and when, never the text (it
 * went out by mail and is not kept). What abuse handling and the rate limits need, nothing more.
 */
export const contactMessages = pgTable(
  'contact_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    senderId: uuid('sender_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The sender ticked "share my address": the mail's Reply-To was their address. */
    sharedAddress: boolean('shared_address').notNull().default(false),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('contact_messages_sender').on(t.networkId, t.senderId, t.sentAt),
    index('contact_messages_pair').on(t.networkId, t.recipientId, t.senderId, t.sentAt),
  ],
);

/** A member who no longer wants messages from another (the link in every contact mail). */
export const contactBlocks = pgTable(
  'contact_blocks',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    blockerId: uuid('blocker_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    blockedId: uuid('blocked_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.networkId, t.blockerId, t.blockedId] })],
);
