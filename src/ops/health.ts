import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/connection.js';
import { migrationStatus } from '../db/migrate.js';
import { sendProblem } from '../web/errors.js';

/** Probes and infrastructure endpoints skip the per-request context (network, session, language). */
export const bareRoute = { hide: true } as const;

export interface Lifecycle {
  /** Set by SIGTERM: readiness fails so load balancers stop sending new work, requests in flight finish. */
  draining: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle;
  }
  interface FastifyContextConfig {
    /** Probes and metrics: no network, session or language is resolved for them. */
    bare?: boolean;
  }
}

/**
 * `/healthz` says the process is alive (a supervisor restarts it otherwise) and never touches
 * the database: a database outage must not get every process killed. `/readyz` says this process
 * should receive traffic: the database answers, its schema is the code's, and it is not stopping.
 */
export function healthRoutes(app: FastifyInstance, database: Database): void {
  app.decorate('lifecycle', { draining: false });
  const unavailable = (detail: string) => ({
    type: 'https://essaim.dev/problems/unavailable',
    title: 'Service unavailable',
    status: 503,
    detail,
  });

  app.get('/healthz', { schema: bareRoute, config: { bare: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: bareRoute, config: { bare: true } }, async (_req, reply) => {
    if (app.lifecycle.draining) return sendProblem(reply, unavailable('This process is shutting down.'));
    let status: Awaited<ReturnType<typeof migrationStatus>>;
    try {
      status = await migrationStatus({
        query: ((text: string) => database.pool.query({ text, query_timeout: 2000 } as never)) as never,
      });
    } catch {
      return sendProblem(reply, unavailable('The database does not answer.'));
    }
    if (status.pending.length)
      return sendProblem(
        reply,
        unavailable(`${status.pending.length} migration(s) not applied yet: run essaim migrate.`),
      );
    // Migrations newer than this code (a rolling deploy has started): this process stays ready. The new
    // version's migrations must keep the old code working (expand now, contract a release later), and
    // taking every old process out at once would leave nobody to answer until the new ones are up.
    return { status: 'ok', database: 'up', migrations: status.applied, newerMigrations: status.unknown };
  });
}
