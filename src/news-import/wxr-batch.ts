import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import {
  type ComposedArticle,
  cachedTermIds,
  composeImportedArticles,
  type ImportedArticle,
  insertComposedArticles,
  type newTermCache,
  takeSlug,
} from '../news/service.js';
import { addRedirects } from '../redirects/service.js';
import { type Dictionary, recordNewRepairs, repairFields } from '../text-repair/service.js';
import { slugify } from '../web/slug.js';
import type { ReportLine } from './service.js';
import type { MediaFetcher } from './media.js';
import { countRepairs, mentionsOldSite, type PreparedItem, rewriteLinks } from './wxr-items.js';
import type { WxrChannel } from './wxr-parse.js';

/**
 * Items written per batch: a few statements each. Two batches are in memory at once (one prepared,
 * one being written). 50 kept the peak RSS ~20 MB lower than 100 but was slower under load (25.8× the
 * parse-alone baseline against 16×), and 200 was no faster than 100.
 */
export const BATCH = 100;

/** What the batch writer and the one-at-a-time path share during one import. */
export interface ImportState {
  tx: Tx;
  network: Network;
  channel: WxrChannel;
  /** The old site's hosts (oldHosts): links to them are rewritten. */
  hosts: Set<string>;
  /** With --fetch-media: the pictures brought home so far. */
  media?: MediaFetcher;
  language: 'fr' | 'nl' | 'en';
  chapterId: string | null;
  dict: Dictionary;
  links: Map<string, string>;
  /** Articles that still link to old addresses not known yet when they were written. */
  pending: string[];
  totals: { applied: number; queued: number };
  redirects: number;
  keepGoing: boolean;
  termCache: ReturnType<typeof newTermCache>;
  /** The network's imported articles by source key, and its taken slugs (importedArticlesIndex), kept up to date. */
  known: Map<string, { id: string; slug: string; sourceHash: string | null }>;
  slugs: Set<string>;
  /** Source keys of this file's new items, from the moment their batch is prepared. */
  creating: Set<string>;
  authorIds(login: string): Promise<string[]>;
  writeOne(tx: Tx, p: PreparedItem, existingId?: string, slug?: string): Promise<ReportLine>;
}

export function repairItem(s: ImportState, p: PreparedItem) {
  const repairs = repairFields({ title: p.it.title, body: p.it.content, excerpt: p.it.excerpt || undefined }, s.dict, [
    p.it.postName,
  ]);
  const fixed = Object.fromEntries(repairs.map((r) => [r.field, r.text]));
  const title = (fixed.title ?? p.it.title).trim().slice(0, 200) || `(${p.it.postId})`;
  return { repairs, fixed, title };
}

export function rememberLinks(s: ImportState, p: PreparedItem, to: string) {
  s.links.set(p.oldKey, to);
  s.links.set(`?p=${p.it.postId}`, to);
}

/**
 * Old addresses of a public article: its permalink, ?p=ID (or ?page_id=ID), and the permalinks it
 * had under the slugs WordPress recorded when it was renamed (`_wp_old_slug`: the permalink with
 * its slug segment replaced, as WordPress itself redirects them).
 */
export function redirectPairs(p: PreparedItem, to: string) {
  if (p.status !== 'published' && p.status !== 'scheduled') return [];
  const pairs = [{ from: `/?${p.it.postType === 'page' ? 'page_id' : 'p'}=${p.it.postId}`, to }];
  const usable = (from: string) => from && from !== '/' && from.replace(/\/+$/, '') !== to;
  if (usable(p.oldPath)) pairs.unshift({ from: p.oldPath, to });
  const segments = p.oldPath.split('/');
  const at = segments.findLastIndex((x) => x !== '');
  if (at >= 0)
    for (const slug of p.it.oldSlugs) {
      if (!/^[\w%.-]+$/.test(slug) || slug === segments[at]) continue;
      const from = [...segments.slice(0, at), encodeURIComponent(decodeSafely(slug)), ...segments.slice(at + 1)].join(
        '/',
      );
      if (usable(from)) pairs.push({ from, to });
    }
  return pairs;
}

function decodeSafely(s: string) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

type Slot = { slot: number; p: PreparedItem };

/** One item the slow way, in a savepoint when the import keeps going past bad items. */
async function one(s: ImportState, p: PreparedItem, existingId?: string, slug?: string): Promise<ReportLine> {
  if (!s.keepGoing) return s.writeOne(s.tx, p, existingId, slug);
  try {
    return await s.tx.transaction((sp) => s.writeOne(sp, p, existingId, slug));
  } catch (err) {
    return { path: p.label, outcome: 'failed', reason: (err as Error).message.split('\n')[0] };
  }
}

/** A batch decided and composed in memory, waiting for its turn to be written. */
export interface PreparedBatch {
  ready: Ready[];
  composed: ComposedArticle[];
  /** Changed articles and items listed twice: updated one by one after the batch's new ones. */
  later: Slot[];
}
type Ready = Slot & ReturnType<typeof repairItem> & { slug: string };

