import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError } from '../web/errors.js';
import { readSources } from './files.js';
import type { Config } from '../config.js';
import { blobStoreFor } from '../storage/service.js';
import type { MediaReport } from './media.js';
import { importWxr } from './wxr.js';
import { importMarkdown, reportText } from './service.js';
import { fetchArticleMedia, fetchNetworkMedia } from './remote-media.js';
import { msg } from '../web/i18n.js';

export const newsImportHelp = `Usage: essaim news import PATH [--dry-run] [--keep-going] [--fetch-media] [--base-url URL] [--report FILE] [--date YYYY-MM-DD] [--language fr|nl|en] [--chapter SLUG]
       essaim news fetch-media [--post ID]

Imports articles from a WordPress export (WXR 1.0–1.2, a .xml file, read as a stream) or from
Markdown files with YAML front matter (one file, a folder, or a zip).
Front-matter keys are read by name with their usual synonyms (WordPress exports: title, date,
status, permalink, author, excerpt, type, id, category, tag; Jekyll and Hugo: slug, tags,
categories, draft, lastmod, aliases, summary…). Only YAML is read, with the safe schema: front
matter in another language (---js, TOML, JSON) is refused. A text without front matter is read
as a title line and a body, and needs --date.

The whole import is one transaction: if a file cannot be read nothing is imported, unless
--keep-going, which skips it and reports why. Importing the same files again changes nothing
("unchanged"); an edited file is "updated". Damaged text (mojibake, ?-runs, U+FFFD) is repaired:
certain repairs are applied, uncertain ones are queued for an editor. --dry-run writes nothing.
--report FILE writes the report (JSON when FILE ends in .json).
The articles' language is --language, else the export's own (its channel's <language>, or a file's
front matter), else French.
Links to the old site (the export's address, or --base-url URL) point to the new articles.
--fetch-media fetches the old site's pictures shown in the posts, the featured images and the PDF
documents the posts link to (public addresses only, 10 MB and 15 s each, images and PDF only),
stores them and points the posts to them; a file that cannot be fetched keeps its old address
and is listed. Files on other hosts are listed, never fetched.

fetch-media, later: the pictures the articles show from other sites (which the pages' security
policy does not load: readers see a link instead) and the featured images still waiting for their
file are fetched, with the same checks and limits, and the articles point to them (a revision
each). --post ID: that article only. A picture that cannot be fetched keeps its address and is listed.`;

export async function runNewsImport(
  db: Db,
  network: Network,
  target: string,
  opts: {
    dryRun: boolean;
    keepGoing: boolean;
    report?: string | undefined;
    date?: string | undefined;
    language?: string | undefined;
    chapter?: string | undefined;
    fetchMedia?: boolean;
    baseUrl?: string | undefined;
    config?: Pick<Config, 'dataDir' | 's3' | 'allowPrivateWebhooks'>;
  },
): Promise<void> {
  let date: Date | undefined;
  if (opts.date) {
    date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(opts.date) ? `${opts.date}T12:00:00Z` : opts.date);
    if (Number.isNaN(date.getTime()))
      throw new AppError('validation', msg('newsImport.problem.badDate', { date: opts.date }));
  }
  const language = opts.language;
  if (language !== undefined && !['fr', 'nl', 'en'].includes(language))
    throw new AppError('validation', msg('newsImport.problem.language'));
  if (/\.xml$/i.test(target)) {
    if (!fs.existsSync(target)) throw new AppError('not_found', msg('newsImport.problem.missing', { name: target }));
    const report = await importWxr(db, network, fs.createReadStream(target), {
      dryRun: opts.dryRun,
      keepGoing: opts.keepGoing,
      ...(language ? { language: language as 'fr' | 'nl' | 'en' } : {}),
      ...(opts.chapter ? { chapter: opts.chapter } : {}),
      ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
      ...(opts.fetchMedia && opts.config
        ? { media: { store: blobStoreFor(opts.config), allowPrivate: opts.config.allowPrivateWebhooks } }
        : {}),
    });
    const skipped = Object.entries(report.skippedByKind)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
    const text = [
      reportText(report),
      `skipped by kind: ${skipped || 'none'} · ${report.archive.comments} comments archived · ${report.archive.parents} pages under a parent · featured images: ${report.archive.covers.set} set, ${report.archive.covers.waiting} waiting for their file · ${report.attachments.length} attachments listed`,
      mediaText(report.media, !!opts.fetchMedia),
    ].join('\n');
    console.log(text);
    if (opts.report)
      fs.writeFileSync(opts.report, opts.report.endsWith('.json') ? JSON.stringify(report, null, 2) : `${text}\n`);
    return;
  }
  const files = await readSources(target);
  if (!files.length) throw new AppError('validation', msg('newsImport.problem.noSources', { name: target }));
  const report = await importMarkdown(db, network, files, {
    dryRun: opts.dryRun,
    keepGoing: opts.keepGoing,
    ...(date ? { date } : {}),
    ...(language ? { language: language as 'fr' | 'nl' | 'en' } : {}),
    ...(opts.chapter ? { chapter: opts.chapter } : {}),
  });
  const text = reportText(report);
  console.log(text);
  if (opts.report)
    fs.writeFileSync(opts.report, opts.report.endsWith('.json') ? JSON.stringify(report, null, 2) : `${text}\n`);
}

