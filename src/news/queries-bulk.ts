import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import type { ArticleInsert } from './queries.js';

export type { ArticleInsert };
import { articleAuthors, articleCategories, articleRevisions, articles, articleTags } from './tables.js';

/**
 * The importers' SQL: one statement per batch of articles rather than a dozen per article (the
 * WXR import went from about 20 posts/s to the issue's 10,000 posts a minute this way). Kept apart
 * from queries.ts, which serves one article at a time to the pages and the API.
 */

/** Every article of the network: slug, and id, source key and hash for the imported ones. */
export function selectSlugsAndSources(db: Tx, networkId: string) {
  return db
    .select({ id: articles.id, slug: articles.slug, sourceKey: articles.sourceKey, sourceHash: articles.sourceHash })
    .from(articles)
    .where(eq(articles.networkId, networkId));
}

export function insertArticles(db: Tx, rows: ArticleInsert[]) {
  return db.insert(articles).values(rows).returning({
    id: articles.id,
    slug: articles.slug,
    sourceKey: articles.sourceKey,
    title: articles.title,
    language: articles.language,
    status: articles.status,
    publishedAt: articles.publishedAt,
    revision: articles.revision,
    networkId: articles.networkId,
  });
}

export async function insertArticleLinks(
  db: Tx,
  links: {
    categories: { articleId: string; categoryId: string }[];
    tags: { articleId: string; tagId: string }[];
    authors: { articleId: string; authorId: string; position: number }[];
  },
) {
  if (links.categories.length) await db.insert(articleCategories).values(links.categories).onConflictDoNothing();
  if (links.tags.length) await db.insert(articleTags).values(links.tags).onConflictDoNothing();
  if (links.authors.length) await db.insert(articleAuthors).values(links.authors).onConflictDoNothing();
}

export async function insertRevisions(db: Tx, rows: (typeof articleRevisions.$inferInsert)[]) {
  if (rows.length) await db.insert(articleRevisions).values(rows);
}

export function selectArticlesByIds(db: Tx, networkId: string, ids: string[]) {
  return db
    .select()
    .from(articles)
    .where(and(eq(articles.networkId, networkId), inArray(articles.id, ids)));
}

/** New bodies and what derives from them, one statement for many articles; the revision goes up by one. */
export async function updateBodies(
  db: Tx,
  networkId: string,
  rows: {
    id: string;
    bodyMarkdown: string;
    bodyHtml: string;
    excerpt: string;
    searchText: string;
    searchDoc: string;
  }[],
) {
  if (!rows.length) return [];
  const col = <K extends keyof (typeof rows)[number]>(k: K) => sql.param(rows.map((r) => r[k]));
  const res = await db.execute<{ id: string; revision: number; title: string; status: string; body: string }>(sql`
    UPDATE ${articles} a SET body_markdown = v.body, body_html = v.html, excerpt = v.excerpt,
      search_text = v.search, search_doc = v.doc::tsvector, revision = a.revision + 1, updated_at = now()
    FROM unnest(${col('id')}::uuid[], ${col('bodyMarkdown')}::text[], ${col('bodyHtml')}::text[],
                ${col('excerpt')}::text[], ${col('searchText')}::text[], ${col('searchDoc')}::text[])
      AS v(id, body, html, excerpt, search, doc)
    WHERE a.id = v.id AND a.network_id = ${networkId}
    RETURNING a.id, a.revision, a.title, a.status, a.body_markdown AS body`);
  return res.rows;
}
