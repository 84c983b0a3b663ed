import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { findUserByEmail } from '../accounts/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import {
  authorForUser,
  createArticle,
  createContributor,
  findArticle,
  findArticleBySource,
  findAuthorBySource,
  freeAuthorSlug,
  updateArticle,
} from '../news/service.js';
import { addRedirect } from '../redirects/service.js';
import { dictionaryFor, recordRepairs, repairFields } from '../text-repair/service.js';
import { slugify } from '../web/slug.js';
import type { ImportReport, Outcome, ReportLine } from './service.js';
import { parseWxr, type WxrChannel, type WxrItem } from './wxr-parse.js';

export interface WxrOptions {
  dryRun?: boolean;
  keepGoing?: boolean;
  language?: 'fr' | 'nl' | 'en';
  chapter?: string;
}

export interface WxrReport extends ImportReport {
  skippedByKind: Record<string, number>;
  attachments: string[];
  comments: number;
}

class DryRun extends Error {}

const STATUS: Record<string, 'published' | 'scheduled' | 'draft' | 'private'> = {
  publish: 'published',
  future: 'scheduled',
  draft: 'draft',
  pending: 'draft',
  private: 'private',
};

/** Category paths from nicenames and parents, in whatever order the file lists them. */
function categoryPaths(channel: WxrChannel): Map<string, string> {
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

/** `/path` must not match `/path-2`: an old URL is replaced only when it ends there. */
function rewriteLinks(body: string, links: Map<string, string>, host: string): string {
  if (!host || !body.includes(host)) return body;
  return body.replace(/https?:\/\/[^\s"'<>)\]]+/g, (url) => {
    const bare = url.replace(/[.,;:!?]+$/, '');
    const rest = url.slice(bare.length);
    let parsed: URL;
    try {
      parsed = new URL(bare);
    } catch {
      return url;
    }
    if (parsed.host !== host) return url; // look-alike hosts (blog.example.org.evil.net) stay
    const key = parsed.pathname.replace(/\/+$/, '') || '/';
    const to =
      links.get(key) ?? (parsed.searchParams.get('p') ? links.get(`?p=${parsed.searchParams.get('p')}`) : undefined);
    return to ? to + rest : url;
  });
}

/**
 * Imports a WXR export in one transaction (or none, with dryRun). Items are written as the
 * stream delivers them; a bad item aborts everything unless keepGoing, which skips it (in a
 * savepoint) and reports why. Links to the old site are rewritten once every item is known.
 */
export async function importWxr(db: Db, network: Network, input: Readable, opts: WxrOptions = {}): Promise<WxrReport> {
  const lines: ReportLine[] = [];
  const skippedByKind: Record<string, number> = {};
  const attachments: string[] = [];
  let comments = 0;
  let redirects = 0;
  const totals = { applied: 0, queued: 0 };
  const language = opts.language ?? 'fr';
  const dict = dictionaryFor(language, []);
  const links = new Map<string, string>();
  /** Articles that still link to old addresses not known yet when they were written. */
  const pending: string[] = [];
  let channel: WxrChannel | undefined;
  let paths = new Map<string, string>();
  let host = '';
  const skip = (kind: string) => (skippedByKind[kind] = (skippedByKind[kind] ?? 0) + 1);

  async function authorIds(tx: Tx, login: string): Promise<string[]> {
    if (!login) return [];
    const a = channel?.authors.find((x) => x.login === login);
    const user = a?.email ? await findUserByEmail(tx, network.id, a.email) : undefined;
    if (user) return [(await authorForUser(tx, network.id, user.id)).id];
    const key = `wp:${channel?.baseSiteUrl}:${login}`;
    const found = await findAuthorBySource(tx, network.id, key);
    if (found) return [found.id];
    const name = a?.displayName || login;
    // A contributor profile: a byline with no account, no e-mail and no password.
    return [
      (
        await createContributor(tx, {
          networkId: network.id,
          name,
          slug: await freeAuthorSlug(tx, network.id, name),
          sourceKey: key,
        })
      ).id,
    ];
  }

  async function importItem(tx: Tx, it: WxrItem): Promise<ReportLine> {
    const label = `item ${it.postId || '?'} (line ${it.line})`;
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
    if (!/^\d+$/.test(it.postId)) throw new Error(`${label} has no post id`);
    // Password-protected posts are never public.
    const status = it.password ? 'private' : mapped;
    const when =
      it.postDateGmt && !it.postDateGmt.startsWith('0000')
        ? new Date(`${it.postDateGmt.replace(' ', 'T')}Z`)
        : undefined;
    const sourceKey = `wxr:${channel!.baseSiteUrl}:${it.postId}`;
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
        ]),
      )
      .digest('hex');
    const existing = await findArticleBySource(tx, network.id, sourceKey);
    comments += it.comments.filter((c) => c.approved).length;
    if (existing && existing.sourceHash === hash) {
      links.set(new URL(it.link || 'http://x/').pathname.replace(/\/+$/, '') || '/', `/news/${existing.slug}`);
      return { path: label, outcome: 'unchanged', slug: existing.slug };
    }
    const repairs = repairFields({ title: it.title, body: it.content, excerpt: it.excerpt || undefined }, dict, [
      it.postName,
    ]);
    const fixed = Object.fromEntries(repairs.map((r) => [r.field, r.text]));
    let postName = it.postName;
    try {
      postName = decodeURIComponent(postName);
    } catch {
      // keep it as it is
    }
    const slug = slugify(postName) || slugify(fixed.title ?? it.title) || `post-${it.postId}`;
    // Links to posts already imported are rewritten now; the rest once every item is known.
    const body = rewriteLinks(fixed.body ?? it.content, links, host);
    const input = {
      title: (fixed.title ?? it.title).trim().slice(0, 200) || `(${it.postId})`,
      bodyMarkdown: body,
      excerpt: fixed.excerpt,
      language,
      chapter: opts.chapter ?? null,
      categories: it.categories
        .filter((c) => c.domain === 'category' && c.nicename !== 'uncategorized')
        .map((c) => paths.get(c.nicename) ?? c.name),
      tags: it.categories.filter((c) => c.domain === 'post_tag').map((c) => c.name),
      partner: false,
      status,
      publishAt: status === 'scheduled' ? when : undefined,
    };
    const extras = {
      authorIds: await authorIds(tx, it.creator),
      sourceHash: hash,
      publishedAt: status === 'published' ? (when ?? null) : null,
    };
    let row: Awaited<ReturnType<typeof createArticle>>;
    let outcome: Outcome;
    if (existing) {
      row = await updateArticle(tx, network, null, existing.id, input, { ...extras, trusted: true, note: 'import' });
      outcome = 'updated';
    } else {
      row = await createArticle(
        tx,
        network,
        null,
        { ...input, slug: slug.slice(0, 80).replace(/-+$/, '') },
        { ...extras, sourceKey, note: 'import' },
      ).catch(async (err) => {
        if ((err as { code?: string }).code !== 'conflict') throw err;
        return createArticle(tx, network, null, input, { ...extras, sourceKey, note: 'import' });
      });
      outcome = 'created';
    }
    await recordRepairs(tx, network.id, row.id, repairs);
    totals.applied += repairs.reduce((n, r) => n + r.substitutions.filter((s) => s.applied).length, 0);
    totals.queued += repairs.reduce((n, r) => n + r.substitutions.filter((s) => !s.applied).length, 0);
    if (host && body.includes(host)) pending.push(row.id);
    const to = `/news/${row.slug}`;
    const oldPath = it.link ? new URL(it.link, channel!.baseSiteUrl || 'http://x/').pathname : '';
    links.set(oldPath.replace(/\/+$/, '') || '/', to);
    links.set(`?p=${it.postId}`, to);
    if (status === 'published' || status === 'scheduled') {
      if (oldPath && oldPath !== '/' && oldPath.replace(/\/+$/, '') !== to) {
        await addRedirect(tx, network.id, oldPath, to, { origin: 'import', replace: true });
        redirects++;
      }
      await addRedirect(tx, network.id, `/?${it.postType === 'page' ? 'page_id' : 'p'}=${it.postId}`, to, {
        origin: 'import',
        replace: true,
      });
      redirects++;
    }
    return { path: label, outcome, slug: row.slug };
  }

  try {
    await db.transaction(async (tx) => {
      await parseWxr(input, {
        onChannel: async (c) => {
          channel = c;
          paths = categoryPaths(c);
          try {
            host = new URL(c.baseSiteUrl).host;
          } catch {
            host = '';
          }
        },
        onItem: async (it) => {
          if (!opts.keepGoing) return void lines.push(await importItem(tx, it));
          try {
            lines.push(await tx.transaction((sp) => importItem(sp, it)));
          } catch (err) {
            lines.push({
              path: `item ${it.postId || '?'} (line ${it.line})`,
              outcome: 'failed',
              reason: (err as Error).message.split('\n')[0],
            });
          }
        },
      });
      // Links to the old site now point to the new articles.
      for (const id of pending) {
        const a = await findArticle(tx, network, id);
        const body = rewriteLinks(a.bodyMarkdown, links, host);
        if (body !== a.bodyMarkdown)
          await updateArticle(tx, network, null, id, { bodyMarkdown: body }, { trusted: true, note: 'links' });
      }
      if (opts.dryRun) throw new DryRun();
    });
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  const counts = { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 } as Record<Outcome, number>;
  for (const l of lines) counts[l.outcome]++;
  return { lines, counts, repairs: totals, redirects, dryRun: !!opts.dryRun, skippedByKind, attachments, comments };
}
