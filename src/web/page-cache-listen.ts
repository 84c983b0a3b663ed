import type { FastifyInstance } from 'fastify';
import pg from 'pg';

const CHANNEL = 'essaim_public_changed';
const RECONNECT_MS = 1000;

/** What the page cache exposes to the listener: a version to bump and whether it may trust notifications. */
export interface WriteListener {
  version: number;
  listening: boolean;
}

/**
 * Listens to `essaim_public_changed` (migration 0009: triggers on the tables public pages show,
 * delivered by PostgreSQL after commit) on a connection of its own, so that writes of other
 * processes, of the CLI or of plain SQL invalidate this process's answers within milliseconds.
 * While the connection is down, answers live one second at most, and it is retried every second.
 */
export function listenForWrites(app: FastifyInstance, cache: WriteListener, databaseUrl: string): void {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const lost = () => {
    cache.listening = false;
    cache.version++;
    client?.end().catch(() => undefined);
    client = undefined;
    if (!closed) retry ??= setTimeout(connect, RECONNECT_MS).unref();
  };
  const connect = async () => {
    retry = undefined;
    const c = new pg.Client({ connectionString: databaseUrl });
    client = c;
    c.on('error', lost);
    c.on('end', () => client === c && lost());
    c.on('notification', () => cache.version++);
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      if (closed) return void c.end().catch(() => undefined);
      // Whatever was written while nobody listened: forget it all once, then trust notifications.
      cache.version++;
      cache.listening = true;
    } catch {
      if (client === c) lost();
    }
  };
  app.addHook('onReady', async () => void (await connect()));
  app.addHook('onClose', async () => {
    closed = true;
    clearTimeout(retry);
    cache.listening = false;
    const c = client;
    client = undefined;
    await c?.end().catch(() => undefined);
  });
}
