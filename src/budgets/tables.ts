import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { chapters } from '../chapters/tables.js';
import { networks } from '../networks/tables.js';

/** Money in cents fits a JavaScript number exactly far beyond any budget; bigint avoids int4's 21 M EUR cap. */
const cents = (name: string) => bigint(name, { mode: 'number' });

/**
 * Treasurers: for the whole network (chapter_id null) or for one chapter. They approve and pay
 * expenses and read the accounts of their scope; admins are treasurers of everything.
 */
export const treasurers = pgTable(
  'treasurers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    chapterId: uuid('chapter_id').references(() => chapters.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('treasurers_once').on(t.networkId, t.userId, t.chapterId).nullsNotDistinct()],
);

export interface Category {
  code: string;
  fr: string;
  nl: string;
  en: string;
}

/**
 * The expense categories a funder asks for. The network's own set (is_default) is the one
 * expenses use; a grant names which of its codes it funds.
 */
export const categorySets = pgTable(
  'category_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    categories: jsonb('categories').$type<Category[]>().notNull(),
    isDefault: integer('is_default').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('category_sets_name').on(t.networkId, t.name),
    uniqueIndex('category_sets_one_default').on(t.networkId).where(sql`${t.isDefault} = 1`),
  ],
);

/** A grant: who funds, how much, at what co-financing rate, for which categories and period. */
export const grants = pgTable(
  'grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    chapterId: uuid('chapter_id').references(() => chapters.id, { onDelete: 'set null' }),
    funder: text('funder').notNull(),
    /** Public bodies: the share of income that may trigger public procurement rules. */
    publicFunder: integer('public_funder').notNull().default(1),
    decisionRef: text('decision_ref').notNull().default(''),
    amountGrantedCents: cents('amount_granted_cents').notNull(),
    /** Share of eligible costs the funder pays, in basis points: 5000 = 50 %. */
    rateBp: integer('rate_bp').notNull(),
    eligibleCategories: text('eligible_categories').array().notNull(),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    justificationDeadline: date('justification_deadline'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('grants_network').on(t.networkId, t.periodStart),
    check('grants_rate', sql`${t.rateBp} between 1 and 10000`),
    check('grants_period', sql`${t.periodEnd} >= ${t.periodStart}`),
    check('grants_amount', sql`${t.amountGrantedCents} >= 0`),
  ],
);

/** A year's budget of the network (chapter_id null) or of a chapter. */
export const budgets = pgTable(
  'budgets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    chapterId: uuid('chapter_id').references(() => chapters.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('budgets_once').on(t.networkId, t.chapterId, t.year).nullsNotDistinct()],
);

export const budgetLineKind = pgEnum('budget_line_kind', ['grant', 'sponsorship', 'own_funds', 'expense']);

/** Income (grant, sponsorship, own funds) or planned expense (by category) of a budget. */
export const budgetLines = pgTable(
  'budget_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    budgetId: uuid('budget_id')
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    kind: budgetLineKind('kind').notNull(),
    grantId: uuid('grant_id').references(() => grants.id, { onDelete: 'restrict' }),
    category: text('category'),
    label: text('label').notNull().default(''),
    amountCents: cents('amount_cents').notNull(),
  },
  (t) => [index('budget_lines_budget').on(t.budgetId)],
);
