import { and, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { articles } from './tables.js';

export async function selectBodies(db: Tx, networkId: string, language: string, limit: number) {
  const rows = await db
    .select({ body: articles.bodyMarkdown })
    .from(articles)
    .where(and(eq(articles.networkId, networkId), eq(articles.language, language), eq(articles.status, 'published')))
    .orderBy(desc(articles.publishedAt))
    .limit(limit);
  return rows.map((r) => r.body);
}

/** The words of the network's published articles, commonest first, for typo corrections (web/vocabulary.ts). */
export async function selectVocabularyWords(db: Tx, networkId: string): Promise<string[]> {
  const res = await db.execute<{ word: string }>(sql`
    SELECT word FROM ts_stat(format('SELECT search_doc FROM articles WHERE network_id = %L AND status = %L', ${networkId}::text, 'published'))
    WHERE word ~ '^[a-z0-9]{3,40}$' ORDER BY ndoc DESC LIMIT 100000`);
  return res.rows.map((r) => r.word);
}
