import { createPatch } from 'diff';
import type { User } from '../accounts/service.js';
import { findChapter } from '../chapters/service.js';
import { auditAct } from '../audit/service.js';
import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { queueWebhooks } from '../webhooks/outbox.js';
import { notFound } from '../web/errors.js';
import { authorize, type Actor } from '../web/policy.js';
import { isUuid } from '../web/schemas.js';
import { slugify } from '../web/slug.js';
import {
  chapterIdOf,
  derive,
  freeArticleSlug,
  resolveTerms,
  authorsFor,
  refusePastSchedule,
  settleStatus,
  webhookData,
  type SaveExtras,
} from './compose.js';
import { nestedPaths } from './archive.js';
import { isPublishing, newsPolicy } from './policy.js';
import { articlePath } from './present.js';
import * as q from './queries.js';
import type { ArticleCreate, ArticleListQuery } from './schemas.js';
import { buildTsquery, forgetVocabulary } from './search.js';
import type { ArticleStatus } from './tables.js';
import { msg } from '../web/i18n.js';

export type { ArticleRow } from './queries.js';
export { presentArticles, articlePath } from './present.js';
export { type OwnSite, remoteHost, remotePictures } from './external-images.js';
export { renderArticleMarkdown, excerptOf } from './markdown.js';
export {
  archiveComments,
  articleAncestors,
  childPages,
  commentThreads,
  coverWaitingArticles,
  findArticleIdsBySources,
  nestedPaths,
  remoteMediaCandidates,
  setImportedCovers,
  setImportedParents,
  type ArchivedComment,
  type CommentThread,
} from './archive.js';
export {
  derive,
  resolveTerms,
  authorForUser,
  categoryNamePaths,
  freeAuthorSlug,
  type SaveExtras,
} from './compose.js';
export {
  cachedTermIds,
  type ComposedArticle,
  composeImportedArticles,
  importedArticlesIndex,
  insertComposedArticles,
  type ImportedArticle,
  newTermCache,
  rewriteArticleBodies,
  takeSlug,
  type TermCache,
} from './import-batch.js';

/** Creates an article as `actor` (null: the importer, already authorised). */
export async function createArticle(
  db: Tx,
  network: Network,
  actor: Actor,
  input: ArticleCreate,
  extras: SaveExtras = {},
  now = new Date(),
): Promise<q.ArticleRow> {
  return db.transaction(async (tx) => {
    const chapterId = await chapterIdOf(tx, network, input.chapter);
    if (actor !== null || extras.sourceKey === undefined) {
      authorize(actor, await newsPolicy.write(tx, actor, network.id, chapterId), 'write news here');
      if (isPublishing(input.status))
        authorize(actor, await newsPolicy.publish(tx, actor, network.id, chapterId), 'publish news here');
    }
    let translationGroup: string | undefined;
    if (input.translationOf) {
      const original = await q.selectArticle(tx, network.id, input.translationOf);
      if (!original) throw notFound(msg('news.problem.original'));
      translationGroup = original.translationGroup;
    }
    if (extras.sourceKey === undefined) refusePastSchedule(input.status, input.publishAt, now);
    const status = settleStatus(input.status, input.publishAt, now);
    const derived = derive({ ...input, terms: [...input.tags, ...input.categories] });
    const slug = await freeArticleSlug(tx, network.id, input.slug ?? (slugify(input.title) || 'article'), !!input.slug);
    const row = await q.insertArticle(tx, {
      networkId: network.id,
      chapterId,
      slug,
      title: input.title,
      language: input.language,
      ...(translationGroup ? { translationGroup } : {}),
      bodyMarkdown: input.bodyMarkdown,
      ...derived,
      partner: input.partner,
      status,
      publishAt: input.publishAt ?? null,
      publishedAt: status === 'published' ? (extras.publishedAt ?? now) : (extras.publishedAt ?? null),
      coverUploadId: extras.coverUploadId ?? null,
      coverAlt: input.coverAlt ?? '',
      sticky: extras.sticky ?? false,
      sourceKey: extras.sourceKey ?? null,
      sourceHash: extras.sourceHash ?? null,
      createdBy: actor?.id ?? null,
    });
    const { categoryIds, tagIds } = await resolveTerms(tx, network.id, input.categories, input.tags);
    await q.setArticleTerms(tx, row.id, categoryIds, tagIds);
    const authorIds =
      extras.authorIds ?? (await authorsFor(tx, network.id, input.authors ?? (actor ? [actor.id] : [])));
    await q.setArticleAuthors(tx, row.id, authorIds);
    await q.insertRevision(tx, {
      networkId: network.id,
      articleId: row.id,
      number: 1,
      title: row.title,
      bodyMarkdown: row.bodyMarkdown,
      status: row.status,
      editedBy: actor?.id ?? null,
      note: extras.note ?? null,
    });
    if (row.status === 'published') {
      await queueWebhooks(tx, network.id, 'article.published', webhookData(row));
      forgetVocabulary(network.id);
    }
    return row;
  });
}

