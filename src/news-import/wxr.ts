import type { Readable } from 'node:stream';
import { findUserByEmail } from '../accounts/service.js';
import { findChapter } from '../chapters/service.js';
import type { Db, Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import {
  authorForUser,
  createArticle,
  createContributor,
  findAuthorBySource,
  freeAuthorSlug,
  importedArticlesIndex,
  newTermCache,
  rewriteArticleBodies,
  takeSlug,
  updateArticle,
} from '../news/service.js';
import { slugify } from '../web/slug.js';
import { addRedirects } from '../redirects/service.js';
import { dictionaryFor, recordRepairs } from '../text-repair/service.js';
import type { ImportReport, Outcome, ReportLine } from './service.js';
import {
  BATCH,
  type ImportState,
  prepareBatch,
  redirectPairs,
  rememberLinks,
  repairItem,
  writeBatch,
} from './wxr-batch.js';
import { MediaFetcher, type MediaOptions, type MediaReport } from './media.js';
import {
  categoryPaths,
  countRepairs,
  labelOf,
  mentionsOldSite,
  oldHosts,
  type PreparedItem,
  prepareItem,
  rewriteLinks,
} from './wxr-items.js';
import { type ExtrasReport, WxrExtras } from './wxr-extras.js';
import { parseWxr, type WxrChannel } from './wxr-parse.js';

export interface WxrOptions {
  dryRun?: boolean;
  keepGoing?: boolean;
  language?: 'fr' | 'nl' | 'en';
  chapter?: string;
  /** The old site's address when the export does not say it (or says another): its links are rewritten. */
  baseUrl?: string;
  /** --fetch-media: the old site's pictures are fetched and stored (never in a dry run). */
  media?: MediaOptions;
  /** Called first in the import's transaction (the admin job takes its lock there). */
  onStart?: (tx: Tx) => Promise<void>;
  /** Called after each batch: items read so far and bytes of the file read. */
  onProgress?: (p: { items: number; bytes: number }) => Promise<void> | void;
}

export interface WxrReport extends ImportReport {
  media: MediaReport;
  skippedByKind: Record<string, number>;
  attachments: string[];
  comments: number;
  /** Comments archived, pages put under their parents, featured images. */
  archive: ExtrasReport;
}

class DryRun extends Error {}

/**
 * Imports a WXR export in ONE transaction (or none, with dryRun): nothing is half-imported. Items
 * are written in batches of BATCH as the stream delivers them (multi-row INSERTs), so memory
 * stays bounded and round trips are few. A bad item aborts everything unless keepGoing, which
 * skips it (each batch in a savepoint, retried item by item when it fails) and reports why.
 * Links to the old site are rewritten at once when their target is known, the rest at the end.
 */
/** The articles' language from the blog's own (`nl-BE` → nl), when it is one we speak; --language wins. */
function blogLanguage(tag: string): 'fr' | 'nl' | 'en' | undefined {
  const lang = tag.slice(0, 2).toLowerCase();
  return lang === 'fr' || lang === 'nl' || lang === 'en' ? lang : undefined;
}

export async function importWxr(db: Db, network: Network, input: Readable, opts: WxrOptions = {}): Promise<WxrReport> {
  const lines: ReportLine[] = [];
  const skippedByKind: Record<string, number> = {};
  const attachments: string[] = [];
  let comments = 0;
  let paths = new Map<string, string>();
  const skip = (kind: string) => (skippedByKind[kind] = (skippedByKind[kind] ?? 0) + 1);
  const authorCache = new Map<string, string[]>();
  let state: ImportState | undefined;
  let batch: { slot: number; p: PreparedItem }[] = [];
  let bytes = 0;
  const extras = new WxrExtras();

  async function authorIds(tx: Tx, channel: WxrChannel, login: string): Promise<string[]> {
    if (!login) return [];
    const cached = authorCache.get(login);
    if (cached) return cached;
    const a = channel.authors.find((x) => x.login === login);
    const user = a?.email ? await findUserByEmail(tx, network.id, a.email) : undefined;
    let ids: string[];
    if (user) ids = [(await authorForUser(tx, network.id, user.id)).id];
    else {
      const key = `wp:${channel.baseSiteUrl}:${login}`;
      const found = await findAuthorBySource(tx, network.id, key);
      const name = a?.displayName || login;
      // A contributor profile: a byline with no account, no e-mail and no password.
      ids = [
        found?.id ??
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
    authorCache.set(login, ids);
    return ids;
  }

  /** One item the slow way: an update, or a new article whose batch failed. */
  async function writeOne(tx: Tx, p: PreparedItem, existingId?: string, slug?: string): Promise<ReportLine> {
    const s = state!;
    const { repairs, fixed, title } = repairItem(s, p);
    await s.media?.fetchFor(tx, fixed.body ?? p.it.content);
    const body = rewriteLinks(fixed.body ?? p.it.content, s.links, s.hosts, s.media?.moved);
    const input = {
      title,
      bodyMarkdown: body,
      excerpt: fixed.excerpt,
      language: s.language,
      chapter: opts.chapter ?? null,
      categories: p.categories,
      tags: p.tags,
      partner: false,
      status: p.status,
      publishAt: p.status === 'scheduled' ? p.when : undefined,
    };
    const extras = {
      authorIds: await s.authorIds(p.it.creator),
      sourceHash: p.hash,
      publishedAt: p.status === 'published' ? (p.when ?? null) : null,
      sticky: p.it.sticky,
    };
    let row: Awaited<ReturnType<typeof createArticle>>;
    let outcome: Outcome;
    if (existingId) {
      row = await updateArticle(tx, network, null, existingId, input, { ...extras, trusted: true, note: 'import' });
      outcome = 'updated';
    } else {
      const ex = { ...extras, sourceKey: p.sourceKey, note: 'import' };
      // The slug comes from the import's own list, so no batch prepared meanwhile can take it too.
      const wish = slug ?? takeSlug(s.slugs, p.slug, slugify(title) || 'article');
      row = await createArticle(tx, network, null, { ...input, slug: wish }, ex).catch(async (err) => {
        if ((err as { code?: string }).code !== 'conflict') throw err;
        return createArticle(tx, network, null, input, ex);
      });
      s.slugs.add(row.slug);
      s.known.set(p.sourceKey, { id: row.id, slug: row.slug, sourceHash: p.hash });
      outcome = 'created';
    }
    await recordRepairs(tx, network.id, row.id, repairs);
    countRepairs(s.totals, repairs);
    if (mentionsOldSite(body, s.hosts)) s.pending.push(row.id);
    const to = `/news/${row.slug}`;
    rememberLinks(s, p, to);
    s.redirects += await addRedirects(tx, network.id, redirectPairs(p, to), 'import');
    return { path: p.label, outcome, slug: row.slug };
  }

  /**
   * Batches go through two stages: prepared in memory (CPU: repairs, Markdown, search words) and
   * written (PostgreSQL). While batch N is written, batch N+1 is read and prepared; N+1 is written
   * once N is done, so the statements keep their order on the one connection and at most two
   * batches are in memory. With keepGoing a batch may roll back to its savepoint, so nothing is
   * prepared meanwhile (a byline made then would vanish with the savepoint).
   */
  let writing: Promise<void> = Promise.resolve();
  let written = 0;
  async function flush() {
    const s = state;
    if (!s || !batch.length) return;
    const current = batch;
    batch = [];
    // This batch's comments (and the earlier ones'), taken now: items read while it is written are the next batch's.
    const seen = extras.takeComments();
    const job = await prepareBatch(s, current, lines, (n) => (comments += n));
    await writing;
    writing = writeBatch(s, job, lines).then(async () => {
      await extras.flushComments(s.tx, network, seen);
      written += current.length;
      await opts.onProgress?.({ items: written, bytes });
    });
    // Failures surface at the next await of `writing`; until then they are not "unhandled".
    writing.catch(() => undefined);
    // A picture is stored in a savepoint, which must not wrap another batch's statements.
    if (s.keepGoing || s.media?.fetching) await writing;
  }

  try {
    await db.transaction(async (tx) => {
      await opts.onStart?.(tx);
      const chapterId = opts.chapter ? (await findChapter(tx, network, opts.chapter)).id : null;
      const index = await importedArticlesIndex(tx, network.id);
      await parseWxr(input, {
        onBytes: (n) => {
          bytes = n;
        },
        onChannel: async (c) => {
          paths = categoryPaths(c);
          const hosts = oldHosts(c.baseSiteUrl, c.baseBlogUrl, opts.baseUrl);
          state = {
            tx,
            network,
            channel: c,
            hosts,
            media: new MediaFetcher(network.id, hosts, opts.dryRun ? undefined : opts.media),
            language: opts.language ?? blogLanguage(c.language) ?? 'fr',
            chapterId,
            dict: dictionaryFor(opts.language ?? blogLanguage(c.language) ?? 'fr', []),
            links: new Map(),
            pending: [],
            totals: { applied: 0, queued: 0 },
            redirects: 0,
            keepGoing: !!opts.keepGoing,
            termCache: newTermCache(),
            known: index.known,
            slugs: index.slugs,
            creating: new Set(),
            authorIds: (login) => authorIds(tx, c, login),
            writeOne,
          };
        },
        onItem: async (it) => {
          extras.see(it, state!.channel);
          let prepared: ReturnType<typeof prepareItem>;
          try {
            prepared = prepareItem(it, state!.channel, paths, skip, attachments);
          } catch (err) {
            if (!opts.keepGoing) throw err;
            lines.push({ path: labelOf(it), outcome: 'failed', reason: (err as Error).message.split('\n')[0] });
            return;
          }
          if ('outcome' in prepared) return void lines.push(prepared);
          batch.push({ slot: lines.push({ path: prepared.label, outcome: 'skipped' }) - 1, p: prepared });
          if (batch.length >= BATCH) await flush();
        },
      });
      await flush();
      await writing;
      if (state) state.redirects += await extras.finish(tx, network, state.media);
      // Links to the old site that pointed at articles written later now point to them too.
      const s = state;
      if (s)
        for (let i = 0; i < s.pending.length; i += BATCH)
          await rewriteArticleBodies(
            tx,
            network,
            s.pending.slice(i, i + BATCH),
            (b) => rewriteLinks(b, s.links, s.hosts, s.media?.moved),
            'links',
          );
      if (opts.dryRun) throw new DryRun();
    });
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  const counts = { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 } as Record<Outcome, number>;
  for (const l of lines) counts[l.outcome]++;
  return {
    lines,
    counts,
    repairs: state?.totals ?? { applied: 0, queued: 0 },
    redirects: state?.redirects ?? 0,
    dryRun: !!opts.dryRun,
    skippedByKind,
    attachments,
    comments,
    media: state?.media?.report ?? { fetched: [], failed: [], external: [] },
    archive: extras.report,
  };
}
