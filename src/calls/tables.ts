import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { chapters } from '../chapters/tables.js';
import { events } from '../events/tables.js';
import { networks } from '../networks/tables.js';
import { uploads } from '../storage/tables.js';
import type { CallRules, LocalisedText } from './schemas.js';

/**
 * A call for projects or for talks. Everything a jury judges by (form, criteria, places, budget,
 * tie-break, conflict policy, blindness) lives in `rules`, published before the call opens and frozen
 * once it opens: a later change makes a new row in `call_versions` and raises `version`.
 */
export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    /** Owner: the network (both null), a chapter, or an event (talks for that event). */
    chapterId: uuid('chapter_id').references(() => chapters.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    kind: text('kind').$type<'projects' | 'talks'>().notNull(),
    slug: text('slug').notNull(),
    title: jsonb('title').$type<LocalisedText>().notNull(),
    description: jsonb('description').$type<LocalisedText>().notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    rules: jsonb('rules').$type<CallRules>().notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('calls_slug').on(t.networkId, t.slug), index('calls_closing').on(t.networkId, t.closesAt)],
);

/** Every published state of a call after it opened, with the reason given: the call's history. */
export const callVersions = pgTable(
  'call_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    reason: text('reason').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    changedBy: uuid('changed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('call_versions_once').on(t.callId, t.version)],
);

/** A round of judging (a first selection, a final one): its own jurors, scores and decisions. */
export const callStages = pgTable(
  'call_stages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    blind: boolean('blind').notNull(),
    /** Reviews are locked once the stage is closed. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('call_stages_position').on(t.callId, t.position)],
);

/**
 * One application. Applicants need no account: `secret_hash` is the SHA-256 of the link mailed to
 * them. `redacted` is the organisers' confirmed copy of the free text with identifiers removed,
 * which is what jurors read in a blind stage.
 */
export const submissions = pgTable(
  'submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    secretHash: text('secret_hash').notNull(),
    applicantName: text('applicant_name').notNull(),
    applicantEmail: text('applicant_email').notNull(),
    organisation: text('organisation').notNull().default(''),
    locale: text('locale').notNull(),
    /** The language the submission is written in: jurors are assigned submissions they read. */
    language: text('language').notNull(),
    title: text('title').notNull().default(''),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull().default({}),
    eligibility: jsonb('eligibility').$type<Record<string, boolean>>().notNull().default({}),
    status: text('status').$type<'draft' | 'submitted' | 'withdrawn'>().notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    redacted: jsonb('redacted').$type<{ title: string; answers: Record<string, unknown> }>(),
    redactionConfirmedAt: timestamp('redaction_confirmed_at', { withTimezone: true }),
    /** Speaker's confirmation of an accepted talk or laureate's acceptance. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('submissions_call').on(t.callId, t.status), uniqueIndex('submissions_secret').on(t.secretHash)],
);

/** A file attached to a submission's file field: stored cleaned of metadata, under a neutral name. */
export const submissionFiles = pgTable(
  'submission_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    field: text('field').notNull(),
    uploadId: uuid('upload_id')
      .notNull()
      .references(() => uploads.id, { onDelete: 'cascade' }),
    /** The neutral name jurors see ("attachment-1.pdf"), never the applicant's. */
    displayName: text('display_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('submission_files_submission').on(t.submissionId)],
);

/** People invited by the applicant to the submission: they get its link and count for conflicts. */
export const coApplicants = pgTable(
  'co_applicants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('co_applicants_once').on(t.submissionId, t.email)],
);
