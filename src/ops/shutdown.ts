import type { FastifyInstance } from 'fastify';

/**
 * Stops taking work, then lets what is in flight finish: readiness fails at once (a load
 * balancer stops sending), the listening socket closes, idle keep-alive connections close, and
 * requests already received are answered — registrations waiting in a batch included — before
 * `close` resolves. After `timeoutMs` the connections still open are cut: a hung request must not
 * keep a deploy waiting forever. Only then may the caller stop workers and close the database.
 */
export async function drain(app: FastifyInstance, timeoutMs: number): Promise<{ forced: boolean }> {
  app.lifecycle.draining = true;
  let forced = false;
  const timer = setTimeout(() => {
    forced = true;
    app.server.closeAllConnections();
  }, timeoutMs);
  timer.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
  return { forced };
}
