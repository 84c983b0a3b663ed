import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { networks } from '../networks/tables.js';

export const webhookEvents = [
  'registration.created',
  'registration.cancelled',
  'registration.promoted',
  'event.published',
  'event.updated',
  'event.cancelled',
  'article.published',
  'article.updated',
  'expense.submitted',
  'expense.approved',
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** HTTPS endpoints that admins register; each delivery is signed with the endpoint's secret. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** HMAC-SHA256 key, shown to the admin once at creation. */
    secret: text('secret').notNull(),
    events: text('events').array().notNull().default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    /** Failed deliveries in a row; the endpoint is disabled past a threshold. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    /** The sequence number the endpoint's next delivery gets (1, 2, 3… per endpoint, in commit order). */
    nextSequence: integer('next_sequence').notNull().default(1),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_endpoints_network').on(t.networkId)],
);

export const deliveryStatus = pgEnum('webhook_delivery_status', ['pending', 'delivered', 'failed']);

/** One event sent to one endpoint: written in the transaction of the change, delivered by a worker. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** Per endpoint, in commit order: deliveries are sent in this order and receivers can check it. */
    sequence: integer('sequence').notNull().default(0),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: deliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    responseStatus: integer('response_status'),
    responseMs: integer('response_ms'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_due').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_endpoint').on(t.endpointId, t.createdAt),
    index('webhook_deliveries_pending_sequence').on(t.endpointId, t.sequence).where(sql`${t.status} = 'pending'`),
  ],
);
