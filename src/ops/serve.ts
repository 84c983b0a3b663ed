import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { boot } from '../boot.js';
import type { Config } from '../config.js';
import { isNetworkEmpty, loadDemo, type DemoSummary } from '../demo/service.js';
import { extendSeries } from '../events/service.js';
import { queueMonthlyExports } from '../justification/monthly.js';
import { eraseOldReporters } from '../error-reports/service.js';
import { publishDueArticles } from '../news/service.js';
import { interruptOrphanImports } from '../news-import/jobs.js';
import { startMailWorker } from '../mail/worker.js';
import { registrationBurst } from '../registrations/service.js';
import { startWebhookWorker } from '../webhooks/worker.js';
import { blobStoreFor, emptyBlobTrash } from '../storage/service.js';
import { backupOnSchedule } from './backup-schedule.js';
import { dropExpiredHits } from './rate-limit.js';
import { drain } from './shutdown.js';
import { every, runIfDue } from './timers.js';

export class PortInUseError extends Error {}

export interface Serving {
  app: FastifyInstance;
  port: number;
  /** Drain requests, stop the workers and timers, close the pool (and the embedded PostgreSQL). */
  stop(): Promise<void>;
  summary: string;
}

const HOUR = 3_600_000;

/**
 * One `essaim serve` process: database, app, background workers and timers. Used alone, or as
 * one worker of `serve --workers N` (then DATABASE_URL points at the primary's database and the
 * primary prints the summary).
 */
export async function serveProcess(
  config: Config,
  opts: { demo?: boolean; quiet?: boolean; onDemo?: (s: DemoSummary) => void } = {},
): Promise<Serving> {
  const started = Date.now();
  const { database, network, adminCreated } = await boot(config, 'serve');
  const say = (line: string) => !opts.quiet && console.log(line);
  let app: FastifyInstance | undefined;
  try {
    if (adminCreated) say(`admin account created for ${config.admin?.email.replace(/^(.).*@/, '$1…@')}`);
    if (opts.demo && (await isNetworkEmpty(database.db, network)))
      opts.onDemo?.(
        await loadDemo(database.db, network, { baseUrl: config.baseUrl, dataDir: config.dataDir, s3: config.s3 }),
      );
    app = await buildApp(config, database);
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app?.close().catch(() => undefined);
    await database.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new PortInUseError(`port ${config.port} on ${config.host} is already in use: set PORT or pass --port`);
    throw err;
  }
  const log = app.log;
  // Timers every process runs; runIfDue makes each happen once per period across all processes.
  // Series stay materialised twelve months ahead: checked at start and every six hours.
  const extend = () =>
    runIfDue(database.pool, 'extend-series', 6 * HOUR - 60_000, () => extendSeries(database.db))
      .then((r) => r.ran && r.result && log.info({ occurrences: r.result }, 'series extended'))
      .catch((err: Error) => log.error({ err }, 'extending series failed'));
  await extend();
  const timers = [
    every(10 * 60_000, extend),
    every(10 * 60_000, () =>
      runIfDue(database.pool, 'drop-expired-rate-limits', HOUR, () => dropExpiredHits(database.db)).catch(
        (err: Error) => log.error({ err }, 'housekeeping failed'),
      ),
    ),
  ];
  // Scheduled articles publish themselves: every 30 s, each one once even with several servers (SKIP LOCKED).
  const publishDue = () =>
    publishDueArticles(database.db)
      .then((n) => n && log.info({ articles: n }, 'scheduled articles published'))
      .catch((err: Error) => log.error({ err }, 'publishing scheduled articles failed'));
  await publishDue();
  timers.push(every(30_000, publishDue));
  // An admin import whose server stopped mid-run shows "interrupted" with a resume button, not a
  // progress bar that never moves: checked at start (a live import elsewhere holds its lock).
  await interruptOrphanImports(database.db)
    .then((ids) => ids.length && log.warn({ jobs: ids }, 'news imports interrupted by a stop, to resume'))
    .catch((err: Error) => log.error({ err }, 'checking news imports failed'));
  // Readers' addresses on closed error reports are erased after 30 days: once a day across processes.
  timers.push(
    every(10 * 60_000, () =>
      runIfDue(database.pool, 'erase-old-reporters', 24 * HOUR, () => eraseOldReporters(database.db)).catch(
        (err: Error) => log.error({ err }, 'erasing reporters failed'),
      ),
    ),
  );
  // The treasurers' monthly export: checked every hour, queued once per network and month.
  timers.push(
    every(3_600_000, () =>
      queueMonthlyExports(database.db)
        .then((n) => n && log.info({ mails: n }, 'monthly money exports queued'))
        .catch((err: Error) => log.error({ err }, 'monthly money export failed')),
    ),
  );
  // Stored bytes of removed pictures (an erased member's, or what a removal left queued): every 10 minutes.
  timers.push(
    every(10 * 60_000, () =>
      emptyBlobTrash(database.db, blobStoreFor(config))
        .then((n) => n && log.info({ blobs: n }, 'discarded uploads deleted'))
        .catch((err: Error) => log.error({ err }, 'deleting discarded uploads failed')),
    ),
  );
  if (config.backupDir) timers.push(backupOnSchedule(config, database, log));
  // The mail worker gives way to a flash crowd of registrations (their mails wait in the outbox).
  const mail = startMailWorker(database.db, config, log, { busy: registrationBurst });
  await mail.ready;
  const webhooks = startWebhookWorker(database.db, config, log);

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Without BASE_URL, links (tickets, QR codes) use the address actually listened on (--port 0 picks one).
  if (!config.baseUrlFixed) config.baseUrl = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  if (!config.smtpUrl) say('no SMTP_URL: e-mails are kept in the outbox (/admin/outbox) until one is set');

  const served = app;
  let stopping: Promise<void> | undefined;
  return {
    app: served,
    port,
    summary: `Essaim for "${network.name}" listening on http://${config.host}:${port} (${database.description}), ready in ${Date.now() - started} ms`,
    stop() {
      stopping ??= (async () => {
        // Order matters: requests first (they use the pool and may queue mail), then the
        // workers and timers, then the pool, and the embedded PostgreSQL last.
        const { forced } = await drain(served, config.shutdownTimeoutMs);
        if (forced) log.warn({ timeoutMs: config.shutdownTimeoutMs }, 'requests still running were cut off');
        await Promise.all([
          mail.stop().catch(() => undefined),
          webhooks.stop().catch(() => undefined),
          ...timers.map((t) => t.stop()),
        ]);
        await database.close();
      })();
      return stopping;
    },
  };
}
