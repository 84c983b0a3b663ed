import fs from 'node:fs';
import { auditAct } from '../audit/service.js';
import type { Db } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { AppError, notFound } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import { authorize, type Actor } from '../web/policy.js';
import { isUuid } from '../web/schemas.js';
import { importPolicy } from './policy.js';
import * as q from './queries.js';
import type { ImportJob } from './queries.js';
import type { MediaOptions } from './media.js';
import type { ImportOptions } from './schemas.js';
import type { JobSummary } from './tables.js';
import { importWxr, type WxrOptions, type WxrReport } from './wxr.js';

export type { ImportJob } from './queries.js';

/** Problems kept on the job for the page: the first ones, and how many there were. */
export const PROBLEMS_SHOWN = 100;

const summary = (r: WxrReport): JobSummary => {
  const problems = [
    ...r.lines.filter((l) => l.outcome === 'failed').map((l) => ({ item: l.path, reason: l.reason ?? '' })),
    ...r.media.failed.map((f) => ({ item: f.url, reason: f.reason })),
  ];
  return {
    ...r.counts,
    redirects: r.redirects,
    repairsApplied: r.repairs.applied,
    repairsQueued: r.repairs.queued,
    attachments: r.attachments.length,
    mediaFetched: r.media.fetched.length,
    mediaFailed: r.media.failed.length,
    problems: problems.slice(0, PROBLEMS_SHOWN),
    problemsTotal: problems.length,
  };
};

/** The importer's options of a job (a dry run never fetches anything). */
const wxrOptions = (job: Pick<ImportJob, 'baseUrl' | 'keepGoing'>): WxrOptions => ({
  keepGoing: job.keepGoing,
  ...(job.baseUrl ? { baseUrl: job.baseUrl } : {}),
});

/** Imports running in this process, so a stopping server (and a test) can wait for them. */
const inFlight = new Set<Promise<void>>();
export const importsInFlight = () => Promise.all([...inFlight]);

/**
 * An uploaded export, read once as a dry run (the CLI's `--dry-run`): a file that cannot be
 * imported is refused here with the importer's message and removed; one that can waits for the
 * editor's confirmation as a job.
 */
export async function previewImport(
  db: Db,
  network: Network,
  actor: Actor,
  file: { path: string; name: string; size: number },
  options: ImportOptions = { baseUrl: null, fetchMedia: false, keepGoing: false },
) {
  authorize(actor, await importPolicy.run(db, actor, network.id), 'import news');
  let report: WxrReport;
  try {
    report = await importWxr(db, network, fs.createReadStream(file.path), { ...wxrOptions(options), dryRun: true });
  } catch (err) {
    fs.rmSync(file.path, { force: true });
    throw err;
  }
  return db.transaction(async (tx) => {
    const job = await q.insertJob(tx, {
      networkId: network.id,
      createdBy: actor!.id,
      fileName: file.name,
      filePath: file.path,
      totalBytes: file.size,
      baseUrl: options.baseUrl,
      fetchMedia: options.fetchMedia,
      keepGoing: options.keepGoing,
      preview: summary(report),
    });
    await auditAct(tx, network.id, actor, 'news.import_preview', job.fileName, { bytes: file.size, ...job.preview });
    return job;
  });
}

export async function findImportJob(db: Db, network: Network, actor: Actor, id: string) {
  authorize(actor, await importPolicy.run(db, actor, network.id), 'see news imports');
  const job = isUuid(id) ? await q.selectJob(db, network.id, id) : undefined;
  if (!job) throw notFound(msg('newsImport.problem.job'));
  return job;
}

export async function listImportJobs(db: Db, network: Network, actor: Actor) {
  authorize(actor, await importPolicy.run(db, actor, network.id), 'see news imports');
  return q.selectJobs(db, network.id, 10);
}

/**
 * Confirmed: the same import as the CLI runs in this process, after the answer; it writes its
 * progress to the job row after each batch, and the outcome at the end. Starting twice starts once.
 */
export async function startImport(db: Db, network: Network, actor: Actor, id: string, media?: MediaOptions) {
  const job = await findImportJob(db, network, actor, id);
  const claimed = await db.transaction(async (tx) => {
    const row = await q.claimJob(tx, network.id, job.id);
    if (!row) throw new AppError('conflict', msg('newsImport.error.notPreviewed'));
    await auditAct(tx, network.id, actor, 'news.import_run', row.fileName, { job: row.id });
    return row;
  });
  return run(db, network, claimed, media);
}

/**
 * An interrupted import (its server stopped while it ran) starts again from the uploaded file,
 * which stays until an import ends. The stopped run was one transaction, so it left nothing behind;
 * articles another import wrote meanwhile are "unchanged".
 */
export async function resumeImport(db: Db, network: Network, actor: Actor, id: string, media?: MediaOptions) {
  const job = await findImportJob(db, network, actor, id);
  const claimed = await db.transaction(async (tx) => {
    const row = await q.claimJob(tx, network.id, job.id, 'interrupted');
    if (!row) throw new AppError('conflict', msg('newsImport.error.notInterrupted'));
    await auditAct(tx, network.id, actor, 'news.import_resume', row.fileName, { job: row.id });
    return row;
  });
  if (!fs.existsSync(claimed.filePath)) {
    const error = new AppError('conflict', msg('newsImport.error.fileGone')).message;
    await q.finishJob(db, claimed.id, { status: 'failed', error });
    return claimed;
  }
  return run(db, network, claimed, media);
}

/**
 * At a server's start (and whenever asked): running jobs that no process is importing any more
 * become "interrupted", so the admin page offers to resume them instead of showing a progress bar
 * that never moves. Safe with several servers: a live import holds its lock (holdJobLock).
 */
export function interruptOrphanImports(db: Db): Promise<string[]> {
  return db.transaction((tx) => q.interruptOrphanJobs(tx));
}

/** `media`: where fetched files go, used only when the job asked for --fetch-media. */
function run(db: Db, network: Network, claimed: ImportJob, media?: MediaOptions) {
  const run = (async () => {
    try {
      const report = await importWxr(db, network, fs.createReadStream(claimed.filePath), {
        ...wxrOptions(claimed),
        ...(claimed.fetchMedia && media ? { media } : {}),
        onStart: (tx) => q.holdJobLock(tx, claimed.id),
        onProgress: ({ items, bytes }) => q.updateProgress(db, claimed.id, items, bytes),
      });
      await q.finishJob(db, claimed.id, { status: 'done', result: summary(report) });
    } catch (err) {
      await q.finishJob(db, claimed.id, { status: 'failed', error: (err as Error).message.slice(0, 2000) });
    } finally {
      fs.rmSync(claimed.filePath, { force: true });
    }
  })();
  inFlight.add(run);
  void run.finally(() => inFlight.delete(run));
  return claimed;
}