export async function findArticle(db: Tx, network: Network, id: string): Promise<q.ArticleRow> {
  const row = isUuid(id) ? await q.selectArticle(db, network.id, id) : undefined;
  if (!row) throw notFound(msg('news.problem.article'));
  return row;
}

export async function findArticleBySlug(db: Tx, network: Network, slug: string) {
  return q.selectArticleBySlug(db, network.id, slug);
}

export const findArticleBySource = (db: Tx, networkId: string, key: string) =>
  q.selectArticleBySource(db, networkId, key);

/** The article a reader may see, or 404 (never 403: a draft's existence is not public). */
export async function readableArticle(db: Tx, network: Network, actor: Actor, slug: string) {
  const row = await q.selectArticleBySlug(db, network.id, slug);
  if (!row || !(await newsPolicy.read(db, actor, row))) throw notFound(msg('news.problem.article'));
  return row;
}

export { updateArticle, publishDueArticles, saveCover } from './writing.js';

/** Lists for the API and the pages: published only, unless an editor asks for another status. */
export async function listArticles(
  db: Tx,
  network: Network,
  actor: Actor,
  query: Omit<ArticleListQuery, 'limit' | 'cursor'> & { networkWideOnly?: boolean; oneLanguage?: string },
  page: { limit: number; offset: number },
) {
  let statuses: ArticleStatus[] = ['published'];
  if (query.status && query.status !== 'published') {
    authorize(actor, await newsPolicy.isEditor(db, actor, network.id), 'list unpublished articles');
    statuses = [query.status];
  }
  const filter: q.ListFilter = {
    statuses,
    networkWideOnly: !!query.networkWideOnly,
    oneLanguage: query.oneLanguage,
    stickyFirst: !query.chapter && !query.category && !query.tag && !query.author && !query.q,
  };
  if (query.chapter) filter.chapterId = (await findChapter(db, network, query.chapter)).id;
  if (query.category) filter.categoryPath = query.category.replace(/^\/+|\/+$/g, '');
  if (query.tag) {
    const tag = await q.selectTag(db, network.id, query.tag);
    if (!tag) return { rows: [], total: 0 };
    filter.tagId = tag.id;
  }
  if (query.author) {
    const author = await q.selectAuthorBySlug(db, network.id, query.author);
    if (!author) return { rows: [], total: 0 };
    filter.authorId = author.id;
  }
  if (query.q) {
    filter.tsquery = await buildTsquery(db, network.id, query.q);
    if (!filter.tsquery) return { rows: [], total: 0 };
  }
  const [rows, total] = await Promise.all([
    q.selectArticles(db, network.id, filter, page),
    q.countArticles(db, network.id, filter),
  ]);
  return { rows, total };
}

export const findCategory = (db: Tx, network: Network, path: string) => q.selectCategoryByPath(db, network.id, path);
export const findTag = (db: Tx, network: Network, slug: string) => q.selectTag(db, network.id, slug);
export const findAuthor = (db: Tx, network: Network, slug: string) => q.selectAuthorBySlug(db, network.id, slug);
export const findAuthorBySource = (db: Tx, networkId: string, key: string) =>
  q.selectAuthorBySource(db, networkId, key);