/** `essaim news fetch-media [--post ID]`: the report on the terminal. */
export async function runNewsFetchMedia(
  db: Db,
  network: Network,
  opts: { post?: string | undefined; config: Pick<Config, 'dataDir' | 's3' | 'allowPrivateWebhooks' | 'baseUrl'> },
): Promise<void> {
  const options = {
    ownOrigin: opts.config.baseUrl,
    media: { store: blobStoreFor(opts.config), allowPrivate: opts.config.allowPrivateWebhooks },
  };
  // The command line is trusted as the importer is: no actor to authorise.
  const report = opts.post
    ? await fetchArticleMedia(db, network, null, opts.post, { ...options, trusted: true })
    : await fetchNetworkMedia(db, network, options);
  const lines = [
    `${report.articles} ${report.articles === 1 ? 'article' : 'articles'} with pictures from elsewhere · ${report.fetched.length} fetched · ${report.failed.length} failed`,
  ];
  for (const f of report.fetched) lines.push(`  fetched  ${f.url} → ${f.to}`);
  for (const f of report.failed) lines.push(`  failed   ${f.url} (${f.reason})`);
  console.log(lines.join('\n'));
}

/** The pictures part of the report: what was brought home, what failed (why), what stays on other hosts. */
export function mediaText(m: MediaReport, fetching: boolean): string {
  const lines = [
    `media: ${fetching ? `${m.fetched.length} fetched · ${m.failed.length} failed · ` : 'not fetched (--fetch-media) · '}${m.external.length} on other hosts, left there`,
  ];
  for (const f of m.fetched) lines.push(`  fetched  ${f.url} → ${f.to}`);
  for (const f of m.failed) lines.push(`  failed   ${f.url} (${f.reason})`);
  for (const u of m.external) lines.push(`  external ${u}`);
  return lines.join('\n');
}

/**
 * The heap of the thread that reads a WordPress export. The import keeps 40–60 MB alive (two
 * batches, the report, the maps of old addresses), but a Node process's default heap limit is
 * large (a quarter of the machine's memory), and under it V8 lets the heap grow to about four
 * times what survives a collection before it collects again: 10,000 posts peaked at 300–330 MB,
 * mostly dead strings of past batches. Under a 512 MB limit V8 grows the heap by ~1.4× instead, and
 * the same import peaked at ~190 MB, as fast. 512 MB is far above what the import keeps, so it is
 * a ceiling that is never reached, not a budget (DECISIONS: "News import memory").
 */
export const IMPORT_HEAP_MB = 512;

/**
 * Runs the command line again in a worker thread with IMPORT_HEAP_MB of old generation (a flag
 * V8 reads only when a heap is made, so not settable in a running process); its output is this
 * process's, its exit code too.
 */
export function importInWorker(entry: URL, argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { argv, resourceLimits: { maxOldGenerationSizeMb: IMPORT_HEAP_MB } });
    worker.on('error', (err: Error & { code?: string }) =>
      reject(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new Error(`the import needed more than ${IMPORT_HEAP_MB} MB of memory and stopped; nothing was imported`)
          : err,
      ),
    );
    worker.on('exit', (code) => {
      if (code) process.exitCode = code;
      resolve();
    });
  });
}
