import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import {
  type ArchivedComment,
  archiveComments,
  coverWaitingArticles,
  findArticleIdsBySources,
  setImportedCovers,
  setImportedParents,
} from '../news/service.js';
import { addRedirects } from '../redirects/service.js';
import * as q from './queries.js';
import type { WxrChannel, WxrItem } from './wxr-parse.js';

/**
 * What a WXR item carries besides its article: approved comments (archived, threads kept, the
 * commenter's e-mail and IP never read), its parent page, its featured image. Gathered while the
 * file streams, written once the articles exist: comments after each batch (memory stays bounded),
 * parents and featured images at the end (a parent or an attachment may come later in the file).
 * Every write is keyed on the source, so importing the same file again changes nothing.
 */

export interface ExtrasReport {
  /** Approved comments in the archive of the imported articles. */
  comments: number;
  /** Pages under another page. */
  parents: number;
  /** Featured images: made covers (the file was here), and waiting for a `--fetch-media` run. */
  covers: { set: number; waiting: number };
}

/** The same key as the article's (wxr-items prepareItem): base URL + post id. */
const keyOf = (channel: WxrChannel, postId: string) => `wxr:${channel.baseSiteUrl}:${postId}`;

export class WxrExtras {
  readonly report: ExtrasReport = { comments: 0, parents: 0, covers: { set: 0, waiting: 0 } };
  private readonly attachments = new Map<string, string>();
  /** An attachment's description (WordPress's `_wp_attachment_image_alt`): the cover's alt. */
  private readonly alts = new Map<string, string>();
  private readonly parents: { child: string; parent: string }[] = [];
  private readonly thumbnails: { key: string; attachmentId: string }[] = [];
  private comments: { key: string; comments: ArchivedComment[] }[] = [];

  /** Called for every item read, imported or not (attachments are never articles, but are thumbnails). */
  see(it: WxrItem, channel: WxrChannel) {
    if (!/^\d+$/.test(it.postId)) return;
    if (it.postType === 'attachment') {
      if (it.attachmentUrl) this.attachments.set(it.postId, it.attachmentUrl);
      // One line, as the editor's field takes it (web/schemas text(300)).
      const alt = (it.meta._wp_attachment_image_alt ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
      if (alt) this.alts.set(it.postId, alt.slice(0, 300));
      return;
    }
    if (it.postType !== 'post' && it.postType !== 'page') return;
    const key = keyOf(channel, it.postId);
    if (/^\d+$/.test(it.parent) && it.parent !== '0')
      this.parents.push({ child: key, parent: keyOf(channel, it.parent) });
    const thumbnail = it.meta._thumbnail_id?.trim();
    if (thumbnail && /^\d+$/.test(thumbnail)) this.thumbnails.push({ key, attachmentId: thumbnail });
    // Even an item with no approved comment left: the archive forgets those unapproved since.
    this.comments.push({
      key,
      comments: it.comments
        .filter((c) => c.approved && /^\d+$/.test(c.id.trim()))
        .map((c) => ({ id: c.id.trim(), parent: c.parent.trim(), author: c.author, date: c.date, content: c.content })),
    });
  }

  /** The comments seen so far, to be written once their batch is (the import writes while it reads on). */
  takeComments() {
    const taken = this.comments;
    this.comments = [];
    return taken;
  }

  /** After a batch of articles is written: their comments. */
  async flushComments(tx: Tx, network: Network, pending = this.takeComments()) {
    if (!pending.length) return;
    const ids = await findArticleIdsBySources(
      tx,
      network.id,
      pending.map((p) => p.key),
    );
    const idOf = new Map(ids.map((r) => [r.sourceKey!, r.id]));
    const items = pending.flatMap((p) => {
      const articleId = idOf.get(p.key);
      return articleId ? [{ articleId, comments: p.comments }] : [];
    });
    await archiveComments(tx, network.id, items);
    for (const i of items) this.report.comments += i.comments.length;
  }

  /**
   * At the end of the file: the last comments, then parents and featured images. With
   * --fetch-media (`media`), a featured image not stored yet is fetched first, even when no body
   * shows it. Returns redirects added.
   */
  async finish(
    tx: Tx,
    network: Network,
    media?: { fetchImages(tx: Tx, urls: string[]): Promise<void> },
  ): Promise<number> {
    await this.flushComments(tx, network);
    const { count, moved } = await setImportedParents(tx, network, this.parents);
    this.report.parents = count;
    const redirects = moved.length ? await addRedirects(tx, network.id, moved, 'import') : 0;
    const wanted = this.thumbnails.flatMap((t) => {
      const url = this.attachments.get(t.attachmentId);
      return url ? [{ key: t.key, url, alt: this.alts.get(t.attachmentId) ?? '' }] : [];
    });
    if (wanted.length) {
      const ids = await findArticleIdsBySources(
        tx,
        network.id,
        wanted.map((w) => w.key),
      );
      const idOf = new Map(ids.map((r) => [r.sourceKey!, r.id]));
      const urls = [...new Set(wanted.map((w) => w.url))];
      let stored = await q.selectImportedMedia(tx, network.id, urls);
      const missing = urls.filter((u) => !stored.has(u));
      if (media && missing.length) {
        await media.fetchImages(tx, missing);
        stored = await q.selectImportedMedia(tx, network.id, urls);
      }
      const covers = wanted.flatMap((w) => {
        const id = idOf.get(w.key);
        return id ? [{ id, url: w.url, uploadId: stored.get(w.url) ?? null, alt: w.alt }] : [];
      });
      await setImportedCovers(tx, network.id, covers);
      for (const c of covers) c.uploadId ? this.report.covers.set++ : this.report.covers.waiting++;
    }
    return redirects;
  }
}

/**
 * An old site's file now stored here (a `--fetch-media` run): remembered by its old address, and
 * made the cover of the articles whose featured image it is and that have none. Returns how many.
 */
export async function recordImportedMedia(tx: Tx, networkId: string, sourceUrl: string, uploadId: string) {
  await q.upsertImportedMedia(tx, networkId, sourceUrl, uploadId);
  return coverWaitingArticles(tx, networkId, sourceUrl, uploadId);
}