/**
 * A batch as read from the file, decided without a round trip (the index of the network's
 * articles is read once per import): unchanged items are only reported, new ones repaired,
 * given a slug, their links rewritten and their HTML and search words composed, so this CPU
 * work overlaps the writing of the previous batch. Bylines and terms seen for the first time are
 * made here, in the import's own transaction (outside a batch's savepoint, so a batch retried
 * item by item still finds them).
 */
export async function prepareBatch(
  s: ImportState,
  batch: Slot[],
  lines: ReportLine[],
  countComments: (n: number) => void,
): Promise<PreparedBatch> {
  const fresh: Slot[] = [];
  const later: Slot[] = [];
  for (const b of batch) {
    countComments(b.p.it.comments.filter((c) => c.approved).length);
    const ex = s.known.get(b.p.sourceKey);
    // An item met earlier in this file is always "later", whether or not its batch is written yet.
    if (s.creating.has(b.p.sourceKey) || (ex && ex.sourceHash !== b.p.hash)) later.push(b);
    else if (ex) {
      rememberLinks(s, b.p, `/news/${ex.slug}`);
      lines[b.slot] = { path: b.p.label, outcome: 'unchanged', slug: ex.slug };
    } else {
      s.creating.add(b.p.sourceKey);
      fresh.push(b);
    }
  }
  const ready: Ready[] = [];
  const items: ImportedArticle[] = [];
  for (const b of fresh) {
    const repaired = repairItem(s, b.p);
    const slug = takeSlug(s.slugs, b.p.slug, slugify(repaired.title) || 'article');
    rememberLinks(s, b.p, `/news/${slug}`);
    ready.push({ ...b, ...repaired, slug });
  }
  for (const r of ready) {
    const body = r.fixed.body ?? r.p.it.content;
    await s.media?.fetchFor(s.tx, body);
    const { categoryIds, tagIds } = await cachedTermIds(s.tx, s.network.id, s.termCache, r.p.categories, r.p.tags);
    items.push({
      sourceKey: r.p.sourceKey,
      sourceHash: r.p.hash,
      slug: r.slug,
      title: r.title,
      // Links to posts of this batch and earlier ones are rewritten now; the rest at the end.
      bodyMarkdown: rewriteLinks(body, s.links, s.hosts, s.media?.moved),
      excerpt: r.fixed.excerpt,
      language: s.language,
      chapterId: s.chapterId,
      categoryIds,
      tagIds,
      termNames: [...r.p.categories, ...r.p.tags],
      authorIds: await s.authorIds(r.p.it.creator),
      status: r.p.status,
      publishAt: r.p.status === 'scheduled' ? (r.p.when ?? null) : null,
      publishedAt: r.p.status === 'published' ? (r.p.when ?? null) : null,
      note: 'import',
      sticky: r.p.it.sticky,
    });
  }
  return { ready, composed: composeImportedArticles(s.network, items), later };
}

/** Writes a prepared batch: the new articles together, then the later ones one by one. */
export async function writeBatch(s: ImportState, job: PreparedBatch, lines: ReportLine[]) {
  if (job.ready.length) await writeNew(s, job, lines);
  for (const b of job.later) lines[b.slot] = await one(s, b.p, s.known.get(b.p.sourceKey)?.id);
}

async function writeNew(s: ImportState, job: PreparedBatch, lines: ReportLine[]) {
  const { network } = s;
  const { ready, composed } = job;
  const write = async (db: Tx) => {
    const rows = await insertComposedArticles(db, network, composed);
    const idOf = new Map(rows.map((row) => [row.sourceKey, row.id]));
    await recordNewRepairs(
      db,
      network.id,
      ready.map((r) => ({ articleId: idOf.get(r.p.sourceKey)!, repairs: r.repairs })),
    );
    const redirects = await addRedirects(
      db,
      network.id,
      ready.flatMap((r) => redirectPairs(r.p, `/news/${r.slug}`)),
      'import',
    );
    return { idOf, redirects };
  };
  let done: Awaited<ReturnType<typeof write>>;
  if (!s.keepGoing) done = await write(s.tx);
  else {
    try {
      done = await s.tx.transaction(write);
    } catch {
      // Somewhere in this batch is an item that cannot be written: find it, and write the others.
      for (const r of ready) lines[r.slot] = await one(s, r.p, undefined, r.slug);
      return;
    }
  }
  s.redirects += done.redirects;
  ready.forEach((r, i) => {
    const id = done.idOf.get(r.p.sourceKey)!;
    s.known.set(r.p.sourceKey, { id, slug: r.slug, sourceHash: r.p.hash });
    countRepairs(s.totals, r.repairs);
    if (mentionsOldSite(composed[i]!.row.bodyMarkdown!, s.hosts)) s.pending.push(id);
    lines[r.slot] = { path: r.p.label, outcome: 'created', slug: r.slug };
  });
}
