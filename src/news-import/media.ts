import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import path from 'node:path';
import type { Tx } from '../db/connection.js';
import { type BlobStore, imageUrl, saveFile, saveImage } from '../storage/service.js';
import * as q from './queries.js';
import { recordImportedMedia } from './wxr-extras.js';
import { checkOutboundUrl, RefusedAddress, type Resolver } from '../webhooks/service.js';

/**
 * The old site's pictures, brought home with `--fetch-media`: every picture a body shows (`src`,
 * `srcset`, CSS `url()`, or a link to an image file) and every featured image on one of the old
 * site's hosts, and the PDF documents bodies link to (stored byte for byte, served by
 * news-import/documents.ts), are fetched once per import through the webhooks' outbound address guard (no private address unless the
 * explicit test/development allowance; the connection goes to the checked address; redirects
 * checked again), within size, type and time limits, then stored as an uploaded image
 * (re-encoded, src/storage) and the body points to /media. A failure is reported and the body
 * keeps the old address: it never aborts the post. Pictures on other hosts are not fetched,
 * only listed.
 */

export interface MediaOptions {
  store: BlobStore;
  /** The test/development allowance of the webhooks (ALLOW_PRIVATE_WEBHOOKS): private addresses accepted. */
  allowPrivate: boolean;
  resolve?: Resolver;
  maxBytes?: number;
  timeoutMs?: number;
}

export interface MediaReport {
  fetched: { url: string; to: string }[];
  failed: { url: string; reason: string }[];
  /** Pictures on hosts that are not the old site's: left where they are. */
  external: string[];
}

const IMAGE_PATH = /\.(jpe?g|png|gif|webp)$/i;
/** Files a post links to that are brought home as they are (never re-encoded): PDF documents. */
const DOCUMENT_PATH = /\.pdf$/i;

/** Where an imported document is served (news-import/documents.ts): its upload and its name. */
export const documentUrl = (uploadId: string, name: string) =>
  `/media/files/${uploadId}/${encodeURIComponent(name.replace(/[^\w.-]+/g, '-') || 'document.pdf')}`;

