import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { callJurors, chapters } from '../db/schema.js';
import { callStages, callVersions, calls, coApplicants, submissionFiles, submissions } from './tables.js';

export type CallRow = typeof calls.$inferSelect;
export type StageRow = typeof callStages.$inferSelect;
export type SubmissionRow = typeof submissions.$inferSelect;
export type SubmissionFileRow = typeof submissionFiles.$inferSelect;

export async function selectCall(db: Tx, networkId: string, id: string, lock = false): Promise<CallRow | undefined> {
  const q = db
    .select()
    .from(calls)
    .where(and(eq(calls.networkId, networkId), eq(calls.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function selectCallBySlug(db: Tx, networkId: string, slug: string): Promise<CallRow | undefined> {
  const [row] = await db
    .select()
    .from(calls)
    .where(and(eq(calls.networkId, networkId), eq(calls.slug, slug)));
  return row;
}

export const selectCalls = (db: Tx, networkId: string, limit: number, offset: number) =>
  db
    .select()
    .from(calls)
    .where(eq(calls.networkId, networkId))
    .orderBy(desc(calls.opensAt), asc(calls.id))
    .limit(limit)
    .offset(offset);

export const selectStages = (db: Tx, callIds: string[]) =>
  callIds.length
    ? db.select().from(callStages).where(inArray(callStages.callId, callIds)).orderBy(asc(callStages.position))
    : Promise.resolve([] as StageRow[]);

export async function chapterSlugs(db: Tx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: chapters.id, slug: chapters.slug })
    .from(chapters)
    .where(inArray(chapters.id, ids));
  return new Map(rows.map((r) => [r.id, r.slug]));
}

export async function insertCall(db: Tx, values: typeof calls.$inferInsert): Promise<CallRow> {
  const [row] = await db.insert(calls).values(values).returning();
  return row!;
}

export const insertStages = (db: Tx, values: (typeof callStages.$inferInsert)[]) =>
  db.insert(callStages).values(values).returning();

export async function updateCallRow(db: Tx, id: string, patch: Partial<typeof calls.$inferInsert>): Promise<CallRow> {
  const [row] = await db
    .update(calls)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(calls.id, id))
    .returning();
  return row!;
}

export const insertVersion = (db: Tx, values: typeof callVersions.$inferInsert) =>
  db.insert(callVersions).values(values);
export const selectVersions = (db: Tx, callId: string) =>
  db.select().from(callVersions).where(eq(callVersions.callId, callId)).orderBy(asc(callVersions.version));

/** Everyone to tell about a new version: applicants with a draft or a submission, and the jurors. */
export async function callAudience(db: Tx, callId: string) {
  const applicants = await db
    .select({ email: submissions.applicantEmail, name: submissions.applicantName, locale: submissions.locale })
    .from(submissions)
    .where(and(eq(submissions.callId, callId), sql`${submissions.status} <> 'withdrawn'`));
  const jurors = await db
    .selectDistinct({ email: callJurors.email, name: callJurors.name, locale: callJurors.locale })
    .from(callJurors)
    .where(eq(callJurors.callId, callId));
  return { applicants, jurors };
}

// ── Submissions ──

export async function selectSubmission(db: Tx, networkId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(submissions)
    .where(and(eq(submissions.networkId, networkId), eq(submissions.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function selectSubmissionBySecret(db: Tx, secretHash: string) {
  const [row] = await db.select().from(submissions).where(eq(submissions.secretHash, secretHash));
  return row;
}

export const selectSubmissions = (db: Tx, callId: string, status?: SubmissionRow['status']) =>
  db
    .select()
    .from(submissions)
    .where(and(eq(submissions.callId, callId), status ? eq(submissions.status, status) : undefined))
    .orderBy(asc(submissions.submittedAt), asc(submissions.id));

export async function insertSubmission(db: Tx, values: typeof submissions.$inferInsert): Promise<SubmissionRow> {
  const [row] = await db.insert(submissions).values(values).returning();
  return row!;
}

export async function updateSubmissionRow(db: Tx, id: string, patch: Partial<typeof submissions.$inferInsert>) {
  const [row] = await db
    .update(submissions)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(submissions.id, id))
    .returning();
  return row!;
}

export const selectFiles = (db: Tx, submissionIds: string[]) =>
  submissionIds.length
    ? db
        .select()
        .from(submissionFiles)
        .where(inArray(submissionFiles.submissionId, submissionIds))
        .orderBy(asc(submissionFiles.createdAt))
    : Promise.resolve([] as SubmissionFileRow[]);

export async function replaceFile(db: Tx, values: typeof submissionFiles.$inferInsert) {
  await db
    .delete(submissionFiles)
    .where(and(eq(submissionFiles.submissionId, values.submissionId), eq(submissionFiles.field, values.field)));
  const [row] = await db.insert(submissionFiles).values(values).returning();
  return row!;
}

export async function selectFile(db: Tx, submissionId: string, fileId: string) {
  const [row] = await db
    .select()
    .from(submissionFiles)
    .where(and(eq(submissionFiles.submissionId, submissionId), eq(submissionFiles.id, fileId)));
  return row;
}

export const selectCoApplicants = (db: Tx, submissionIds: string[]) =>
  submissionIds.length
    ? db.select().from(coApplicants).where(inArray(coApplicants.submissionId, submissionIds))
    : Promise.resolve([] as (typeof coApplicants.$inferSelect)[]);

export const insertCoApplicant = (db: Tx, values: typeof coApplicants.$inferInsert) =>
  db.insert(coApplicants).values(values).onConflictDoNothing().returning();
