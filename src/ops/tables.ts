import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Rate-limit counters shared by every process on the database: one row per key (address and
 * route, or account for sign-in failures) and window. Unlogged (see the migration): a crash
 * forgets the counters, which costs nothing, and writes skip the WAL.
 */
export const rateLimitHits = pgTable('rate_limit_hits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
});

/**
 * When each timer that must run once per period (series extension, housekeeping, daily backup)
 * last ran, whichever process ran it: with an advisory lock, several processes share one schedule.
 */
export const timerRuns = pgTable('timer_runs', {
  name: text('name').primaryKey(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }).notNull(),
});