/** Addresses of documents (PDF) a body links to: href attributes and bare links. */
export function documentUrls(body: string): string[] {
  const found = new Set<string>();
  for (const m of body.matchAll(/(?:https?:)?\/\/[^\s"'<>()]+/gi)) {
    const u = m[0].replace(/[.,;:!?]+$/, '');
    try {
      if (DOCUMENT_PATH.test(new URL(u.startsWith('//') ? `http:${u}` : u).pathname))
        found.add(u.startsWith('//') ? `http:${u}` : u);
    } catch {
      // not a URL after all
    }
  }
  return [...found];
}
const MAX_REDIRECTS = 3;
const MAX_BYTES = 10 * 1_048_576;

/** URLs a body shows as pictures: src and srcset attributes, CSS url(), and links to image files. */
export function pictureUrls(body: string): string[] {
  const found = new Set<string>();
  const add = (raw: string) => {
    const u = raw.trim().replace(/^['"]|['"]$/g, '');
    if (/^(https?:)?\/\//i.test(u)) found.add(u.startsWith('//') ? `http:${u}` : u);
  };
  for (const m of body.matchAll(/\bsrc\s*=\s*["']([^"']+)["']/gi)) add(m[1]!);
  for (const m of body.matchAll(/\bsrcset\s*=\s*["']([^"']+)["']/gi))
    for (const part of m[1]!.split(',')) add(part.trim().split(/\s+/)[0] ?? '');
  for (const m of body.matchAll(/url\(\s*([^)]+?)\s*\)/gi)) add(m[1]!);
  for (const m of body.matchAll(/(?:https?:)?\/\/[^\s"'<>()]+/gi)) {
    const u = m[0].replace(/[.,;:!?]+$/, '');
    try {
      if (IMAGE_PATH.test(new URL(u.startsWith('//') ? `http:${u}` : u).pathname)) add(u);
    } catch {
      // not a URL after all
    }
  }
  return [...found];
}

export class MediaFetcher {
  /** Old picture path (host + path) → its new address; a failed one is remembered so it is tried once. */
  readonly moved = new Map<string, string>();
  private readonly tried = new Set<string>();
  readonly report: MediaReport = { fetched: [], failed: [], external: [] };
  private readonly externalSeen = new Set<string>();

  /** Without options (no --fetch-media, or a dry run) pictures are only looked at: those on other hosts listed. */
  constructor(
    private readonly networkId: string,
    private readonly hosts: Set<string>,
    private readonly opts?: MediaOptions,
  ) {}

  get fetching() {
    return !!this.opts;
  }

  static key(url: URL) {
    return `${url.host}${url.pathname}`;
  }

  /** Fetches and stores the pictures and documents of a body not met yet in this import. */
  async fetchFor(tx: Tx, body: string): Promise<void> {
    if (!body.includes('//')) return;
    for (const raw of pictureUrls(body)) await this.bring(tx, raw, 'image');
    for (const raw of documentUrls(body)) await this.bring(tx, raw, 'document');
  }

  /** Featured images (`_thumbnail_id`), which a body may never show: fetched like its pictures. */
  async fetchImages(tx: Tx, urls: string[]): Promise<void> {
    for (const raw of urls) await this.bring(tx, raw, 'image');
  }

  /**
   * One file of the old site, once per import: on another host it is only listed; without
   * --fetch-media nothing more; otherwise fetched and stored, or its failure reported.
   */
  private async bring(tx: Tx, raw: string, kind: 'image' | 'document'): Promise<void> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return;
    }
    if (!this.hosts.has(url.host)) {
      if (!this.externalSeen.has(raw)) {
        this.externalSeen.add(raw);
        this.report.external.push(raw);
      }
      return;
    }
    const key = MediaFetcher.key(url);
    if (!this.opts || this.tried.has(key)) return;
    this.tried.add(key);
    try {
      const bytes = await this.download(url, kind);
      const { store } = this.opts;
      const name = path.basename(url.pathname) || kind;
      let to: string;
      // A savepoint: a file that cannot be stored leaves the import's transaction usable.
      if (kind === 'image') {
        const upload = await tx.transaction((sp) =>
          saveImage(sp, store, this.networkId, { bytes, name, field: 'media' }, null),
        );
        to = imageUrl(upload, 1280);
        // Known by its old address: an article whose featured image it is gets it as its cover.
        await recordImportedMedia(tx, this.networkId, raw, upload.id);
      } else {
        const rules = { accept: ['application/pdf'] as const, maxBytes: this.opts.maxBytes ?? MAX_BYTES };
        const upload = await tx.transaction((sp) =>
          saveFile(sp, store, this.networkId, { bytes, name, field: 'media' }, rules, null),
        );
        to = documentUrl(upload.id, name);
        await q.upsertImportedMedia(tx, this.networkId, raw, upload.id);
      }
      this.moved.set(key, to);
      this.report.fetched.push({ url: raw, to });
    } catch (err) {
      this.report.failed.push({ url: raw, reason: (err as Error).message.split('\n')[0]!.slice(0, 300) });
    }
  }

  /** GET within the limits, through the address guard; no more than MAX_REDIRECTS redirects, each checked. */
  private async download(start: URL, kind: 'image' | 'document'): Promise<Uint8Array> {
    const opts = this.opts!;
    let url = start;
    for (let hop = 0; ; hop++) {
      const answer = await this.get(url, opts, kind === 'image' ? 'image/*' : 'application/pdf');
      if ('bytes' in answer) return answer.bytes;
      if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
      url = new URL(answer.location, url);
    }
  }

  private async get(
    raw: URL,
    opts: MediaOptions,
    accept: string,
  ): Promise<{ bytes: Uint8Array } | { location: string }> {
    const maxBytes = opts.maxBytes ?? MAX_BYTES;
    const timeoutMs = opts.timeoutMs ?? 15_000;
    let target: Awaited<ReturnType<typeof checkOutboundUrl>>;
    try {
      target = await checkOutboundUrl(raw.toString(), opts.allowPrivate, opts.resolve, true);
    } catch (err) {
      if (err instanceof RefusedAddress) throw new Error(`refused: the URL ${err.message}`);
      throw err;
    }
    const { url, addresses } = target;
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as (e: null, a: typeof addresses) => void)(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    };
    return new Promise((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).get(
        url,
        { lookup: pinned, agent: false, headers: { accept } },
        (res) => {
          const status = res.statusCode ?? 0;
          if (status >= 300 && status < 400 && res.headers.location) {
            res.destroy();
            clearTimeout(timer);
            return resolve({ location: res.headers.location });
          }
          if (status !== 200) {
            res.destroy();
            clearTimeout(timer);
            return reject(new Error(`HTTP ${status}`));
          }
          if (Number(res.headers['content-length'] ?? 0) > maxBytes) {
            res.destroy();
            clearTimeout(timer);
            return reject(new Error(`larger than ${maxBytes} bytes`));
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > maxBytes) {
              request.destroy(new Error(`larger than ${maxBytes} bytes`));
              return;
            }
            chunks.push(c);
          });
          res.on('end', () => {
            clearTimeout(timer);
            resolve({ bytes: Buffer.concat(chunks) });
          });
        },
      );
      const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      request.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }
}
