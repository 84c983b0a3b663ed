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

/** The pictures of one article; `fetcher` fetches each address once, over all the articles of a run. */
async function bringHome(
  db: Db,
  network: Network,
  actor: Actor,
  article: ArticleRow,
  ownOrigin: OwnSite,
  fetcher: { hosts: Set<string>; media: MediaFetcher },
): Promise<boolean> {
  const pictures = remotePicturesOf(article.bodyMarkdown, ownOrigin);
  const cover = article.coverSourceUrl && !article.coverUploadId ? [article.coverSourceUrl] : [];
  if (!pictures.length && !cover.length) return false;
  for (const u of [...pictures, ...cover])
    try {
      fetcher.hosts.add(new URL(u).host);
    } catch {
      // not an address: nothing to fetch
    }
  await db.transaction(async (tx) => {
    // The featured image, once stored, becomes the cover of the articles waiting for it (wxr-extras).
    await fetcher.media.fetchImages(tx, [...pictures, ...cover]);
    const body = rewriteLinks(article.bodyMarkdown, new Map(), fetcher.hosts, fetcher.media.moved);
    if (body !== article.bodyMarkdown)
      await updateArticle(tx, network, actor, article.id, { bodyMarkdown: body }, { note: 'media', trusted: !actor });
  });
  return true;
}

/** A fetcher for one run: the hosts it may fetch from grow with the articles it is given. */
function runFetcher(network: Network, media: MediaOptions) {
  const hosts = new Set<string>();
  return { hosts, media: new MediaFetcher(network.id, hosts, media) };
}

const reportOf = (articles: number, f: ReturnType<typeof runFetcher>): RemoteMediaReport => ({
  articles,
  fetched: f.media.report.fetched,
  failed: f.media.report.failed,
});

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
  const fetcher = runFetcher(network, opts.media);
  return reportOf((await bringHome(db, network, actor, article, opts.ownOrigin, fetcher)) ? 1 : 0, fetcher);
}

/** Every article of the network that shows pictures from elsewhere (the command line, already trusted). */
export async function fetchNetworkMedia(
  db: Db,
  network: Network,
  opts: { ownOrigin: OwnSite; media: MediaOptions },
): Promise<RemoteMediaReport> {
  // One fetcher for the run: a picture several articles show is fetched and stored once. A failed
  // save stops the run, so no later article points to a file whose transaction was rolled back.
  const fetcher = runFetcher(network, opts.media);
  let articles = 0;
  for (const article of await remoteMediaCandidates(db, network.id))
    if (await bringHome(db, network, null, article, opts.ownOrigin, fetcher)) articles++;
  return reportOf(articles, fetcher);
}
