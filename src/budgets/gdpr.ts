import { sql } from 'drizzle-orm';
import type { PersonalData } from '../db/gdpr.js';

// GDPR: where a person is treasurer (the network, or a chapter). A role, deleted with the account
// (ON DELETE CASCADE): export only.
export const treasurerData: PersonalData = {
  key: 'treasurerOf',
  async export(tx, who) {
    const res = await tx.execute<{ chapter: string | null; since: string }>(sql`
      SELECT c.name AS chapter, t.created_at::text AS since FROM treasurers t LEFT JOIN chapters c ON c.id = t.chapter_id
      WHERE t.network_id = ${who.networkId} AND t.user_id = ${who.userId} ORDER BY t.created_at`);
    return res.rows.map((r) => ({ scope: r.chapter ?? 'network', since: r.since }));
  },
};
