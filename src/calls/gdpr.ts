import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { DELETED_LABEL, type DataSubject, type PersonalData } from '../db/gdpr.js';
import { releaseUploads } from '../storage/service.js';

// GDPR: a person's submissions to calls (as the applicant, signed in or by address), the
// submissions they were invited to as a co-applicant, and the appeals they lodged. Export and
// erasure SQL of this feature's own tables (and of the jury's appeals, which hang from submissions).

const mine = (who: DataSubject) =>
  sql`s.network_id = ${who.networkId} AND (s.user_id = ${who.userId} OR lower(s.applicant_email) = ${who.email})`;

export const callSubmissionData: PersonalData = {
  key: 'callSubmissions',
  async export(tx: Tx, who) {
    const subs = await tx.execute<{
      id: string;
      call_id: string;
      title: string;
      status: string;
      applicant_name: string;
      applicant_email: string;
      organisation: string;
      answers: Record<string, unknown>;
      submitted_at: string | null;
      created_at: string;
      files: string[];
      appeals: { grounds: string; status: string; answer: string; createdAt: string }[];
    }>(sql`
      SELECT s.id, s.call_id, s.title, s.status, s.applicant_name, s.applicant_email, s.organisation, s.answers,
        s.submitted_at::text, s.created_at::text,
        coalesce((SELECT array_agg(f.display_name ORDER BY f.created_at) FROM submission_files f WHERE f.submission_id = s.id), '{}') AS files,
        coalesce((SELECT json_agg(json_build_object('grounds', a.grounds, 'status', a.status, 'answer', a.answer, 'createdAt', a.created_at) ORDER BY a.created_at)
          FROM appeals a WHERE a.submission_id = s.id), '[]') AS appeals
      FROM submissions s WHERE ${mine(who)} ORDER BY s.created_at`);
    const co = await tx.execute<{ submission_id: string; title: string; name: string; email: string }>(sql`
      SELECT c.submission_id, s.title, c.name, c.email FROM co_applicants c JOIN submissions s ON s.id = c.submission_id
      WHERE s.network_id = ${who.networkId} AND lower(c.email) = ${who.email} ORDER BY c.created_at`);
    return {
      submissions: subs.rows.map((r) => ({
        id: r.id,
        callId: r.call_id,
        title: r.title,
        status: r.status,
        applicantName: r.applicant_name,
        applicantEmail: r.applicant_email,
        organisation: r.organisation,
        answers: r.answers,
        submittedAt: r.submitted_at,
        createdAt: r.created_at,
        files: r.files,
        appeals: r.appeals,
      })),
      coApplicant: co.rows.map((r) => ({
        submissionId: r.submission_id,
        title: r.title,
        name: r.name,
        email: r.email,
      })),
    };
  },
  /**
   * Drafts go; a submitted or withdrawn submission stays for the call's record (reviews, decisions,
   * a programme that may list its title) with the applicant removed: name, address, organisation,
   * answers, the blind copy, the attached files' links and the grounds of their appeals. Its secret
   * link stops working. Invitations as a co-applicant go. The files they attached, drafts' and
   * submissions' alike, leave the storage too (unless the same bytes are also someone else's file).
   */
  async forget(tx: Tx, who, erasure) {
    const files = await tx.execute<{ upload_id: string }>(sql`
      SELECT f.upload_id FROM submission_files f JOIN submissions s ON s.id = f.submission_id WHERE ${mine(who)}`);
    await tx.execute(sql`
      DELETE FROM co_applicants c USING submissions s
      WHERE s.id = c.submission_id AND s.network_id = ${who.networkId} AND lower(c.email) = ${who.email}`);
    await tx.execute(sql`DELETE FROM submissions s WHERE ${mine(who)} AND s.status = 'draft'`);
    const kept = await tx.execute<{ id: string }>(sql`
      UPDATE submissions s SET user_id = NULL, applicant_name = ${DELETED_LABEL},
        applicant_email = 'deleted-' || s.id || '@invalid', organisation = '', answers = '{}'::jsonb, redacted = NULL,
        secret_hash = md5(random()::text || s.id::text), updated_at = now()
      WHERE ${mine(who)} RETURNING s.id`);
    const ids = kept.rows.map((r) => r.id);
    if (ids.length) {
      const list = sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      );
      await tx.execute(sql`DELETE FROM submission_files WHERE submission_id IN (${list})`);
      await tx.execute(sql`UPDATE appeals SET grounds = '' WHERE submission_id IN (${list})`);
    }
    const uploads = [...new Set(files.rows.map((r) => r.upload_id))];
    erasure.blobKeys.push(...(await releaseUploads(tx, who.networkId, uploads)));
  },
};
