// The SQL of the article lists (the network's, a chapter's, a term's, an author's, a search); re-exported by queries.ts.
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import {
  articleAuthors,
  articleCategories,
  articles,
  articleTags,
  newsCategories,
  type ArticleStatus,
} from './tables.js';

export interface ListFilter {
  statuses: readonly ArticleStatus[];
  chapterId?: string | undefined;
  networkWideOnly?: boolean;
  categoryPath?: string | undefined;
  tagId?: string | undefined;
  authorId?: string | undefined;
  /** A tsquery already built from folded words. */
  tsquery?: string | undefined;
  /** The network's own list: sticky articles first, as WordPress shows them. */
  stickyFirst?: boolean;
  /**
   * A reader's list: one article per translation group, in this language when that translation
   * matches the filter, else the group's original (its first written). Unset: every translation (the API).
   */
  oneLanguage?: string | undefined;
}

function listWhere(networkId: string, f: ListFilter): SQL {
  const parts: (SQL | undefined)[] = [eq(articles.networkId, networkId), inArray(articles.status, [...f.statuses])];
  if (f.chapterId) parts.push(eq(articles.chapterId, f.chapterId));
  if (f.networkWideOnly) parts.push(isNull(articles.chapterId));
  if (f.categoryPath !== undefined)
    parts.push(sql`${articles.id} IN (SELECT ac.article_id FROM ${articleCategories} ac JOIN ${newsCategories} c ON c.id = ac.category_id
      WHERE c.network_id = ${networkId} AND (c.path = ${f.categoryPath} OR starts_with(c.path, ${`${f.categoryPath}/`})))`);
  if (f.tagId) parts.push(sql`${articles.id} IN (SELECT article_id FROM ${articleTags} WHERE tag_id = ${f.tagId})`);
  if (f.authorId)
    parts.push(sql`${articles.id} IN (SELECT article_id FROM ${articleAuthors} WHERE author_id = ${f.authorId})`);
  if (f.tsquery) parts.push(sql`${articles.searchDoc} @@ to_tsquery('simple', ${f.tsquery})`);
  return and(...parts)!;
}

/**
 * The rows a list may show: with `oneLanguage`, DISTINCT ON the translation group keeps the reader's
 * translation first, then the original; the outer query orders and pages the chosen rows only.
 */
function shownWhere(db: Tx, networkId: string, f: ListFilter): SQL {
  const where = listWhere(networkId, f);
  if (!f.oneLanguage) return where;
  const chosen = db
    .selectDistinctOn([articles.translationGroup], { id: articles.id })
    .from(articles)
    .where(where)
    .orderBy(
      articles.translationGroup,
      sql`(${articles.language} = ${f.oneLanguage}) DESC`,
      asc(articles.createdAt),
      asc(articles.id),
    );
  return and(eq(articles.networkId, networkId), inArray(articles.id, chosen))!;
}

/** Newest first (by publication, then creation). */
export function selectArticles(db: Tx, networkId: string, f: ListFilter, page: { limit: number; offset: number }) {
  return db
    .select()
    .from(articles)
    .where(shownWhere(db, networkId, f))
    .orderBy(
      ...(f.stickyFirst ? [desc(articles.sticky)] : []),
      f.tsquery
        ? sql`ts_rank(${articles.searchDoc}, to_tsquery('simple', ${f.tsquery})) DESC`
        : sql`coalesce(${articles.publishedAt}, ${articles.publishAt}, ${articles.createdAt}) DESC`,
      desc(articles.id),
    )
    .limit(page.limit)
    .offset(page.offset);
}

/** As many as `selectArticles` pages through: translation groups when the list is in one language. */
export async function countArticles(db: Tx, networkId: string, f: ListFilter): Promise<number> {
  const counted = f.oneLanguage
    ? sql<number>`count(DISTINCT ${articles.translationGroup})::int`
    : sql<number>`count(*)::int`;
  const [row] = await db.select({ n: counted }).from(articles).where(listWhere(networkId, f));
  return row?.n ?? 0;
}
