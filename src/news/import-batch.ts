import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { queueWebhooks } from '../webhooks/outbox.js';
import { derive, resolveTerms, settleStatus, webhookData } from './compose.js';
import type { ArticleRow } from './queries.js';
import * as bulk from './queries-bulk.js';
import * as q from './queries.js';
import { forgetVocabulary } from './search.js';
import type { ArticleStatus } from './tables.js';

/**
 * Articles written by an importer, many at a time: the same rows, terms, bylines, first revision
 * and webhooks as createArticle, in a handful of statements per batch. The importer has already
 * decided everything a person would (status, slug, authors), so there is no policy here: callers
 * are the CLI and the admin import, both authorised before they start.
 */

export interface ImportedArticle {
  sourceKey: string;
  sourceHash: string;
  slug: string;
  title: string;
  bodyMarkdown: string;
  excerpt?: string | undefined;
  language: string;
  chapterId: string | null;
  categoryIds: string[];
  tagIds: string[];
  /** Category paths and tag names, for the search text. */
  termNames: string[];
  authorIds: string[];
  status: ArticleStatus;
  publishAt: Date | null;
  publishedAt: Date | null;
  note: string;
  sticky: boolean;
}

/** Term ids already resolved in this import: each name costs its round trips once. */
export interface TermCache {
  categories: Map<string, string | null>;
  tags: Map<string, string | null>;
}
export const newTermCache = (): TermCache => ({ categories: new Map(), tags: new Map() });

export async function cachedTermIds(tx: Tx, networkId: string, cache: TermCache, categories: string[], tags: string[]) {
  for (const name of categories)
    if (!cache.categories.has(name))
      cache.categories.set(name, (await resolveTerms(tx, networkId, [name], [])).categoryIds[0] ?? null);
  for (const name of tags)
    if (!cache.tags.has(name)) cache.tags.set(name, (await resolveTerms(tx, networkId, [], [name])).tagIds[0] ?? null);
  const ids = (names: string[], map: Map<string, string | null>) =>
    [...new Set(names.map((n) => map.get(n)).filter((id): id is string => !!id))] as string[];
  return { categoryIds: ids(categories, cache.categories), tagIds: ids(tags, cache.tags) };
}

/** An imported article ready to insert: its row (HTML, excerpt, search text derived) and its links. */
export interface ComposedArticle {
  row: bulk.ArticleInsert;
  item: ImportedArticle;
}

/**
 * The CPU half of an import batch (Markdown rendered, sanitised, excerpt and search words
 * derived), so the importer can do it for the next batch while PostgreSQL writes this one.
 */
export function composeImportedArticles(network: Network, items: ImportedArticle[], now = new Date()) {
  return items.map((a): ComposedArticle => {
    const status = settleStatus(a.status, a.publishAt, now);
    return {
      item: a,
      row: {
        networkId: network.id,
        chapterId: a.chapterId,
        slug: a.slug,
        title: a.title,
        language: a.language,
        bodyMarkdown: a.bodyMarkdown,
        ...derive({ title: a.title, bodyMarkdown: a.bodyMarkdown, excerpt: a.excerpt, terms: a.termNames }),
        partner: false,
        sticky: a.sticky,
        status,
        publishAt: a.publishAt,
        publishedAt: status === 'published' ? (a.publishedAt ?? now) : a.publishedAt,
        sourceKey: a.sourceKey,
        sourceHash: a.sourceHash,
        createdBy: null,
      },
    };
  });
}

