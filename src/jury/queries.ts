import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { callStages, submissions } from '../db/schema.js';
import { appeals, assignments, callJurors, conflicts, decisions, reviews } from './tables.js';

export type JurorRow = typeof callJurors.$inferSelect;
export type ConflictRow = typeof conflicts.$inferSelect;
export type AssignmentRow = typeof assignments.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;
export type DecisionRow = typeof decisions.$inferSelect;
export type AppealRow = typeof appeals.$inferSelect;

export async function insertJuror(db: Tx, values: typeof callJurors.$inferInsert): Promise<JurorRow | undefined> {
  const [row] = await db.insert(callJurors).values(values).onConflictDoNothing().returning();
  return row;
}
/** A seat whose person is still there; a former juror's seat (account erased) only holds their past reviews. */
export type ActiveJurorRow = JurorRow & { userId: string };
const isActive = (j: JurorRow): j is ActiveJurorRow => j.userId !== null;

/** The stage's jurors who can still judge (former jurors left out): conflicts, assignments, loads. */
export const selectJurors = async (db: Tx, stageId: string): Promise<ActiveJurorRow[]> =>
  (
    await db
      .select()
      .from(callJurors)
      .where(and(eq(callJurors.stageId, stageId), isNotNull(callJurors.userId)))
      .orderBy(asc(callJurors.createdAt))
  ).filter(isActive);
/** Every seat of the stage, former jurors included: whose reviews the results count. */
export const selectStageSeats = (db: Tx, stageId: string) =>
  db.select().from(callJurors).where(eq(callJurors.stageId, stageId)).orderBy(asc(callJurors.createdAt));
export const selectCallJurors = (db: Tx, callId: string) =>
  db.select().from(callJurors).where(eq(callJurors.callId, callId)).orderBy(asc(callJurors.createdAt));
export async function selectJurorByInvite(db: Tx, hash: string) {
  const [row] = await db.select().from(callJurors).where(eq(callJurors.inviteHash, hash));
  return row;
}
export async function selectJurorOf(db: Tx, stageId: string, userId: string) {
  const [row] = await db
    .select()
    .from(callJurors)
    .where(and(eq(callJurors.stageId, stageId), eq(callJurors.userId, userId)));
  return row;
}
export const selectJurorsOfUser = (db: Tx, callId: string, userId: string) =>
  db
    .select()
    .from(callJurors)
    .where(and(eq(callJurors.callId, callId), eq(callJurors.userId, userId)));
/** Uses an invitation: only while it is unused and unexpired, in one statement (two clicks cannot both pass). */
export async function useInvite(db: Tx, id: string): Promise<JurorRow | undefined> {
  const [row] = await db
    .update(callJurors)
    .set({ inviteUsedAt: new Date() })
    .where(and(eq(callJurors.id, id), isNull(callJurors.inviteUsedAt), gt(callJurors.inviteExpiresAt, sql`now()`)))
    .returning();
  return row;
}
export const updateJuror = (db: Tx, id: string, patch: Partial<typeof callJurors.$inferInsert>) =>
  db.update(callJurors).set(patch).where(eq(callJurors.id, id)).returning();

export const selectConflicts = (db: Tx, stageId: string) =>
  db.select().from(conflicts).where(eq(conflicts.stageId, stageId)).orderBy(asc(conflicts.createdAt));
/** One row per juror, submission and source: a new declaration replaces the juror's earlier one. */
export const upsertConflict = (db: Tx, values: typeof conflicts.$inferInsert) =>
  db
    .insert(conflicts)
    .values(values)
    .onConflictDoUpdate({
      target: [conflicts.jurorId, conflicts.submissionId, conflicts.source],
      set: { level: values.level, reason: values.reason ?? '', createdAt: new Date() },
    })
    .returning();

export const selectAssignments = (db: Tx, stageId: string) =>
  db.select().from(assignments).where(eq(assignments.stageId, stageId));
export const insertAssignments = (db: Tx, values: (typeof assignments.$inferInsert)[]) =>
  values.length ? db.insert(assignments).values(values).onConflictDoNothing() : Promise.resolve(undefined as unknown);
export const deleteAssignments = (db: Tx, ids: string[]) =>
  ids.length ? db.delete(assignments).where(inArray(assignments.id, ids)) : Promise.resolve(undefined as unknown);
export const setRule = (db: Tx, values: typeof assignments.$inferInsert) =>
  db
    .insert(assignments)
    .values(values)
    .onConflictDoUpdate({ target: [assignments.jurorId, assignments.submissionId], set: { rule: values.rule } });

