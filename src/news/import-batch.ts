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

/**
 * A free address for each article: its first wish when nobody has it (in the network or earlier
 * in the list), else the fallback base with -2, -3… One query per round, and there is rarely a
 * second round.
 */
export async function reserveArticleSlugs(
  tx: Tx,
  networkId: string,
  wishes: { first: string; fallback: string }[],
): Promise<string[]> {
  const result: (string | undefined)[] = wishes.map(() => undefined);
  const tries = wishes.map(() => 0);
  const candidate = (i: number) => {
    const w = wishes[i]!;
    const n = tries[i]!;
    if (n === 0) return w.first;
    return n === 1 ? w.fallback : `${w.fallback.slice(0, 75)}-${n}`;
  };
  const used = new Set<string>();
  for (let round = 0; round < 1000 && result.includes(undefined); round++) {
    const open = result.flatMap((r, i) => (r === undefined ? [i] : []));
    const taken = await bulk.selectTakenSlugs(
      tx,
      networkId,
      open.map((i) => candidate(i)),
    );
    for (const i of open) {
      // A wish equal to its fallback skips the step that would ask for the same slug twice.
      while (tries[i] === 0 && wishes[i]!.first === wishes[i]!.fallback) tries[i] = 1;
      const slug = candidate(i);
      if (!slug || taken.has(slug) || used.has(slug)) tries[i]!++;
      else {
        result[i] = slug;
        used.add(slug);
      }
    }
  }
  return result.map((r, i) => r ?? `${wishes[i]!.fallback.slice(0, 60)}-${Date.now().toString(36)}-${i}`);
}

export async function insertImportedArticles(tx: Tx, network: Network, items: ImportedArticle[], now = new Date()) {
  if (!items.length) return [];
  const rows = await bulk.insertArticles(
    tx,
    items.map((a) => {
      const status = settleStatus(a.status, a.publishAt, now);
      return {
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
      };
    }),
  );
  const bySource = new Map(items.map((a) => [a.sourceKey, a]));
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
      bodyMarkdown: r.bodyMarkdown,
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

export const findArticlesBySources = (tx: Tx, networkId: string, keys: string[]) =>
  bulk.selectBySources(tx, networkId, keys);

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
