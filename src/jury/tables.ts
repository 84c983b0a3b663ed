import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/tables.js';
import { networks } from '../networks/tables.js';
import { callStages, calls, submissions } from '../calls/tables.js';

/**
 * A juror of one stage. Jurors need not be members: inviting an address makes a plain account
 * (no profile, not in the directory) that signs in through the invitation link.
 */
export const callJurors = pgTable(
  'call_jurors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => callStages.id, { onDelete: 'cascade' }),
    /**
     * Null once the juror's account is erased: the seat stays as a "former juror", with the name and
     * address scrubbed, so the reviews they submitted (and the results of a judged call) survive.
     */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    organisation: text('organisation').notNull().default(''),
    /** People the juror declared a relation with (names or e-mails), checked against applicants. */
    relations: text('relations').array().notNull().default([]),
    languages: text('languages').array().notNull().default([]),
    inviteHash: text('invite_hash').notNull(),
    /** The invitation link works once, until then (a new one can be sent). */
    inviteExpiresAt: timestamp('invite_expires_at', { withTimezone: true }).notNull().defaultNow(),
    inviteUsedAt: timestamp('invite_used_at', { withTimezone: true }),
    /** The language of the juror's mails: their profile's, else the one they were invited in. */
    locale: text('locale').notNull().default('fr'),
    rulesAcceptedAt: timestamp('rules_accepted_at', { withTimezone: true }),
    /** Seed of the juror's own order of submissions. */
    orderSeed: integer('order_seed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('call_jurors_once').on(t.stageId, t.userId),
    uniqueIndex('call_jurors_invite').on(t.inviteHash),
    index('call_jurors_user').on(t.userId),
  ],
);

/** A conflict of interest: declared by the juror or detected by the system. `none` records a declaration of none. */
export const conflicts = pgTable(
  'conflicts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => callStages.id, { onDelete: 'cascade' }),
    jurorId: uuid('juror_id')
      .notNull()
      .references(() => callJurors.id, { onDelete: 'cascade' }),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    level: text('level').$type<'none' | 'soft' | 'hard'>().notNull(),
    source: text('source').$type<'declared' | 'detected'>().notNull(),
    reason: text('reason').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('conflicts_once').on(t.jurorId, t.submissionId, t.source)],
);

/** Who reviews what. `rule` records an organiser's pin or forbid, which every re-run respects. */
export const assignments = pgTable(
  'assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => callStages.id, { onDelete: 'cascade' }),
    jurorId: uuid('juror_id')
      .notNull()
      .references(() => callJurors.id, { onDelete: 'cascade' }),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    /** `auto`: made by the assignment; `pin`: kept whatever happens; `forbid`: never assigned. */
    rule: text('rule').$type<'auto' | 'pin' | 'forbid'>().notNull().default('auto'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('assignments_once').on(t.jurorId, t.submissionId), index('assignments_stage').on(t.stageId)],
);

/** A juror's review of a submission in a stage: locked once the stage closes. */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => callStages.id, { onDelete: 'cascade' }),
    jurorId: uuid('juror_id')
      .notNull()
      .references(() => callJurors.id, { onDelete: 'cascade' }),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    scores: jsonb('scores').$type<Record<string, number>>().notNull().default({}),
    comment: text('comment').notNull().default(''),
    applicantComment: text('applicant_comment').notNull().default(''),
    abstain: boolean('abstain').notNull().default(false),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reviews_once').on(t.jurorId, t.submissionId), index('reviews_stage').on(t.stageId)],
);

/**
 * The outcome of a submission in a stage: pending while the organisers work, previewed, then sent
 * (the mails queued together). `outcome` advance moves it to the next stage.
 */
export const decisions = pgTable(
  'decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => callStages.id, { onDelete: 'cascade' }),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    outcome: text('outcome').$type<'accepted' | 'rejected' | 'advanced'>().notNull(),
    amountCents: integer('amount_cents'),
    reason: text('reason').notNull().default(''),
    includeComments: boolean('include_comments').notNull().default(false),
    status: text('status').$type<'pending' | 'previewed' | 'sent'>().notNull().default('pending'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    appealUntil: timestamp('appeal_until', { withTimezone: true }),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [uniqueIndex('decisions_once').on(t.stageId, t.submissionId)],
);

/**
 * An applicant's appeal against a sent decision, within the call's appeal window; organisers
 * answer it once (upheld or dismissed, with their reasons), and the applicant is told.
 */
export const appeals = pgTable(
  'appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    decisionId: uuid('decision_id')
      .notNull()
      .references(() => decisions.id, { onDelete: 'cascade' }),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    grounds: text('grounds').notNull(),
    status: text('status').$type<'open' | 'upheld' | 'dismissed'>().notNull().default('open'),
    answer: text('answer').notNull().default(''),
    answeredBy: uuid('answered_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('appeals_once').on(t.decisionId), index('appeals_submission').on(t.networkId, t.submissionId)],
);