export const selectReviews = (db: Tx, stageId: string) => db.select().from(reviews).where(eq(reviews.stageId, stageId));
export async function selectReview(db: Tx, jurorId: string, submissionId: string, lock = false) {
  const q = db
    .select()
    .from(reviews)
    .where(and(eq(reviews.jurorId, jurorId), eq(reviews.submissionId, submissionId)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}
export async function upsertReview(db: Tx, values: typeof reviews.$inferInsert) {
  const [row] = await db
    .insert(reviews)
    .values(values)
    .onConflictDoUpdate({
      target: [reviews.jurorId, reviews.submissionId],
      set: {
        scores: values.scores,
        comment: values.comment,
        applicantComment: values.applicantComment,
        abstain: values.abstain,
        submittedAt: values.submittedAt,
        updatedAt: new Date(),
      },
    })
    .returning();
  return row!;
}
/** Submitted reviews per submission of a stage: "save and next" goes to the fewest. */
export async function reviewCounts(db: Tx, stageId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: reviews.submissionId, n: sql<number>`count(*)::int` })
    .from(reviews)
    .where(and(eq(reviews.stageId, stageId), isNotNull(reviews.submittedAt)))
    .groupBy(reviews.submissionId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export const selectDecisions = (db: Tx, stageId: string) =>
  db.select().from(decisions).where(eq(decisions.stageId, stageId));
export const selectDecisionsOf = (db: Tx, stageIds: string[]) =>
  stageIds.length ? db.select().from(decisions).where(inArray(decisions.stageId, stageIds)) : Promise.resolve([]);
export const upsertDecision = (db: Tx, values: typeof decisions.$inferInsert) =>
  db
    .insert(decisions)
    .values(values)
    .onConflictDoUpdate({
      target: [decisions.stageId, decisions.submissionId],
      set: {
        outcome: values.outcome,
        amountCents: values.amountCents,
        reason: values.reason ?? '',
        includeComments: values.includeComments ?? false,
        status: 'pending',
      },
    })
    .returning();
export const updateDecisions = (db: Tx, ids: string[], patch: Partial<typeof decisions.$inferInsert>) =>
  ids.length
    ? db.update(decisions).set(patch).where(inArray(decisions.id, ids))
    : Promise.resolve(undefined as unknown);

export async function selectSubmissionForJury(db: Tx, networkId: string, id: string) {
  const [row] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.networkId, networkId), eq(submissions.id, id)));
  return row;
}
/** Serialises the decisions of a stage: drafting, previewing and sending wait for each other. */
export async function lockStage(db: Tx, stageId: string) {
  await db.select({ id: callStages.id }).from(callStages).where(eq(callStages.id, stageId)).for('update');
}
export async function closeStageRow(db: Tx, stageId: string) {
  const [row] = await db.update(callStages).set({ closedAt: new Date() }).where(eq(callStages.id, stageId)).returning();
  return row!;
}

export async function selectDecisionByConfirm(db: Tx, hash: string) {
  const [row] = await db.select().from(decisions).where(sql`${decisions.details}->>'confirmHash' = ${hash}`);
  return row;
}

// ── Appeals ──

/** Sent decisions of a submission, the latest first: an appeal is against the latest. */
export const selectSentDecisions = (db: Tx, submissionId: string) =>
  db
    .select()
    .from(decisions)
    .where(and(eq(decisions.submissionId, submissionId), eq(decisions.status, 'sent')))
    .orderBy(desc(decisions.sentAt));
/** One appeal per decision: a second is not inserted (the caller answers 409). */
export async function insertAppeal(db: Tx, values: typeof appeals.$inferInsert): Promise<AppealRow | undefined> {
  const [row] = await db.insert(appeals).values(values).onConflictDoNothing().returning();
  return row;
}
export const selectAppealsOf = (db: Tx, networkId: string, submissionIds: string[]) =>
  submissionIds.length
    ? db
        .select()
        .from(appeals)
        .where(and(eq(appeals.networkId, networkId), inArray(appeals.submissionId, submissionIds)))
        .orderBy(asc(appeals.createdAt))
    : Promise.resolve([] as AppealRow[]);
export async function selectAppeal(db: Tx, networkId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(appeals)
    .where(and(eq(appeals.networkId, networkId), eq(appeals.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}
export async function updateAppeal(db: Tx, id: string, patch: Partial<typeof appeals.$inferInsert>) {
  const [row] = await db.update(appeals).set(patch).where(eq(appeals.id, id)).returning();
  return row!;
}