/** The database half: articles, terms, bylines, first revisions and webhooks in a few statements. */
export async function insertComposedArticles(tx: Tx, network: Network, composed: ComposedArticle[]) {
  if (!composed.length) return [];
  const rows = await bulk.insertArticles(
    tx,
    composed.map((c) => c.row),
  );
  const bySource = new Map(composed.map((c) => [c.item.sourceKey, c.item]));
  const links = { categories: [], tags: [], authors: [] } as Parameters<typeof bulk.insertArticleLinks>[1];
  for (const row of rows) {
    const a = bySource.get(row.sourceKey!)!;
    for (const categoryId of a.categoryIds) links.categories.push({ articleId: row.id, categoryId });
    for (const tagId of a.tagIds) links.tags.push({ articleId: row.id, tagId });
    for (const [position, authorId] of [...new Set(a.authorIds)].entries())
      links.authors.push({ articleId: row.id, authorId, position });
  }
  await bulk.insertArticleLinks(tx, links);
  await bulk.insertRevisions(
    tx,
    rows.map((r) => ({
      networkId: network.id,
      articleId: r.id,
      number: 1,
      title: r.title,
      // The body sent, not read back: a batch's bodies cross the connection once.
      bodyMarkdown: bySource.get(r.sourceKey!)!.bodyMarkdown,
      status: r.status,
      editedBy: null,
      note: bySource.get(r.sourceKey!)!.note,
    })),
  );
  const published = rows.filter((r) => r.status === 'published');
  if (published.length) {
    await queueWebhooks(tx, network.id, 'article.published', () =>
      Promise.resolve(published.map((r) => webhookData(r as ArticleRow))),
    );
    forgetVocabulary(network.id);
  }
  return rows.map((r) => ({ id: r.id, slug: r.slug, sourceKey: r.sourceKey!, status: r.status }));
}

/**
 * What an import needs to know of the network's articles before its first batch, read once: the
 * imported ones by source key (unchanged or to update) and every taken slug, so each batch is
 * decided in memory, without a round trip, while the previous one is being written.
 */
export async function importedArticlesIndex(tx: Tx, networkId: string) {
  const rows = await bulk.selectSlugsAndSources(tx, networkId);
  const known = new Map<string, { id: string; slug: string; sourceHash: string | null }>();
  for (const r of rows) if (r.sourceKey) known.set(r.sourceKey, { id: r.id, slug: r.slug, sourceHash: r.sourceHash });
  return { known, slugs: new Set(rows.map((r) => r.slug)) };
}

/**
 * A free address for an article, decided in memory against the taken ones (importedArticlesIndex
 * plus those given earlier): its wish when free, else the fallback, then the fallback with -2, -3…
 */
export function takeSlug(taken: Set<string>, first: string, fallback: string): string {
  let slug = first && !taken.has(first) ? first : '';
  for (let n = 1; !slug; n++) {
    const candidate = n === 1 ? fallback : `${fallback.slice(0, 75)}-${n}`;
    if (candidate && !taken.has(candidate)) slug = candidate;
  }
  taken.add(slug);
  return slug;
}

/**
 * Bodies rewritten after the fact (links to the old site that pointed at articles imported
 * later): derived text rebuilt, one new revision each, a few statements for many articles.
 */
export async function rewriteArticleBodies(
  tx: Tx,
  network: Network,
  ids: string[],
  rewrite: (body: string) => string,
  note: string,
): Promise<number> {
  if (!ids.length) return 0;
  const rows = await bulk.selectArticlesByIds(tx, network.id, ids);
  const changed = rows.filter((r) => rewrite(r.bodyMarkdown) !== r.bodyMarkdown);
  if (!changed.length) return 0;
  const rel = await q.selectRelations(tx, network.id, changed);
  const termsOf = (id: string) => [
    ...rel.tags.filter((t) => t.articleId === id).map((t) => t.name),
    ...rel.categories.filter((c) => c.articleId === id).map((c) => c.name),
  ];
  const updated = await bulk.updateBodies(
    tx,
    network.id,
    changed.map((r) => {
      const bodyMarkdown = rewrite(r.bodyMarkdown);
      const d = derive({
        title: r.title,
        bodyMarkdown,
        excerpt: r.excerptWritten ? r.excerpt : '',
        terms: termsOf(r.id),
      });
      return {
        id: r.id,
        bodyMarkdown,
        bodyHtml: d.bodyHtml,
        excerpt: d.excerpt,
        searchText: d.searchText,
        searchDoc: d.searchDoc,
      };
    }),
  );
  await bulk.insertRevisions(
    tx,
    updated.map((u) => ({
      networkId: network.id,
      articleId: u.id,
      number: u.revision,
      title: u.title,
      bodyMarkdown: u.body,
      status: u.status as ArticleStatus,
      editedBy: null,
      note,
    })),
  );
  return updated.length;
}