export const createContributor = (
  db: Tx,
  values: { networkId: string; name: string; slug: string; sourceKey: string },
) => q.insertAuthor(db, values);
export const articleSlugsStartingWith = (db: Tx, networkId: string, prefix: string, limit = 2) =>
  q.selectSlugsStartingWith(db, networkId, prefix, limit);

/** Revisions with the diff of each from the one before, for editors. */
export async function articleRevisions(db: Tx, network: Network, actor: Actor, id: string) {
  const article = await findArticle(db, network, id);
  authorize(actor, await newsPolicy.seeRevisions(db, actor, article), 'see the revisions of this article');
  const rows = await q.selectRevisions(db, network.id, id);
  return rows.map((r, i) => ({
    number: r.number,
    title: r.title,
    status: r.status,
    editedBy: r.editedBy,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    diff: createPatch(`${article.slug}.md`, rows[i - 1]?.bodyMarkdown ?? '', r.bodyMarkdown, `r${i}`, `r${r.number}`),
  }));
}

// ——— network editors ———

export async function addEditor(db: Tx, network: Network, actor: Actor, userId: string) {
  authorize(actor, newsPolicy.manageEditors(actor), 'name news editors');
  const name = await q.selectUserName(db, network.id, userId);
  if (!name) throw notFound(msg('news.problem.account'));
  await db.transaction(async (tx) => {
    await q.insertEditor(tx, network.id, userId);
    await auditAct(tx, network.id, actor, 'news.editor_add', name.name, { userId });
  });
}
export async function removeEditor(db: Tx, network: Network, actor: Actor, userId: string) {
  authorize(actor, newsPolicy.manageEditors(actor), 'remove news editors');
  const name = await q.selectUserName(db, network.id, userId);
  await db.transaction(async (tx) => {
    await q.deleteEditor(tx, network.id, userId);
    await auditAct(tx, network.id, actor, 'news.editor_remove', name?.name ?? userId, { userId });
  });
}
export async function listEditors(db: Tx, network: Network, actor: Actor) {
  authorize(actor, newsPolicy.manageEditors(actor), 'see news editors');
  return q.selectEditors(db, network.id);
}
export const isNewsEditor = (db: Tx, actor: Actor, networkId: string) => newsPolicy.isEditor(db, actor, networkId);
export type { User };

/** Published articles for the sitemap: slug and last change. */
/**
 * Published articles for the sitemap, each at its final address: a page under pages at
 * `/news/parent/child`, so a crawler never meets the flat address's 301.
 */
export async function sitemapArticles(db: Tx, networkId: string, limit: number) {
  const rows = await q.selectSitemap(db, networkId, limit);
  const children = rows.filter((r) => r.parentId).map((r) => r.id);
  const nested = children.length ? await nestedPaths(db, networkId, children) : new Map<string, string>();
  return rows.map((r) => ({ path: nested.get(r.id) ?? articlePath(r), updatedAt: r.updatedAt }));
}

/** An author's own articles of one status (the writing desk of someone who is not an editor). */
export const listAuthorArticles = (db: Tx, networkId: string, authorId: string, status: ArticleStatus) =>
  q.selectArticles(db, networkId, { statuses: [status], authorId }, { limit: 100, offset: 0 });

/** 401/403 unless the actor may change this article (the repair review uses it). */
export async function authorizeArticleEdit(db: Tx, actor: Actor, article: q.ArticleRow, action: string) {
  authorize(actor, await newsPolicy.edit(db, actor, article), action);
}

/** Bodies of the network's published articles with no damage, to teach the repair its words. */
export const cleanBodies = (db: Tx, networkId: string, language: string, limit = 500) =>
  q.selectBodies(db, networkId, language, limit);

/** Who hears of a report on an article: its authors with an account, and its chapter's organisers. */
export const articleNoticeRecipients = (db: Tx, networkId: string, article: q.ArticleRow) =>
  q.selectNoticeRecipients(db, networkId, article.id, article.chapterId);
