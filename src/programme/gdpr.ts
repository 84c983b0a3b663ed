import { sql } from 'drizzle-orm';
import type { DataSubject, PersonalData } from '../db/gdpr.js';

// GDPR: programme speakers are public profiles an organiser made (often from an accepted call
// submission), with a private e-mail. They are the person's when they carry the person's address.

const theirs = (who: DataSubject) => sql`sp.network_id = ${who.networkId} AND lower(sp.email) = ${who.email}`;

export const speakerData: PersonalData = {
  key: 'speakerProfiles',
  async export(tx, who) {
    const res = await tx.execute<{ slug: string; name: string; bio: string; email: string; sessions: string[] }>(sql`
      SELECT sp.slug, sp.name, sp.bio, sp.email,
        coalesce((SELECT array_agg(s.title ORDER BY s.starts_at) FROM session_speakers ss
          JOIN event_sessions s ON s.id = ss.session_id WHERE ss.speaker_id = sp.id), '{}') AS sessions
      FROM speakers sp WHERE ${theirs(who)} ORDER BY sp.created_at`);
    return res.rows.map((r) => ({ slug: r.slug, name: r.name, bio: r.bio, email: r.email, sessions: r.sessions }));
  },
  /**
   * The profile goes (name, bio, address): the sessions stay in the programme without this
   * speaker (session_speakers go by cascade).
   */
  async forget(tx, who) {
    await tx.execute(sql`DELETE FROM speakers sp WHERE ${theirs(who)}`);
  },
};
