import { sql } from 'drizzle-orm';
import type { PersonalData } from '../db/gdpr.js';

// GDPR: a juror's seats on calls, with what they declared and the reviews they wrote. A juror is
// an account: the seats, and the reviews, conflicts and assignments hanging from them, go with it
// (ON DELETE CASCADE), so there is nothing to forget here.
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
};
