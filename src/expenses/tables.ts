import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { grants } from '../budgets/tables.js';
import { chapters } from '../chapters/tables.js';
import { events } from '../events/tables.js';
import { networks } from '../networks/tables.js';
import { uploads } from '../storage/tables.js';

const cents = (name: string) => bigint(name, { mode: 'number' });

export const expenseStatus = pgEnum('expense_status', [
  'draft',
  'submitted',
  'incomplete',
  'approved',
  'paid',
  'rejected',
]);
export const expensePayer = pgEnum('expense_payer', ['network', 'organiser']);

/**
 * An expense line: VAT-inclusive amount in cents (negative for a refund or a credit note), of a
 * chapter or of the network (chapter_id null). `reimburse_user_id` is the organiser who paid it
 * out of pocket; `volunteer_user_id` marks a volunteer allowance paid to that person.
 */
export const expenses = pgTable(
  'expenses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    chapterId: uuid('chapter_id').references(() => chapters.id, { onDelete: 'restrict' }),
    status: expenseStatus('status').notNull().default('draft'),
    incurredOn: date('incurred_on').notNull(),
    paidOn: date('paid_on'),
    supplierName: text('supplier_name').notNull(),
    supplierVat: text('supplier_vat'),
    amountCents: cents('amount_cents').notNull(),
    vatRate: integer('vat_rate').notNull(),
    category: text('category').notNull(),
    description: text('description').notNull().default(''),
    paidBy: expensePayer('paid_by').notNull().default('network'),
    reimburseUserId: uuid('reimburse_user_id').references(() => users.id, { onDelete: 'set null' }),
    volunteerUserId: uuid('volunteer_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** When the person paid (reimbursed, or given the allowance) erased their account: the line stays, anonymised. */
    payeeErasedAt: timestamp('payee_erased_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    /** Why it was rejected, or what is missing (incomplete). */
    statusReason: text('status_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('expenses_network_date').on(t.networkId, t.incurredOn),
    index('expenses_chapter').on(t.networkId, t.chapterId, t.incurredOn),
    index('expenses_status').on(t.networkId, t.status),
    check('expenses_vat_rate', sql`${t.vatRate} in (0, 6, 12, 21)`),
    check(
      'expenses_reimburse',
      sql`${t.paidBy} = 'network' or ${t.reimburseUserId} is not null or ${t.payeeErasedAt} is not null`,
    ),
  ],
);

/** Receipts of an expense: stored by the storage module (bytes as received, SHA-256). */
export const expenseReceipts = pgTable(
  'expense_receipts',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    expenseId: uuid('expense_id')
      .notNull()
      .references(() => expenses.id, { onDelete: 'cascade' }),
    uploadId: uuid('upload_id')
      .notNull()
      .references(() => uploads.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.expenseId, t.uploadId] })],
);

/** The share of an expense that an event cost; the shares of one expense add up to its amount. */
export const expenseEventShares = pgTable(
  'expense_event_shares',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    expenseId: uuid('expense_id')
      .notNull()
      .references(() => expenses.id, { onDelete: 'cascade' }),
    // Cancelled events keep their costs: an event is never deleted from under its expenses.
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'restrict' }),
    amountCents: cents('amount_cents').notNull(),
  },
  (t) => [primaryKey({ columns: [t.expenseId, t.eventId] }), index('expense_event_shares_event').on(t.eventId)],
);

/** The share of an expense charged to a grant; together at most the whole expense. */
export const expenseGrantShares = pgTable(
  'expense_grant_shares',
  {
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    expenseId: uuid('expense_id')
      .notNull()
      .references(() => expenses.id, { onDelete: 'cascade' }),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'restrict' }),
    amountCents: cents('amount_cents').notNull(),
  },
  (t) => [primaryKey({ columns: [t.expenseId, t.grantId] }), index('expense_grant_shares_grant').on(t.grantId)],
);
