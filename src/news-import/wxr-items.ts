import { createHash } from 'node:crypto';
import { slugify } from '../web/slug.js';
import type { ReportLine } from './service.js';
import { msg } from '../web/i18n.js';
import { type WxrChannel, WxrError, type WxrItem } from './wxr-parse.js';

/** What one WXR item becomes before anything is written: pure, so it costs no round trip. */

export const STATUS: Record<string, 'published' | 'scheduled' | 'draft' | 'private'> = {
  publish: 'published',
  future: 'scheduled',
  draft: 'draft',
  pending: 'draft',
  private: 'private',
};

export interface PreparedItem {
  it: WxrItem;
  label: string;
  status: 'published' | 'scheduled' | 'draft' | 'private';
  when: Date | undefined;
  sourceKey: string;
  hash: string;
  /** The old address's path without its trailing slash: the key links to it are rewritten by. */
  oldKey: string;
  /** The old path as WordPress served it, for the redirect. */
  oldPath: string;
  slug: string;
  categories: string[];
  tags: string[];
}

export const labelOf = (it: WxrItem) => `item ${it.postId || '?'} (line ${it.line})`;

/** Category paths from nicenames and parents, in whatever order the file lists them. */
export function categoryPaths(channel: WxrChannel): Map<string, string> {
  const cats = new Map(channel.terms.filter((t) => t.kind === 'category').map((t) => [t.nicename, t]));
  const paths = new Map<string, string>();
  for (const nicename of cats.keys()) {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let c = cats.get(nicename); c && !seen.has(c.nicename); c = cats.get(c.parent)) {
      seen.add(c.nicename);
      names.unshift(c.name.replace(/\//g, '-'));
    }
    paths.set(nicename, names.join('/'));
  }
  return paths;
}

/**
 * A skipped item's report line, or the item ready to write. Throws for an item that cannot be
 * imported (no post id): the import stops there unless asked to keep going.
 */
export function prepareItem(
  it: WxrItem,
  channel: WxrChannel,
  paths: Map<string, string>,
  skip: (kind: string) => void,
  attachments: string[],
): ReportLine | PreparedItem {
  const label = labelOf(it);
  if (it.postType === 'attachment') {
    if (it.attachmentUrl) attachments.push(it.attachmentUrl);
    return { path: label, outcome: 'skipped', reason: 'attachment listed (fetched only with --fetch-media)' };
  }
  if (it.postType !== 'post' && it.postType !== 'page') {
    skip(it.postType || 'unknown');
    return { path: label, outcome: 'skipped', reason: `${it.postType || 'unknown'} items are not articles` };
  }
  const mapped = STATUS[it.status];
  if (!mapped) {
    skip(it.status || 'no status');
    return { path: label, outcome: 'skipped', reason: `status "${it.status}" is never imported` };
  }
  if (!/^\d+$/.test(it.postId)) throw new WxrError(msg('newsImport.wxr.noPostId', { line: it.line }));
  const hash = createHash('sha256')
    .update(
      JSON.stringify([
        it.title,
        it.content,
        it.excerpt,
        it.status,
        it.password,
        it.postName,
        it.categories,
        it.creator,
        it.postDateGmt,
        // Only when set, so posts imported before stickiness was read keep their hash.
        ...(it.sticky ? ['sticky'] : []),
      ]),
    )
    .digest('hex');
  let postName = it.postName;
  try {
    postName = decodeURIComponent(postName);
  } catch {
    // keep it as it is
  }
  let oldPath = '';
  try {
    oldPath = it.link ? new URL(it.link, channel.baseSiteUrl || 'http://x/').pathname : '';
  } catch {
    oldPath = '';
  }
  return {
    it,
    label,
    // Password-protected posts are never public.
    status: it.password ? 'private' : mapped,
    when:
      it.postDateGmt && !it.postDateGmt.startsWith('0000')
        ? new Date(`${it.postDateGmt.replace(' ', 'T')}Z`)
        : undefined,
    sourceKey: `wxr:${channel.baseSiteUrl}:${it.postId}`,
    hash,
    oldKey: oldPath.replace(/\/+$/, '') || '/',
    oldPath,
    slug: (slugify(postName) || slugify(it.title) || `post-${it.postId}`).slice(0, 80).replace(/-+$/, ''),
    categories: it.categories
      .filter((c) => c.domain === 'category' && c.nicename !== 'uncategorized')
      .map((c) => paths.get(c.nicename) ?? c.name),
    tags: it.categories.filter((c) => c.domain === 'post_tag').map((c) => c.name),
  };
}

/**
 * Links to the old site (absolute or protocol-relative `//host/…`, in text, attributes, `srcset`
 * or CSS `url()`) point to the new articles and to the pictures brought home. Only the old site's
 * exact hosts count (blog.example.org.evil.net stays) and paths are compared whole, without the
 * trailing slash (`/path` never takes `/path-2`'s article); anything unknown is left as it was.
 */
export function rewriteLinks(
  body: string,
  links: Map<string, string>,
  hosts: ReadonlySet<string>,
  media?: ReadonlyMap<string, string>,
): string {
  if (![...hosts].some((h) => body.includes(h))) return body;
  return body.replace(/(?:https?:)?\/\/[^\s"'<>)\]]+/gi, (url) => {
    const bare = url.replace(/[.,;:!?]+$/, '');
    const rest = url.slice(bare.length);
    let parsed: URL;
    try {
      parsed = new URL(bare.startsWith('//') ? `http:${bare}` : bare);
    } catch {
      return url;
    }
    if (!hosts.has(parsed.host)) return url;
    const picture = media?.get(`${parsed.host}${parsed.pathname}`);
    if (picture) return picture + rest;
    const key = parsed.pathname.replace(/\/+$/, '') || '/';
    const to =
      links.get(key) ?? (parsed.searchParams.get('p') ? links.get(`?p=${parsed.searchParams.get('p')}`) : undefined);
    return to ? to + rest : url;
  });
}

/** The old site's hosts: the export's site and blog addresses, and the one given with --base-url. */
export function oldHosts(...urls: (string | undefined)[]): Set<string> {
  const hosts = new Set<string>();
  for (const u of urls)
    try {
      if (u) hosts.add(new URL(u).host);
    } catch {
      // not an address: no host to recognise
    }
  return hosts;
}

export const mentionsOldSite = (body: string, hosts: ReadonlySet<string>) => [...hosts].some((h) => body.includes(h));

export function countRepairs(
  totals: { applied: number; queued: number },
  repairs: { substitutions: { applied: boolean }[] }[],
) {
  for (const r of repairs)
    for (const x of r.substitutions)
      if (x.applied) totals.applied++;
      else totals.queued++;
}
