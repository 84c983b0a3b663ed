import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../config.js';
import { boot } from '../boot.js';
import type { DemoSummary } from '../demo/service.js';
import { isNetworkEmpty, loadDemo } from '../demo/service.js';
import { AggregatorRegistry } from 'prom-client';
import { listenForMetrics, metricsHandler } from './metrics.js';

/** Messages from a worker to the primary. */
type WorkerMessage = { kind: 'ready'; port: number } | { kind: 'failed'; message: string };

export const isClusterWorker = () => cluster.isWorker;

/** In a worker: tells the primary it listens (or why it could not start). */
export function reportToPrimary(message: WorkerMessage): void {
  process.send?.(message);
}

/**
 * `essaim serve --workers N`: the primary owns the database (starts the embedded PostgreSQL,
 * applies migrations once, loads demo data), then forks N workers that share the listening
 * port (node:cluster hands connections round-robin). A worker that dies is replaced. SIGTERM
 * drains every worker, then stops the database; SIGHUP replaces the workers one at a time
 * (a rolling restart: each new worker listens before the old one drains).
 */
export async function runPrimary(
  config: Config,
  workers: number,
  opts: { demo?: boolean; onDemo?: (s: DemoSummary) => void; args: string[] },
): Promise<void> {
  const started = Date.now();
  const { database, network, adminCreated } = await boot(config, 'serve');
  if (adminCreated) console.log(`admin account created for ${config.admin?.email.replace(/^(.).*@/, '$1…@')}`);
  if (opts.demo && (await isNetworkEmpty(database.db, network)))
    opts.onDemo?.(
      await loadDemo(database.db, network, { baseUrl: config.baseUrl, dataDir: config.dataDir, s3: config.s3 }),
    );
  // The primary keeps no connections: the workers have their own pools.
  await database.pool.end();
  const env = {
    DATABASE_URL: database.url,
    // The admin is already ensured; the workers must not try to create it N times.
    ESSAIM_ADMIN_EMAIL: '',
    ESSAIM_ADMIN_PASSWORD: '',
    // Counters must be shared: a client is limited whichever worker answers it.
    RATE_LIMIT_STORE: config.rateLimitStore ?? 'postgres',
  };
  cluster.setupPrimary({ args: ['serve', ...opts.args] });

  // One scrape for all workers: each worker's registry, gathered over IPC and merged.
  let metrics: Awaited<ReturnType<typeof listenForMetrics>> | undefined;
  if (config.metricsAddress) {
    const aggregator = new AggregatorRegistry();
    try {
      metrics = await listenForMetrics(
        config.metricsAddress,
        metricsHandler(() => aggregator.clusterMetrics(), aggregator.contentType, config.metricsToken),
      );
    } catch (err) {
      await database.close();
      throw err;
    }
  }

  let stopping = false;
  const live = new Set<Worker>();
  const fork = () =>
    new Promise<{ worker: Worker; port: number }>((resolve, reject) => {
      const worker = cluster.fork(env);
      live.add(worker);
      // prom-client's aggregation messages share this channel: only ours are looked at.
      worker.on('message', (m: WorkerMessage) => {
        if (m?.kind === 'ready') resolve({ worker, port: m.port });
        else if (m?.kind === 'failed') reject(new Error(m.message));
      });
      worker.on('exit', (code) => {
        live.delete(worker);
        reject(new Error(`worker exited with ${code} before listening`));
        if (!stopping && !replacing.has(worker)) {
          console.error(`worker ${worker.process.pid} exited (${code}): starting another`);
          void fork().catch((err: Error) => console.error(`essaim: ${err.message}`));
        }
      });
    });
  const replacing = new Set<Worker>();
  const stopWorker = (worker: Worker) =>
    new Promise<void>((resolve) => {
      if (worker.isDead()) return resolve();
      replacing.add(worker);
      worker.once('exit', () => resolve());
      worker.process.kill('SIGTERM');
    });

  let first: { port: number }[];
  try {
    first = await Promise.all(Array.from({ length: workers }, fork));
  } catch (err) {
    stopping = true;
    await Promise.all([...live].map(stopWorker));
    await metrics?.close();
    await database.close();
    throw err;
  }
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping ${live.size} workers`);
    await metrics?.close();
    await Promise.all([...live].map(stopWorker));
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => {
    if (stopping) return;
    void (async () => {
      console.log(`SIGHUP: replacing ${live.size} workers one at a time`);
      for (const old of [...live]) {
        if (stopping) return;
        await fork();
        await stopWorker(old);
      }
      console.log('rolling restart done');
    })().catch((err: Error) => console.error(`essaim: rolling restart failed: ${err.message}`));
  });
  console.log(
    `Essaim for "${network.name}" listening on http://${config.host}:${first[0]!.port} (${database.description}, ${workers} processes), ready in ${Date.now() - started} ms`,
  );
}
