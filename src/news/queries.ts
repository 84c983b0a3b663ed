import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import { chapters } from '../chapters/tables.js';
import type { Tx } from '../db/connection.js';
import { chapterFollowers } from '../follows/tables.js';
import { uploads } from '../storage/tables.js';
import {
  articleAuthors,
  articleCategories,
  articleRevisions,
  articles,
  articleTags,
  newsAuthors,
  newsCategories,
  newsEditors,
  newsTags,
  type ArticleStatus,
} from './tables.js';

// Categories, tags and bylines: their SQL is in term-queries.ts, part of this module's face.
export * from './term-queries.js';
// The words and bodies search and repair read: search-queries.ts.
export * from './search-queries.js';
// Imported comments, parents and featured images: archive-queries.ts.
export * from './archive-queries.js';
// The lists (network, chapter, term, author, search): list-queries.ts.
export * from './list-queries.js';

export type ArticleRow = typeof articles.$inferSelect;
export type ArticleInsert = typeof articles.$inferInsert;
export type AuthorRow = typeof newsAuthors.$inferSelect;
export type CategoryRow = typeof newsCategories.$inferSelect;
export type TagRow = typeof newsTags.$inferSelect;

export async function selectArticle(db: Tx, networkId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(articles)
    .where(and(eq(articles.networkId, networkId), eq(articles.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function selectArticleBySlug(db: Tx, networkId: string, slug: string) {
  const [row] = await db
    .select()
    .from(articles)
    .where(and(eq(articles.networkId, networkId), eq(articles.slug, slug)));
  return row;
}

export async function selectArticleBySource(db: Tx, networkId: string, sourceKey: string) {
  const [row] = await db
    .select()
    .from(articles)
    .where(and(eq(articles.networkId, networkId), eq(articles.sourceKey, sourceKey)));
  return row;
}

/** Slugs of the network that start with `prefix`: a truncated old permalink finds its article only when alone. */
export function selectSlugsStartingWith(db: Tx, networkId: string, prefix: string, limit = 2) {
  return db
    .select({ id: articles.id, slug: articles.slug, title: articles.title, status: articles.status })
    .from(articles)
    .where(
      and(
        eq(articles.networkId, networkId),
        sql`starts_with(${articles.slug}, ${prefix})`,
        inArray(articles.status, ['published', 'unlisted']),
      ),
    )
    .orderBy(asc(articles.slug))
    .limit(limit);
}

export async function insertArticle(db: Tx, values: ArticleInsert): Promise<ArticleRow> {
  const [row] = await db.insert(articles).values(values).returning();
  return row!;
}

export async function updateArticle(db: Tx, id: string, patch: Partial<ArticleInsert>): Promise<ArticleRow> {
  const [row] = await db
    .update(articles)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(articles.id, id))
    .returning();
  return row!;
}

// ——— what a page or the API shows with an article ———

export async function selectRelations(db: Tx, networkId: string, rows: ArticleRow[]) {
  const ids = rows.map((r) => r.id);
  if (!ids.length) return { authors: [], categories: [], tags: [], chapters: [], covers: [], translations: [] };
  const chapterIds = [...new Set(rows.map((r) => r.chapterId).filter((x): x is string => !!x))];
  const coverIds = [...new Set(rows.map((r) => r.coverUploadId).filter((x): x is string => !!x))];
  const groups = [...new Set(rows.map((r) => r.translationGroup))];
  // One after the other: `db` may be a transaction's single client (the demo loader, an import),
  // where concurrent queries are deprecated by pg and queue anyway.
  const authors = await db
    .select({ articleId: articleAuthors.articleId, slug: newsAuthors.slug, name: newsAuthors.name })
    .from(articleAuthors)
    .innerJoin(newsAuthors, eq(newsAuthors.id, articleAuthors.authorId))
    .where(inArray(articleAuthors.articleId, ids))
    .orderBy(asc(articleAuthors.position));
  const categories = await db
    .select({
      articleId: articleCategories.articleId,
      slug: newsCategories.slug,
      name: newsCategories.name,
      path: newsCategories.path,
    })
    .from(articleCategories)
    .innerJoin(newsCategories, eq(newsCategories.id, articleCategories.categoryId))
    .where(inArray(articleCategories.articleId, ids))
    .orderBy(asc(newsCategories.path));
  const tags = await db
    .select({ articleId: articleTags.articleId, slug: newsTags.slug, name: newsTags.name })
    .from(articleTags)
    .innerJoin(newsTags, eq(newsTags.id, articleTags.tagId))
    .where(inArray(articleTags.articleId, ids))
    .orderBy(asc(newsTags.slug));
  const chapterRows = chapterIds.length
    ? await db
        .select({
          id: chapters.id,
          slug: chapters.slug,
          name: chapters.name,
          language: chapters.language,
          translations: chapters.translations,
        })
        .from(chapters)
        .where(inArray(chapters.id, chapterIds))
    : [];
  const covers = coverIds.length
    ? await db
        .select({ id: uploads.id, variants: uploads.variants })
        .from(uploads)
        .where(and(eq(uploads.networkId, networkId), inArray(uploads.id, coverIds)))
    : [];
  const translations = await db
    .select({
      id: articles.id,
      group: articles.translationGroup,
      language: articles.language,
      slug: articles.slug,
      status: articles.status,
    })
    .from(articles)
    .where(and(eq(articles.networkId, networkId), inArray(articles.translationGroup, groups)));
  return { authors, categories, tags, chapters: chapterRows, covers, translations };
}

// ——— revisions ———

export async function insertRevision(db: Tx, values: typeof articleRevisions.$inferInsert) {
  await db.insert(articleRevisions).values(values);
}

export function selectRevisions(db: Tx, networkId: string, articleId: string) {
  return db
    .select({
      number: articleRevisions.number,
      title: articleRevisions.title,
      bodyMarkdown: articleRevisions.bodyMarkdown,
      status: articleRevisions.status,
      note: articleRevisions.note,
      createdAt: articleRevisions.createdAt,
      editedBy: users.name,
    })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.editedBy))
    .where(and(eq(articleRevisions.networkId, networkId), eq(articleRevisions.articleId, articleId)))
    .orderBy(asc(articleRevisions.number));
}

// ——— roles ———

export async function isEditor(db: Tx, networkId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(newsEditors)
    .where(and(eq(newsEditors.networkId, networkId), eq(newsEditors.userId, userId)));
  return !!row;
}

export async function insertEditor(db: Tx, networkId: string, userId: string) {
  await db.insert(newsEditors).values({ networkId, userId }).onConflictDoNothing();
}

export async function deleteEditor(db: Tx, networkId: string, userId: string) {
  await db.delete(newsEditors).where(and(eq(newsEditors.networkId, networkId), eq(newsEditors.userId, userId)));
}

export function selectEditors(db: Tx, networkId: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(newsEditors)
    .innerJoin(users, eq(users.id, newsEditors.userId))
    .where(eq(newsEditors.networkId, networkId))
    .orderBy(asc(users.name));
}

export async function followsChapter(db: Tx, networkId: string, chapterId: string, userId: string) {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(chapterFollowers)
    .where(
      and(
        eq(chapterFollowers.networkId, networkId),
        eq(chapterFollowers.chapterId, chapterId),
        eq(chapterFollowers.userId, userId),
      ),
    );
  return !!row;
}

// ——— the publishing timer ———

/** Scheduled articles whose time has come, locked so two servers never publish one twice. */
export function selectDue(db: Tx, now: Date, limit = 100) {
  return db
    .select()
    .from(articles)
    .where(and(eq(articles.status, 'scheduled'), lte(articles.publishAt, now)))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export const publicStatuses: readonly ArticleStatus[] = ['published'];

export function selectSitemap(db: Tx, networkId: string, limit: number) {
  return db
    .select({ id: articles.id, slug: articles.slug, parentId: articles.parentId, updatedAt: articles.updatedAt })
    .from(articles)
    .where(and(eq(articles.networkId, networkId), eq(articles.status, 'published')))
    .orderBy(desc(articles.publishedAt))
    .limit(limit);
}

export async function selectNoticeRecipients(db: Tx, networkId: string, articleId: string, chapterId: string | null) {
  const res = await db.execute<{ email: string; name: string; locale: string | null }>(sql`
    SELECT DISTINCT u.email, u.name, NULL::text AS locale FROM ${users} u
    WHERE u.network_id = ${networkId} AND (
      u.id IN (SELECT a.user_id FROM ${newsAuthors} a JOIN ${articleAuthors} aa ON aa.author_id = a.id WHERE aa.article_id = ${articleId})
      OR u.id IN (SELECT user_id FROM chapter_organizers WHERE network_id = ${networkId} AND chapter_id = ${chapterId}))`);
  return res.rows;
}
