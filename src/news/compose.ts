import type { Tx } from '../db/connection.js';
import { findChapter } from '../chapters/service.js';
import type { Network } from '../networks/service.js';
import { AppError } from '../web/errors.js';
import { fold } from '../web/fold.js';
import { slugify } from '../web/slug.js';
import { tsvectorLiteral } from '../web/tsvector.js';
import { excerptOfText, htmlToText, renderArticleMarkdown } from './markdown.js';
import * as q from './queries.js';
import type { ArticleStatus } from './tables.js';
import { msg } from '../web/i18n.js';

/** Pieces shared by the writers of articles (service.ts, writing.ts, the importers through service.ts). */

/** The body's derived text: rendered HTML, excerpt (unless written), search text and its words (search_doc). */
export function derive(a: { title: string; bodyMarkdown: string; excerpt?: string | undefined; terms?: string[] }) {
  const bodyHtml = renderArticleMarkdown(a.bodyMarkdown);
  const written = (a.excerpt ?? '').trim();
  // The text of the HTML once: the excerpt and the search text both read it.
  const text = htmlToText(bodyHtml);
  const excerpt = written || excerptOfText(text);
  const searchText = fold([a.title, excerpt, text, ...(a.terms ?? [])].join(' '));
  return { bodyHtml, excerpt, excerptWritten: written.length > 0, searchText, searchDoc: tsvectorLiteral(searchText) };
}

/**
 * "Parent/Child" names → category rows, parents first (an existing one by its name or its slug, so the
 * names the editor shows come back as the same categories); tags by slug.
 */
export async function resolveTerms(db: Tx, networkId: string, categories: string[], tags: string[]) {
  const categoryIds: string[] = [];
  for (const name of categories) {
    let parent: q.CategoryRow | undefined;
    for (const part of name
      .split('/')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const slug = slugify(part) || 'category';
      const parentId: string | null = parent?.id ?? null;
      parent =
        (await q.selectChildCategory(db, networkId, parentId, part, slug)) ??
        (await q.upsertCategory(db, networkId, {
          parentId,
          slug,
          path: parent ? `${parent.path}/${slug}` : slug,
          name: part,
        }));
    }
    if (parent) categoryIds.push(parent.id);
  }
  const tagIds: string[] = [];
  for (const name of tags) {
    const slug = slugify(name);
    if (slug) tagIds.push((await q.upsertTag(db, networkId, slug, name.trim())).id);
  }
  return { categoryIds, tagIds };
}

/** Categories as the editor writes them: each one's path of names ("Events/IT Day"), the parents' first. */
export async function categoryNamePaths(db: Tx, networkId: string, paths: string[]): Promise<string[]> {
  const prefixes = new Set(paths.flatMap((p) => p.split('/').map((_, i, all) => all.slice(0, i + 1).join('/'))));
  const names = new Map((await q.selectCategoriesByPaths(db, networkId, [...prefixes])).map((c) => [c.path, c.name]));
  return paths.map((p) =>
    p
      .split('/')
      .map((_, i, all) => names.get(all.slice(0, i + 1).join('/')) ?? all[i])
      .join('/'),
  );
}

/** The byline of an account, made on first use with a unique slug from the name. */
export async function authorForUser(db: Tx, networkId: string, userId: string): Promise<q.AuthorRow> {
  const existing = await q.selectAuthorForUser(db, networkId, userId);
  if (existing) return existing;
  const user = await q.selectUserName(db, networkId, userId);
  if (!user)
    throw new AppError('validation', msg('news.problem.author'), [
      { field: 'authors', message: msg('news.problem.authorField', { id: userId }) },
    ]);
  return q.insertAuthor(db, {
    networkId,
    userId,
    name: user.name,
    slug: await freeAuthorSlug(db, networkId, user.name),
  });
}

/** The bylines of several accounts, one after the other: on a transaction's one client, and two new ones never race for a slug. */
export async function authorsFor(db: Tx, networkId: string, userIds: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const id of userIds) ids.push((await authorForUser(db, networkId, id)).id);
  return ids;
}

export async function freeAuthorSlug(db: Tx, networkId: string, name: string): Promise<string> {
  const base = slugify(name) || 'author';
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await q.slugTaken(db, networkId, slug))) return slug;
  }
}

export async function freeArticleSlug(db: Tx, networkId: string, base: string, given: boolean, selfId?: string) {
  for (let n = 1; n < 1000; n++) {
    const slug = n === 1 ? base : `${base.slice(0, 75)}-${n}`;
    const other = await q.selectArticleBySlug(db, networkId, slug);
    if (!other || other.id === selfId) return slug;
    if (given)
      throw new AppError('conflict', msg('news.problem.slugTaken', { slug }), [
        { field: 'slug', message: msg('news.problem.slugTakenField') },
      ]);
  }
  throw new AppError('conflict', msg('news.problem.noSlug'));
}

export async function chapterIdOf(db: Tx, network: Network, slug: string | null | undefined) {
  return slug ? (await findChapter(db, network, slug)).id : null;
}

/** When a scheduled time has already passed, the article is simply published. */
/**
 * An editor who asks for "scheduled" with a time already past has most likely mistyped the date:
 * publishing at once (what settleStatus would do) put an article live that was meant for later.
 * Refused, beside the field. Only a newly chosen schedule is checked: one set earlier whose time
 * has come while the timer had not run yet is published as planned, and importers are not asked.
 */
export function refusePastSchedule(status: ArticleStatus, publishAt: Date | null | undefined, now: Date) {
  if (status === 'scheduled' && publishAt && publishAt <= now)
    throw new AppError('validation', msg('news.problem.publishAtPast'), [
      { field: 'publishAt', message: msg('news.problem.publishAtPastField') },
    ]);
}

export function settleStatus(status: ArticleStatus, publishAt: Date | null | undefined, now: Date) {
  if (status === 'scheduled' && publishAt && publishAt <= now) return 'published' as const;
  return status;
}

export const webhookData = (a: q.ArticleRow) => ({
  id: a.id,
  slug: a.slug,
  title: a.title,
  language: a.language,
  status: a.status,
  publishedAt: a.publishedAt?.toISOString() ?? null,
  url: `/news/${a.slug}`,
});

export interface SaveExtras {
  /** Byline ids (news_authors) instead of accounts: the importer's contributors. */
  authorIds?: string[];
  sourceKey?: string;
  sourceHash?: string;
  publishedAt?: Date | null;
  note?: string;
  coverUploadId?: string | null;
  /** Kept first in the network's news list (imported sticky posts). */
  sticky?: boolean;
}
