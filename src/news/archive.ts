import sanitizeHtml from 'sanitize-html';
import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import * as q from './archive-queries.js';

/**
 * What an import brings besides the articles themselves: the old site's comments (a read-only
 * archive), pages under pages, and featured images. The importer calls these once it knows the
 * articles' ids; the pages read the archive back.
 */

export interface ArchivedComment {
  /** WordPress's comment id and its parent's ("0": a top-level comment). */
  id: string;
  parent: string;
  author: string;
  /** `comment_date_gmt`, "YYYY-MM-DD hh:mm:ss". */
  date: string;
  content: string;
}

/** A comment as shown: a few inline tags survive; links are kept but marked as user content. */
export function cleanComment(content: string): string {
  const paragraphs = /<p[\s>]/i.test(content)
    ? content
    : content
        .split(/\n{2,}/)
        .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
        .join('');
  return sanitizeHtml(paragraphs, {
    allowedTags: ['p', 'br', 'strong', 'em', 'b', 'i', 'blockquote', 'code', 'a'],
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemes: ['http', 'https'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener' }) },
  });
}

const gmt = (d: string) => (d && !d.startsWith('0000') ? new Date(`${d.trim().replace(' ', 'T')}Z`) : null);

/**
 * The approved comments of each article, as the export lists them now: new ones added, edited
 * ones updated, the others (unapproved or deleted since) removed. Importing twice changes nothing.
 */
export async function archiveComments(
  tx: Tx,
  networkId: string,
  items: { articleId: string; comments: ArchivedComment[] }[],
): Promise<void> {
  if (!items.length) return;
  const rows: q.CommentInsert[] = items.flatMap(({ articleId, comments }) =>
    comments.map((c) => ({
      networkId,
      articleId,
      sourceId: c.id,
      sourceParent: c.parent && c.parent !== '0' ? c.parent : null,
      authorName: c.author.trim().slice(0, 200) || '—',
      bodyHtml: cleanComment(c.content),
      postedAt: Number.isNaN(gmt(c.date)?.getTime()) ? null : gmt(c.date),
    })),
  );
  for (let i = 0; i < rows.length; i += 500) await q.upsertComments(tx, rows.slice(i, i + 500));
  await q.deleteCommentsExcept(
    tx,
    networkId,
    items.map((i) => i.articleId),
    rows.map((r) => ({ articleId: r.articleId, sourceId: r.sourceId })),
  );
}

export interface CommentThread {
  id: string;
  author: string;
  postedAt: Date | null;
  html: string;
  replies: CommentThread[];
}

/** The archive of one article as threads, oldest first; a reply whose parent is gone becomes top-level. */
export async function commentThreads(db: Tx, networkId: string, articleId: string): Promise<CommentThread[]> {
  const rows = await q.selectComments(db, networkId, articleId);
  const nodes = new Map<string, CommentThread>(
    rows.map((r) => [
      r.sourceId,
      { id: r.id, author: r.authorName, postedAt: r.postedAt, html: r.bodyHtml, replies: [] },
    ]),
  );
  const roots: CommentThread[] = [];
  for (const r of rows) {
    const node = nodes.get(r.sourceId)!;
    const parent = r.sourceParent && r.sourceParent !== r.sourceId ? nodes.get(r.sourceParent) : undefined;
    (parent ? parent.replies : roots).push(node);
  }
  return roots;
}

/**
 * Pages under pages, by the importer's source keys: parents are set (a loop in the export is
 * broken, never followed). Returns how many were set and, for each child, its flat address and
 * its nested URL: the importer records them as redirects, so the children's old addresses answer
 * with their nested URL directly (no redirect chain).
 */
export async function setImportedParents(
  tx: Tx,
  network: Network,
  pairs: { child: string; parent: string }[],
): Promise<{ count: number; moved: { from: string; to: string }[] }> {
  if (!pairs.length) return { count: 0, moved: [] };
  const rows = await q.selectIdsBySources(tx, network.id, [...new Set(pairs.flatMap((p) => [p.child, p.parent]))]);
  const byKey = new Map(rows.map((r) => [r.sourceKey!, r]));
  const parentOf = new Map<string, string>();
  for (const p of pairs) {
    const child = byKey.get(p.child);
    const parent = byKey.get(p.parent);
    if (child && parent && child.id !== parent.id) parentOf.set(child.id, parent.id);
  }
  // A loop (A under B under A) cannot come from WordPress, but a hand-edited export could hold one.
  for (const id of [...parentOf.keys()]) {
    const seen = new Set([id]);
    for (let up = parentOf.get(id); up; up = parentOf.get(up)) {
      if (seen.has(up)) {
        parentOf.delete(id);
        break;
      }
      seen.add(up);
    }
  }
  const updates = [...parentOf].map(([id, parentId]) => ({ id, parentId }));
  await q.updateParents(tx, network.id, updates);
  const paths = await nestedPaths(
    tx,
    network.id,
    updates.map((u) => u.id),
  );
  const slugOf = new Map(rows.map((r) => [r.id, r.slug]));
  return { count: updates.length, moved: [...paths].map(([id, to]) => ({ from: `/news/${slugOf.get(id)}`, to })) };
}

/** `/news/parent/child` for articles that have parents; the others are not in the map. */
export async function nestedPaths(db: Tx, networkId: string, ids: string[]) {
  const ancestors = await articleAncestors(db, networkId, ids);
  const slugs = await q.selectSlugsByIds(db, networkId, [...ancestors.keys()]);
  const out = new Map<string, string>();
  for (const [id, chain] of ancestors) {
    const own = slugs.get(id);
    if (own) out.set(id, `/news/${[...chain.map((a) => a.slug), own].map(encodeURIComponent).join('/')}`);
  }
  return out;
}

/** Each article's ancestors, root first (articles without a parent are absent). */
export async function articleAncestors(db: Tx, networkId: string, ids: string[]) {
  const rows = await q.selectAncestors(db, networkId, ids);
  const out = new Map<string, { id: string; slug: string; title: string; status: string }[]>();
  for (const r of rows) {
    const list = out.get(r.of) ?? [];
    list.unshift({ id: r.id, slug: r.slug, title: r.title, status: r.status });
    out.set(r.of, list);
  }
  return out;
}

export const childPages = (db: Tx, networkId: string, parentId: string) => q.selectChildren(db, networkId, parentId);

/** Featured images: the upload when the file is here already, otherwise the old address, for later. */
export const setImportedCovers = (
  tx: Tx,
  networkId: string,
  items: { id: string; url: string; uploadId: string | null; alt?: string }[],
) => q.updateImportedCovers(tx, networkId, items);

/** A file fetched later: the articles whose featured image it is get it as their cover. */
export const coverWaitingArticles = (tx: Tx, networkId: string, url: string, uploadId: string) =>
  q.coverWaitingArticles(tx, networkId, url, uploadId);

export const findArticleIdsBySources = (db: Tx, networkId: string, keys: string[]) =>
  q.selectIdsBySources(db, networkId, keys);

/** Articles that may show pictures from other sites or wait for their featured image (news-import/remote-media.ts). */
export const remoteMediaCandidates = (db: Tx, networkId: string, limit = 10_000) =>
  q.selectRemoteMediaArticles(db, networkId, limit);
