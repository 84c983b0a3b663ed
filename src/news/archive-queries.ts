import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { articleComments, articles } from './tables.js';

/** The SQL of what an import brings besides the articles: archived comments, parents, featured images. */

export type CommentInsert = typeof articleComments.$inferInsert;
export type CommentRow = typeof articleComments.$inferSelect;

/** New comments are added, edited ones updated (only when something changed: no useless writes). */
export async function upsertComments(db: Tx, rows: CommentInsert[]) {
  if (!rows.length) return;
  await db
    .insert(articleComments)
    .values(rows)
    .onConflictDoUpdate({
      target: [articleComments.articleId, articleComments.sourceId],
      set: {
        sourceParent: sql`excluded.source_parent`,
        authorName: sql`excluded.author_name`,
        bodyHtml: sql`excluded.body_html`,
        postedAt: sql`excluded.posted_at`,
      },
      setWhere: sql`(${articleComments.sourceParent}, ${articleComments.authorName}, ${articleComments.bodyHtml}, ${articleComments.postedAt})
        IS DISTINCT FROM (excluded.source_parent, excluded.author_name, excluded.body_html, excluded.posted_at)`,
    });
}

/** Comments of these articles that the export no longer lists as approved leave the archive. */
export async function deleteCommentsExcept(
  db: Tx,
  networkId: string,
  articleIds: string[],
  keep: { articleId: string; sourceId: string }[],
) {
  if (!articleIds.length) return;
  await db.execute(sql`DELETE FROM article_comments c
    WHERE c.network_id = ${networkId} AND c.article_id IN (${sql.join(
      articleIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
      AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset(${JSON.stringify(keep)}::jsonb) AS k("articleId" uuid, "sourceId" text)
                      WHERE k."articleId" = c.article_id AND k."sourceId" = c.source_id)`);
}

export function selectComments(db: Tx, networkId: string, articleId: string) {
  return db
    .select()
    .from(articleComments)
    .where(and(eq(articleComments.networkId, networkId), eq(articleComments.articleId, articleId)))
    .orderBy(asc(articleComments.postedAt), asc(articleComments.sourceId));
}

/** Sets each child's parent in one statement. */
export async function updateParents(db: Tx, networkId: string, pairs: { id: string; parentId: string | null }[]) {
  if (!pairs.length) return;
  await db.execute(sql`UPDATE articles a SET parent_id = p."parentId"
    FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS p(id uuid, "parentId" uuid)
    WHERE a.network_id = ${networkId} AND a.id = p.id AND a.parent_id IS DISTINCT FROM p."parentId"`);
}

/**
 * Each article's ancestors, nearest first, through a recursive walk up `parent_id` (cut at ten
 * levels: a cycle, which the importer refuses anyway, can never loop).
 */
export async function selectAncestors(db: Tx, networkId: string, ids: string[]) {
  if (!ids.length) return [];
  const res = await db.execute<{ of: string; depth: number; id: string; slug: string; title: string; status: string }>(
    sql`WITH RECURSIVE up(of, depth, parent) AS (
      SELECT a.id, 1, a.parent_id FROM articles a
        WHERE a.network_id = ${networkId} AND a.parent_id IS NOT NULL
          AND a.id IN (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})
      UNION ALL
      SELECT up.of, up.depth + 1, p.parent_id FROM up JOIN articles p ON p.id = up.parent
        WHERE p.parent_id IS NOT NULL AND up.depth < 10
    )
    SELECT up.of, up.depth, p.id, p.slug, p.title, p.status FROM up JOIN articles p ON p.id = up.parent
    ORDER BY up.of, up.depth`,
  );
  return res.rows;
}

export function selectChildren(db: Tx, networkId: string, parentId: string) {
  return db
    .select({ id: articles.id, slug: articles.slug, title: articles.title })
    .from(articles)
    .where(and(eq(articles.networkId, networkId), eq(articles.parentId, parentId), eq(articles.status, 'published')))
    .orderBy(asc(articles.title));
}

/**
 * Featured images of imported articles: the old address is always recorded; the upload becomes
 * the cover, and the attachment's description its alt, only where the article has none (an
 * editor's own choice is never replaced).
 */
export async function updateImportedCovers(
  db: Tx,
  networkId: string,
  items: { id: string; url: string; uploadId: string | null; alt?: string }[],
) {
  if (!items.length) return;
  await db.execute(sql`UPDATE articles a
    SET cover_source_url = c.url, cover_upload_id = COALESCE(a.cover_upload_id, c."uploadId"),
      cover_alt = CASE WHEN a.cover_alt = '' THEN COALESCE(c.alt, '') ELSE a.cover_alt END
    FROM jsonb_to_recordset(${JSON.stringify(items)}::jsonb) AS c(id uuid, url text, "uploadId" uuid, alt text)
    WHERE a.network_id = ${networkId} AND a.id = c.id
      AND (a.cover_source_url IS DISTINCT FROM c.url OR (a.cover_upload_id IS NULL AND c."uploadId" IS NOT NULL)
        OR (a.cover_alt = '' AND COALESCE(c.alt, '') <> ''))`);
}

/** Articles that were waiting for this old address's file get it as their cover. */
export async function coverWaitingArticles(db: Tx, networkId: string, url: string, uploadId: string) {
  const rows = await db
    .update(articles)
    .set({ coverUploadId: uploadId })
    .where(and(eq(articles.networkId, networkId), eq(articles.coverSourceUrl, url), isNull(articles.coverUploadId)))
    .returning({ id: articles.id });
  return rows.length;
}

export function selectIdsBySources(db: Tx, networkId: string, keys: string[]) {
  if (!keys.length) return Promise.resolve([]);
  return db
    .select({ id: articles.id, sourceKey: articles.sourceKey, slug: articles.slug, parentId: articles.parentId })
    .from(articles)
    .where(and(eq(articles.networkId, networkId), inArray(articles.sourceKey, keys)));
}

export async function selectSlugsByIds(db: Tx, networkId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: articles.id, slug: articles.slug })
    .from(articles)
    .where(and(eq(articles.networkId, networkId), inArray(articles.id, ids)));
  return new Map(rows.map((r) => [r.id, r.slug]));
}

/**
 * Articles that may show pictures from elsewhere (an absolute `<img src>`, own site's included: the
 * caller tells them apart) or wait for their featured image's file; the oldest first.
 */
export function selectRemoteMediaArticles(db: Tx, networkId: string, limit: number) {
  return db
    .select()
    .from(articles)
    .where(
      and(
        eq(articles.networkId, networkId),
        or(
          sql`${articles.bodyHtml} ~* '<img[^>]*src="(https?:)?//'`,
          and(isNotNull(articles.coverSourceUrl), isNull(articles.coverUploadId)),
        ),
      ),
    )
    .orderBy(asc(articles.createdAt))
    .limit(limit);
}
