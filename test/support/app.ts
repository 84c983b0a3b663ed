import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createToken, createUser, type User } from '../../src/accounts/service.js';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/connection.js';
import { ensureDefaultNetwork, type Network } from '../../src/networks/service.js';
import { createTestDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  network: Network;
  config: Config;
  /** A new account of that role with an API token; `password` is set so it can sign in. */
  user(role?: 'admin' | 'member', email?: string): Promise<{ user: User; token: string; password: string }>;
  /** app.inject with a bearer token and JSON body. */
  api(
    method: InjectOptions['method'],
    url: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let counter = 0;

/** method + route + status of every API answer, in test mode. */
function recordStatuses(app: FastifyInstance): Set<string> {
  const seen = new Set<string>();
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url;
    if (route?.startsWith('/api/') && req.method !== 'HEAD' && req.method !== 'OPTIONS')
      seen.add(`${req.method.toLowerCase()} ${route.replace(/:(\w+)/g, '{$1}')} ${reply.statusCode}`);
  });
  return seen;
}

/** The answers not documented for their operation (hidden routes, such as the document itself, excepted). */
export async function undocumentedStatuses(app: FastifyInstance, seen: Set<string>): Promise<string[]> {
  if (!seen.size) return [];
  const doc = (await app.inject('/api/v1/openapi.json')).json() as {
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  };
  return [...seen].filter((s) => {
    const [method, path, status] = s.split(' ') as [string, string, string];
    const op = doc.paths[path]?.[method];
    return op !== undefined && !(status in op.responses);
  });
}

/** The real app on a database of its own. The global rate limit is off unless a test asks for it; sign-in and sign-up keep their own per-route limits. */
export async function startTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', ESSAIM_NETWORK_NAME: 'Test network' }),
    // Uploads land in a folder of this test file's own, never in the checkout's ./data.
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'essaim-test-data-')),
    ...overrides,
  };
  const network = await ensureDefaultNetwork(database.db, config.networkName);
  const app = await buildApp(config, database);
  const answered = recordStatuses(app);
  await app.ready();
  return {
    app,
    database,
    network,
    config,
    async user(role = 'member', email) {
      const password = 'correct horse battery';
      const user = await createUser(database.db, network.id, {
        email: email ?? `${role}${++counter}-${Date.now()}@example.org`,
        name: `Test ${role} ${counter}`,
        role,
        password,
      });
      const { token } = await createToken(database.db, user, 'test');
      return { user, token, password };
    },
    api(method, url, opts = {}) {
      return app.inject({
        method,
        url,
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...opts.headers,
        },
        ...(opts.body !== undefined ? { payload: JSON.stringify(opts.body) } : {}),
      });
    },
    async close() {
      // Every status an API operation answered in this file must be documented for it.
      const undocumented = await undocumentedStatuses(app, answered);
      await app.close();
      await database.close();
      if (!overrides.dataDir) fs.rmSync(config.dataDir, { recursive: true, force: true });
      if (undocumented.length)
        throw new Error(`statuses answered but not in /api/v1/openapi.json: ${undocumented.join('; ')}`);
    },
  };
}
