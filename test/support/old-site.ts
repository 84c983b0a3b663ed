import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

// The old WordPress site a news import comes from: its export (WXR) and its files, served by a
// local HTTP server on 127.0.0.1 (tests start the app with `allowPrivateWebhooks`, the outbound
// guard's explicit test allowance, to reach it).

/** What the old site answers for one path: the bytes, a redirect, or the bytes after a delay. */
export type OldSiteAnswer = Buffer | string | { redirect: string } | { after: number; body: Buffer | string };

export interface OldSite {
  /** `127.0.0.1:port`, as a WordPress export names its host. */
  host: string;
  /** `http://host/wp-content/uploads/<name>`: where WordPress keeps its files. */
  upload(name: string): string;
  /** Every path asked for, in order. */
  hits: string[];
  close(): Promise<void>;
}

/** The old site serving `files` by path (anything else is a 404). */
export async function startOldSite(files: Record<string, OldSiteAnswer>): Promise<OldSite> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url!);
    const answer = files[req.url!];
    if (answer === undefined) return void res.writeHead(404).end();
    if (typeof answer === 'object' && 'redirect' in answer)
      return void res.writeHead(301, { location: answer.redirect }).end();
    if (typeof answer === 'object' && 'after' in answer)
      return void setTimeout(() => res.end(answer.body), answer.after);
    res.end(answer);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    host,
    upload: (name) => `http://${host}/wp-content/uploads/${name}`,
    hits,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** One post of the export, published, at `http://host/billet-<id>/` ("billet-<id>" as its slug). */
export function wxrPost(host: string, p: { id: number | string; body: string; date?: string; extra?: string }): string {
  const date = p.date ?? `2015-01-0${p.id} 10:00:00`;
  return `<item><title>Billet ${p.id}</title><link>http://${host}/billet-${p.id}/</link>
<content:encoded><![CDATA[${p.body}]]></content:encoded><wp:post_id>${p.id}</wp:post_id><wp:post_name>billet-${p.id}</wp:post_name>
<wp:post_date_gmt>${date}</wp:post_date_gmt><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>${p.extra ?? ''}</item>`;
}

/** A file of the media library (a featured image, a document). */
export const wxrAttachment = (host: string, id: number, url: string) =>
  `<item><title>fichier ${id}</title><link>http://${host}/?attachment_id=${id}</link>
<wp:post_id>${id}</wp:post_id><wp:post_name>fichier-${id}</wp:post_name><wp:status>inherit</wp:status>
<wp:post_type>attachment</wp:post_type><wp:attachment_url>${url}</wp:attachment_url></item>`;

/** A post's featured image, as the `extra` of `wxrPost`: the attachment's id. */
export const wxrThumbnail = (attachmentId: number) =>
  `<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value><![CDATA[${attachmentId}]]></wp:meta_value></wp:postmeta>`;

/** The whole export: the items under a channel naming the site's address (`http://host`). */
export function wxrDocument(items: string | string[], baseSiteUrl: string): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${baseSiteUrl}</wp:base_site_url>
${typeof items === 'string' ? items : items.join('\n')}</channel></rss>`;
}

/** The export as `importWxr` reads it. */
export const wxrStream = (items: string | string[], baseSiteUrl: string) =>
  Readable.from([Buffer.from(wxrDocument(items, baseSiteUrl))]);
