import cluster from 'node:cluster';
import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Config } from '../config.js';
import type { Database } from '../db/connection.js';

/**
 * Prometheus metrics of one process. Each app gets its own registry (tests build many apps in
 * one process); queue figures are read from the database when scraped, so every process reports
 * the same shared queues — sum request counters across processes, not queue gauges.
 */
export function createMetrics(database: Database): { registry: Registry; observe: (app: FastifyInstance) => void } {
  const registry = new Registry();
  // In `serve --workers N` the primary gathers every worker's registry for one scrape; a worker
  // answers its requests once an AggregatorRegistry exists in it (that installs the listener).
  if (cluster.isWorker) {
    new AggregatorRegistry();
    AggregatorRegistry.setRegistries([registry]);
  }
  // Includes nodejs_eventloop_lag_seconds (and its percentiles), heap, GC and file descriptors.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

  const duration = new Histogram({
    name: 'essaim_http_request_duration_seconds',
    help: 'Time to answer a request, by route pattern (not URL: no personal data, bounded cardinality).',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const responses = new Counter({
    name: 'essaim_http_responses_total',
    help: 'Responses by status class.',
    labelNames: ['status_class'],
    registers: [registry],
  });

  const pool = database.pool;
  new Gauge({
    name: 'essaim_db_pool_connections',
    help: 'Connections of this process to PostgreSQL: total open, idle, and requests waiting for one.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });

  const queue = async () => {
    const { rows } = await pool.query<{ queue: string; status: string; n: string; oldest: number | null }>(`
      SELECT 'mail' AS queue, status::text, count(*) AS n,
             extract(epoch FROM now() - min(created_at))::float8 AS oldest
        FROM outbound_messages WHERE status IN ('pending', 'held') AND next_attempt_at <= now() GROUP BY status
      UNION ALL
      SELECT 'mail', 'failing', count(*), extract(epoch FROM now() - min(created_at))::float8
        FROM outbound_messages WHERE status = 'pending' AND attempts > 0
      UNION ALL
      SELECT 'webhook', status::text, count(*), extract(epoch FROM now() - min(created_at))::float8
        FROM webhook_deliveries WHERE status IN ('pending', 'failed') GROUP BY status`);
    return rows;
  };
  // One query per scrape feeds the three gauges below (each gauge's collect runs as it is written out).
  let read: Promise<Awaited<ReturnType<typeof queue>> | undefined> | undefined;
  const rowsForScrape = () => {
    read ??= queue()
      .catch(() => undefined)
      .finally(() => setImmediate(() => (read = undefined)));
    return read;
  };
  const SERIES = [
    ['mail', 'pending'],
    ['mail', 'held'],
    ['mail', 'failing'],
    ['webhook', 'pending'],
    ['webhook', 'failed'],
  ] as const;
  const fill = async (gauge: Gauge<'queue' | 'status'>, pick: (r: { n: string; oldest: number | null }) => number) => {
    const rows = await rowsForScrape();
    gauge.reset();
    if (!rows) return;
    for (const [q, st] of SERIES) {
      const row = rows.find((r) => r.queue === q && r.status === st);
      gauge.set({ queue: q, status: st }, row ? pick(row) : 0);
    }
  };
  new Gauge({
    name: 'essaim_queue_depth',
    help: 'Outbox rows by queue (mail, webhook) and status: mail pending/held are due now, failing are being retried; webhook failed are given up.',
    labelNames: ['queue', 'status'],
    registers: [registry],
    // Every worker reads the same shared queues: across workers the figure is one, not a sum.
    aggregator: 'max',
    async collect() {
      await fill(this, (r) => Number(r.n));
    },
  });
  new Gauge({
    name: 'essaim_queue_oldest_seconds',
    help: 'Age of the oldest row of each queue and status above.',
    labelNames: ['queue', 'status'],
    registers: [registry],
    aggregator: 'max',
    async collect() {
      await fill(this, (r) => r.oldest ?? 0);
    },
  });
  new Gauge({
    name: 'essaim_queue_scrape_ok',
    help: '1 when the queue figures could be read from the database at this scrape.',
    registers: [registry],
    aggregator: 'min',
    async collect() {
      this.set((await rowsForScrape()) ? 1 : 0);
    },
  });

  return {
    registry,
    observe(app) {
      // Fastify times each request from its arrival (`reply.elapsedTime`, in ms): no hook of ours at
      // the start, so an answer given by an earlier hook (a page-cache hit) is timed and counted too.
      app.addHook('onResponse', (req, reply, done) => {
        const route = req.routeOptions.url ?? 'unmatched';
        if (route !== '/metrics') {
          const status = String(reply.statusCode);
          duration.observe({ method: req.method, route, status }, reply.elapsedTime / 1000);
          responses.inc({ status_class: `${status[0]}xx` });
        }
        done();
      });
    },
  };
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** Answers a scrape: the token first when one is configured. */
export function metricsHandler(text: () => Promise<string>, contentType: string, token: string | undefined) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (token && !tokenMatches(req.headers.authorization, token))
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .type('text/plain')
        .send('metrics need the METRICS_TOKEN as a bearer token\n');
    return reply
      .header('cache-control', 'no-store')
      .type(contentType)
      .send(await text());
  };
}

/** A listener of its own for `/metrics` (METRICS_ADDRESS). */
export async function listenForMetrics(
  address: { host: string; port: number },
  handler: ReturnType<typeof metricsHandler>,
): Promise<FastifyInstance> {
  const side = Fastify({ logger: false });
  side.get('/metrics', handler);
  await side.listen(address);
  return side;
}

/**
 * `/metrics` on the public port behind METRICS_TOKEN, or on METRICS_ADDRESS (a private
 * interface, no token needed unless set). Without either it is not served at all: queue sizes
 * and route timings are not for the public. A worker of `serve --workers N` leaves
 * METRICS_ADDRESS to the primary, which serves every worker's figures together.
 */
export async function serveMetrics(
  app: FastifyInstance,
  registry: Registry,
  config: Pick<Config, 'metricsToken' | 'metricsAddress'>,
): Promise<void> {
  const handler = metricsHandler(() => registry.metrics(), registry.contentType, config.metricsToken);
  if (config.metricsAddress) {
    if (cluster.isWorker) return;
    const side = await listenForMetrics(config.metricsAddress, handler);
    app.addHook('onClose', async () => void (await side.close()));
    return;
  }
  if (config.metricsToken) app.get('/metrics', { schema: { hide: true }, config: { bare: true } }, handler);
}
