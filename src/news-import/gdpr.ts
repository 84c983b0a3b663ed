import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import type { PersonalData } from '../db/gdpr.js';

// GDPR: the WordPress imports a person started. Erasure needs nothing here: `created_by` is set
// to null with the account (ON DELETE SET NULL), and a job holds nothing else about its author.
export const newsImportData: PersonalData = {
  key: 'newsImports',
  async export(tx: Tx, who) {
    const res = await tx.execute<{ file_name: string; status: string; created_at: string }>(sql`
      SELECT file_name, status, created_at::text FROM news_import_jobs
      WHERE network_id = ${who.networkId} AND created_by = ${who.userId} ORDER BY created_at`);
    return res.rows.map((r) => ({ fileName: r.file_name, status: r.status, startedAt: r.created_at }));
  },
};
