import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import {
  type ArticleRow,
  authorizeArticleEdit,
  findArticle,
  type OwnSite,
  remoteHost,
  remoteMediaCandidates,
  updateArticle,
} from '../news/service.js';
import type { Actor } from '../web/policy.js';
import { MediaFetcher, type MediaOptions, pictureUrls } from './media.js';
import { rewriteLinks } from './wxr-items.js';

/**
 * Pictures an article shows from other sites, brought home after the import (an import without
 * --fetch-media, or pictures pasted since): the import's fetcher, with its outbound address guard
 * and its limits, fetches each one and the waiting featured image, stores them, and the text points
 * to /media — saved as a revision. A picture that cannot be fetched keeps its address and is reported.
 */
export interface RemoteMediaReport {
  articles: number;
  fetched: { url: string; to: string }[];
  failed: { url: string; reason: string }[];
}

/** The pictures of a text that are on other sites than `ownOrigin`. */
export const remotePicturesOf = (bodyMarkdown: string, ownOrigin: OwnSite) =>
  pictureUrls(bodyMarkdown).filter((u) => remoteHost(u, ownOrigin));

async function bringHome(
  db: Db,
  network: Network,
  actor: Actor,
  article: ArticleRow,
  opts: { ownOrigin: OwnSite; media: MediaOptions },
  report: RemoteMediaReport,
) {
  const pictures = remotePicturesOf(article.bodyMarkdown, opts.ownOrigin);
  const cover = article.coverSourceUrl && !article.coverUploadId ? [article.coverSourceUrl] : [];
  if (!pictures.length && !cover.length) return;
  const hosts = new Set<string>();
  for (const u of [...pictures, ...cover])
    try {
      hosts.add(new URL(u).host);
    } catch {
      // not an address: nothing to fetch
    }
  const fetcher = new MediaFetcher(network.id, hosts, opts.media);
  await db.transaction(async (tx) => {
    // The featured image, once stored, becomes the cover of the articles waiting for it (wxr-extras).
    await fetcher.fetchImages(tx, [...pictures, ...cover]);
    const body = rewriteLinks(article.bodyMarkdown, new Map(), hosts, fetcher.moved);
    if (body !== article.bodyMarkdown)
      await updateArticle(tx, network, actor, article.id, { bodyMarkdown: body }, { note: 'media', trusted: !actor });
  });
  report.articles++;
  report.fetched.push(...fetcher.report.fetched);
  report.failed.push(...fetcher.report.failed);
}

/** One article, by someone who may edit it (the editor's action). */
export async function fetchArticleMedia(
  db: Db,
  network: Network,
  actor: Actor,
  articleId: string,
  opts: { ownOrigin: OwnSite; media: MediaOptions; trusted?: boolean },
): Promise<RemoteMediaReport> {
  const article = await findArticle(db, network, articleId);
  if (!opts.trusted) await authorizeArticleEdit(db, actor, article, 'change this article');
  const report: RemoteMediaReport = { articles: 0, fetched: [], failed: [] };
  await bringHome(db, network, actor, article, opts, report);
  return report;
}

/** Every article of the network that shows pictures from elsewhere (the command line, already trusted). */
export async function fetchNetworkMedia(
  db: Db,
  network: Network,
  opts: { ownOrigin: OwnSite; media: MediaOptions },
): Promise<RemoteMediaReport> {
  const report: RemoteMediaReport = { articles: 0, fetched: [], failed: [] };
  for (const article of await remoteMediaCandidates(db, network.id))
    await bringHome(db, network, null, article, opts, report);
  return report;
}
