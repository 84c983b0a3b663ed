import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import {
  cachedTermIds,
  findArticlesBySources,
  insertImportedArticles,
  type newTermCache,
  reserveArticleSlugs,
} from '../news/service.js';
import { addRedirects } from '../redirects/service.js';
import { type Dictionary, type FieldRepair, recordNewRepairs, repairFields } from '../text-repair/service.js';
import { slugify } from '../web/slug.js';
import type { ReportLine } from './service.js';
import { countRepairs, type PreparedItem, rewriteLinks } from './wxr-items.js';
import type { WxrChannel } from './wxr-parse.js';

/** Items written per batch: a few statements each. 200 was no faster on this machine and kept ~40 MB more in flight. */
export const BATCH = 100;

/** What the batch writer and the one-at-a-time path share during one import. */
export interface ImportState {
  tx: Tx;
  network: Network;
  channel: WxrChannel;
  host: string;
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
  authorIds(login: string): Promise<string[]>;
  writeOne(tx: Tx, p: PreparedItem, existingId?: string): Promise<ReportLine>;
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

/** Old addresses of a public article: its permalink and ?p=ID (or ?page_id=ID). */
export function redirectPairs(p: PreparedItem, to: string) {
  if (p.status !== 'published' && p.status !== 'scheduled') return [];
  const pairs = [{ from: `/?${p.it.postType === 'page' ? 'page_id' : 'p'}=${p.it.postId}`, to }];
  if (p.oldPath && p.oldPath !== '/' && p.oldPath.replace(/\/+$/, '') !== to) pairs.unshift({ from: p.oldPath, to });
  return pairs;
}

type Slot = { slot: number; p: PreparedItem };

/** One item the slow way, in a savepoint when the import keeps going past bad items. */
async function one(s: ImportState, p: PreparedItem, existingId?: string): Promise<ReportLine> {
  if (!s.keepGoing) return s.writeOne(s.tx, p, existingId);
  try {
    return await s.tx.transaction((sp) => s.writeOne(sp, p, existingId));
  } catch (err) {
    return { path: p.label, outcome: 'failed', reason: (err as Error).message.split('\n')[0] };
  }
}

/**
 * A batch as read from the file: one query tells which items exist already; unchanged ones are
 * only reported, new ones written together (writeNew), changed ones updated one by one (rare:
 * an edited export), as is an item listed twice.
 */
export async function writeFreshBatch(
  s: ImportState,
  batch: Slot[],
  lines: ReportLine[],
  countComments: (n: number) => void,
) {
  const found = await findArticlesBySources(
    s.tx,
    s.network.id,
    batch.map((b) => b.p.sourceKey),
  );
  const existing = new Map(found.map((r) => [r.sourceKey, r]));
  const fresh: Slot[] = [];
  const later: Slot[] = [];
  const seen = new Set<string>();
  for (const b of batch) {
    countComments(b.p.it.comments.filter((c) => c.approved).length);
    const ex = existing.get(b.p.sourceKey);
    if (ex && ex.sourceHash === b.p.hash) {
      rememberLinks(s, b.p, `/news/${ex.slug}`);
      lines[b.slot] = { path: b.p.label, outcome: 'unchanged', slug: ex.slug };
    } else if (ex || seen.has(b.p.sourceKey)) later.push(b);
    else {
      seen.add(b.p.sourceKey);
      fresh.push(b);
    }
  }
  if (fresh.length) await writeNew(s, fresh, lines);
  for (const b of later) {
    const id =
      existing.get(b.p.sourceKey)?.id ?? (await findArticlesBySources(s.tx, s.network.id, [b.p.sourceKey]))[0]?.id;
    lines[b.slot] = await one(s, b.p, id);
  }
}

async function writeNew(s: ImportState, fresh: Slot[], lines: ReportLine[]) {
  const { tx, network } = s;
  const ready: (Slot &
    ReturnType<typeof repairItem> & { authorIds: string[]; categoryIds: string[]; tagIds: string[] })[] = [];
  // Bylines and terms are made in the import's own transaction, outside the batch's savepoint, so
  // a batch retried item by item still finds them.
  for (const b of fresh)
    ready.push({
      ...b,
      ...repairItem(s, b.p),
      authorIds: await s.authorIds(b.p.it.creator),
      ...(await cachedTermIds(tx, network.id, s.termCache, b.p.categories, b.p.tags)),
    });
  const slugs = await reserveArticleSlugs(
    tx,
    network.id,
    ready.map((r) => ({ first: r.p.slug, fallback: slugify(r.title) || 'article' })),
  );
  ready.forEach((r, i) => {
    rememberLinks(s, r.p, `/news/${slugs[i]}`);
  });
  const bodies = ready.map((r) => rewriteLinks(r.fixed.body ?? r.p.it.content, s.links, s.host));
  const write = async (db: Tx) => {
    const rows = await insertImportedArticles(
      db,
      network,
      ready.map((r, i) => ({
        sourceKey: r.p.sourceKey,
        sourceHash: r.p.hash,
        slug: slugs[i]!,
        title: r.title,
        bodyMarkdown: bodies[i]!,
        excerpt: r.fixed.excerpt,
        language: s.language,
        chapterId: s.chapterId,
        categoryIds: r.categoryIds,
        tagIds: r.tagIds,
        termNames: [...r.p.categories, ...r.p.tags],
        authorIds: r.authorIds,
        status: r.p.status,
        publishAt: r.p.status === 'scheduled' ? (r.p.when ?? null) : null,
        publishedAt: r.p.status === 'published' ? (r.p.when ?? null) : null,
        note: 'import',
        sticky: r.p.it.sticky,
      })),
    );
    const idOf = new Map(rows.map((row) => [row.sourceKey, row.id]));
    const repairs: { articleId: string; repairs: FieldRepair[] }[] = ready.map((r) => ({
      articleId: idOf.get(r.p.sourceKey)!,
      repairs: r.repairs,
    }));
    await recordNewRepairs(db, network.id, repairs);
    const redirects = await addRedirects(
      db,
      network.id,
      ready.flatMap((r, i) => redirectPairs(r.p, `/news/${slugs[i]}`)),
      'import',
    );
    return { idOf, redirects };
  };
  let done: Awaited<ReturnType<typeof write>>;
  if (!s.keepGoing) done = await write(tx);
  else {
    try {
      done = await tx.transaction(write);
    } catch {
      // Somewhere in this batch is an item that cannot be written: find it, and write the others.
      for (const r of ready) lines[r.slot] = await one(s, r.p);
      return;
    }
  }
  s.redirects += done.redirects;
  ready.forEach((r, i) => {
    countRepairs(s.totals, r.repairs);
    if (s.host && bodies[i]!.includes(s.host)) s.pending.push(done.idOf.get(r.p.sourceKey)!);
    lines[r.slot] = { path: r.p.label, outcome: 'created', slug: slugs[i]! };
  });
}
