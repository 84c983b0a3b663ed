import { sql } from 'drizzle-orm';
import type { PersonalData } from '../db/gdpr.js';

// GDPR: a juror's seats on calls, with what they declared and the reviews they wrote. Erasing the
// person must not change a call already judged: a seat with submitted reviews stays as a "former
// juror" (no account, no name, no address, no declared relations), its reviews and conflicts intact,
// so the scores and rankings are what they were. Seats with nothing submitted go, and so do drafts
// and assignments not reviewed (an open stage then shows those submissions short of reviewers).
export const jurorData: PersonalData = {
  key: 'jurySeats',
  async export(tx, who) {
    const res = await tx.execute<{
      call: string;
      stage: string;
      name: string;
      email: string;
      organisation: string;
      relations: string[];
      languages: string[];
      invited_at: string;
      rules_accepted_at: string | null;
      reviews: { submissionId: string; scores: Record<string, number>; comment: string }[];
    }>(sql`
      SELECT c.slug AS call, s.name AS stage, j.name, j.email, j.organisation, j.relations, j.languages,
        j.created_at::text AS invited_at, j.rules_accepted_at::text,
        coalesce((SELECT json_agg(json_build_object('submissionId', r.submission_id, 'scores', r.scores, 'comment', r.comment))
          FROM reviews r WHERE r.juror_id = j.id), '[]') AS reviews
      FROM call_jurors j JOIN calls c ON c.id = j.call_id JOIN call_stages s ON s.id = j.stage_id
      WHERE c.network_id = ${who.networkId} AND (j.user_id = ${who.userId} OR lower(j.email) = ${who.email})
      ORDER BY j.created_at`);
    return res.rows.map((r) => ({
      call: r.call,
      stage: r.stage,
      name: r.name,
      email: r.email,
      organisation: r.organisation,
      relations: r.relations,
      languages: r.languages,
      invitedAt: r.invited_at,
      rulesAcceptedAt: r.rules_accepted_at,
      reviews: r.reviews,
    }));
  },
  async forget(tx, who) {
    const seats = sql`SELECT j.id FROM call_jurors j JOIN calls c ON c.id = j.call_id
      WHERE c.network_id = ${who.networkId} AND (j.user_id = ${who.userId} OR lower(j.email) = ${who.email})`;
    await tx.execute(sql`DELETE FROM reviews WHERE juror_id IN (${seats}) AND submitted_at IS NULL`);
    await tx.execute(sql`DELETE FROM assignments a WHERE a.juror_id IN (${seats})
      AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.juror_id = a.juror_id AND r.submission_id = a.submission_id)`);
    await tx.execute(sql`DELETE FROM call_jurors WHERE id IN (${seats})
      AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.juror_id = call_jurors.id)`);
    // The invitation hash stays unique and matches no link anyone holds.
    await tx.execute(sql`UPDATE call_jurors SET user_id = NULL, name = '', email = '', organisation = '',
        relations = '{}', invite_hash = 'erased:' || id, invite_used_at = coalesce(invite_used_at, now())
      WHERE id IN (${seats})`);
  },
};
