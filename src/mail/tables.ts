import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { networks } from '../networks/tables.js';

export const messageStatus = pgEnum('message_status', ['pending', 'sent', 'held', 'cancelled']);

/**
 * The payload key of a private message (a member writing to another): its text, subject and headers
 * are kept only until it is sent or cancelled, then blanked; the row stays as who/when/status.
 */
export const PRIVATE_BODY = 'privateBody';
/** What a private message's row keeps of its text once it is sent or cancelled: nothing. */
export const purgedText = { subject: null, textBody: null, htmlBody: null, headers: {}, attachments: [] };

export interface Attachment {
  filename: string;
  contentType: string;
  content: string;
}

/**
 * The outbox: every e-mail is a row written in the same transaction as what caused it (a
 * registration, a promotion), so none is lost and none is sent for a change that rolled back.
 * A worker writes and sends pending rows, retrying with backoff; without SMTP_URL they are
 * `held` and shown to admins. The row is the record: text, status, attempts and last error.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    toEmail: text('to_email').notNull(),
    toName: text('to_name').notNull().default(''),
    locale: text('locale').notNull(),
    /** What the message is about (ids, a waitlist position): it is written when it is sent or held. */
    payload: jsonb('payload').$type<Record<string, string | number>>().notNull().default({}),
    subject: text('subject'),
    textBody: text('text_body'),
    htmlBody: text('html_body'),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default([]),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    status: messageStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbound_messages_due').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('outbound_messages_network').on(t.networkId, t.createdAt),
    // Notices that gather news (new registrations for an organiser) exist once while waiting.
    uniqueIndex('outbound_messages_gather')
      .on(t.kind, sql`(${t.payload}->>'gather')`)
      .where(sql`${t.status} = 'pending' AND ${t.payload} ? 'gather'`),
  ],
);
