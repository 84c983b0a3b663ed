import { sql } from 'drizzle-orm';
import { DELETED_LABEL, type DataSubject, type PersonalData } from '../db/gdpr.js';

// GDPR: the news editor role, and the comments of the old WordPress site imported under an
// article. Those comments keep a name only (never an address): they are the person's when they
// carry the account's name, compared without case or surrounding spaces.

/** A network-wide role, deleted with the account (ON DELETE CASCADE): export only. */
export const newsEditorData: PersonalData = {
  key: 'newsEditor',
  async export(tx, who) {
    const res = await tx.execute<{ since: string }>(sql`
      SELECT created_at::text AS since FROM news_editors WHERE network_id = ${who.networkId} AND user_id = ${who.userId}`);
    return res.rows.map((r) => ({ since: r.since }));
  },
};

const signedWithTheirName = (who: DataSubject) => sql`
  c.network_id = ${who.networkId} AND lower(btrim(c.author_name)) = (
    SELECT lower(btrim(u.name)) FROM users u WHERE u.id = ${who.userId} AND btrim(u.name) <> '')`;

export const articleCommentData: PersonalData = {
  key: 'newsComments',
  async export(tx, who) {
    const res = await tx.execute<{ article: string; author_name: string; body_html: string; posted_at: string | null }>(
      sql`
      SELECT a.slug AS article, c.author_name, c.body_html, c.posted_at::text FROM article_comments c
      JOIN articles a ON a.id = c.article_id WHERE ${signedWithTheirName(who)} ORDER BY c.posted_at`,
    );
    return res.rows.map((r) => ({ article: r.article, name: r.author_name, text: r.body_html, postedAt: r.posted_at }));
  },
  /** The comment stays in the thread it belongs to (replies hang from it), signed by nobody. */
  async forget(tx, who) {
    await tx.execute(
      sql`UPDATE article_comments c SET author_name = ${DELETED_LABEL} WHERE ${signedWithTheirName(who)}`,
    );
  },
};
