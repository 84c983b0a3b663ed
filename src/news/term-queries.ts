// The SQL of what an article is filed under (categories, tags) and who signed it (authors); re-exported by queries.ts.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { users } from '../accounts/tables.js';
import type { Tx } from '../db/connection.js';
import { articleAuthors, articleCategories, articleTags, newsAuthors, newsCategories, newsTags } from './tables.js';

type CategoryRow = typeof newsCategories.$inferSelect;
type TagRow = typeof newsTags.$inferSelect;
type AuthorRow = typeof newsAuthors.$inferSelect;

// ——— terms ———

export async function upsertCategory(
  db: Tx,
  networkId: string,
  c: { parentId: string | null; slug: string; path: string; name: string },
): Promise<CategoryRow> {
  await db
    .insert(newsCategories)
    .values({ networkId, ...c })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(newsCategories)
    .where(and(eq(newsCategories.networkId, networkId), eq(newsCategories.path, c.path)));
  return row!;
}

/**
 * The category under `parentId` that a typed name means: the one of that name (case aside), else the
 * one whose slug it makes. An imported category whose slug is not its name's stays itself when its name
 * comes back from the editor.
 */
export async function selectChildCategory(
  db: Tx,
  networkId: string,
  parentId: string | null,
  name: string,
  slug: string,
) {
  const [row] = await db
    .select()
    .from(newsCategories)
    .where(
      and(
        eq(newsCategories.networkId, networkId),
        parentId ? eq(newsCategories.parentId, parentId) : isNull(newsCategories.parentId),
        sql`(lower(${newsCategories.name}) = lower(${name}) OR ${newsCategories.slug} = ${slug})`,
      ),
    )
    .orderBy(sql`lower(${newsCategories.name}) = lower(${name}) DESC`)
    .limit(1);
  return row;
}

export function selectCategoriesByPaths(db: Tx, networkId: string, paths: string[]) {
  if (!paths.length) return Promise.resolve([]);
  return db
    .select({ path: newsCategories.path, name: newsCategories.name })
    .from(newsCategories)
    .where(and(eq(newsCategories.networkId, networkId), inArray(newsCategories.path, paths)));
}

export async function upsertTag(db: Tx, networkId: string, slug: string, name: string): Promise<TagRow> {
  await db.insert(newsTags).values({ networkId, slug, name }).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(newsTags)
    .where(and(eq(newsTags.networkId, networkId), eq(newsTags.slug, slug)));
  return row!;
}

export async function selectCategoryByPath(db: Tx, networkId: string, path: string) {
  const [row] = await db
    .select()
    .from(newsCategories)
    .where(and(eq(newsCategories.networkId, networkId), eq(newsCategories.path, path)));
  return row;
}

export async function selectTag(db: Tx, networkId: string, slug: string) {
  const [row] = await db
    .select()
    .from(newsTags)
    .where(and(eq(newsTags.networkId, networkId), eq(newsTags.slug, slug)));
  return row;
}

export async function setArticleTerms(db: Tx, articleId: string, categoryIds: string[], tagIds: string[]) {
  await db.delete(articleCategories).where(eq(articleCategories.articleId, articleId));
  await db.delete(articleTags).where(eq(articleTags.articleId, articleId));
  if (categoryIds.length)
    await db
      .insert(articleCategories)
      .values([...new Set(categoryIds)].map((categoryId) => ({ articleId, categoryId })));
  if (tagIds.length) await db.insert(articleTags).values([...new Set(tagIds)].map((tagId) => ({ articleId, tagId })));
}

// ——— authors ———

export async function selectAuthorForUser(db: Tx, networkId: string, userId: string) {
  const [row] = await db
    .select()
    .from(newsAuthors)
    .where(and(eq(newsAuthors.networkId, networkId), eq(newsAuthors.userId, userId)));
  return row;
}

export async function selectAuthorBySlug(db: Tx, networkId: string, slug: string) {
  const [row] = await db
    .select()
    .from(newsAuthors)
    .where(and(eq(newsAuthors.networkId, networkId), eq(newsAuthors.slug, slug)));
  return row;
}

export async function selectAuthorBySource(db: Tx, networkId: string, sourceKey: string) {
  const [row] = await db
    .select()
    .from(newsAuthors)
    .where(and(eq(newsAuthors.networkId, networkId), eq(newsAuthors.sourceKey, sourceKey)));
  return row;
}

export async function slugTaken(db: Tx, networkId: string, slug: string): Promise<boolean> {
  const [row] = await db
    .select({ id: newsAuthors.id })
    .from(newsAuthors)
    .where(and(eq(newsAuthors.networkId, networkId), eq(newsAuthors.slug, slug)));
  return !!row;
}

export async function insertAuthor(db: Tx, values: typeof newsAuthors.$inferInsert): Promise<AuthorRow> {
  const [row] = await db.insert(newsAuthors).values(values).returning();
  return row!;
}

export async function selectUserName(db: Tx, networkId: string, userId: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.networkId, networkId), eq(users.id, userId)));
  return row;
}

export async function setArticleAuthors(db: Tx, articleId: string, authorIds: string[]) {
  await db.delete(articleAuthors).where(eq(articleAuthors.articleId, articleId));
  const unique = [...new Set(authorIds)];
  if (unique.length)
    await db.insert(articleAuthors).values(unique.map((authorId, position) => ({ articleId, authorId, position })));
}

/** Is this person a byline of this article? */
export async function isAuthorOf(db: Tx, articleId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(articleAuthors)
    .innerJoin(newsAuthors, eq(newsAuthors.id, articleAuthors.authorId))
    .where(and(eq(articleAuthors.articleId, articleId), eq(newsAuthors.userId, userId)));
  return !!row;
}
