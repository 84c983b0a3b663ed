import { randomBytes } from 'node:crypto';
import type { Tx } from '../db/connection.js';
import { slugify } from '../web/slug.js';
import * as q from './queries.js';

export type Network = q.NetworkRow;

/** The network served to hosts that match no other: created at first start, named from the environment. */
export async function ensureDefaultNetwork(db: Tx, name: string): Promise<Network> {
  const existing = await q.selectDefaultNetwork(db);
  if (existing) return existing;
  await q.insertDefaultNetwork(db, { slug: slugify(name) || 'network', name });
  return (await q.selectDefaultNetwork(db))!;
}

// Every request resolves its network: remember answers for a few seconds rather than asking
// the database each time (a network's host rarely changes; a new one is seen within seconds).
const CACHE_MS = 5_000;
const cache = new WeakMap<object, Map<string, { network: Network | undefined; until: number }>>();

const hostnameOf = (host: string | undefined) => (host ?? '').replace(/:\d+$/, '').toLowerCase();

/** What `networkForHost` answered for this host less than CACHE_MS ago; undefined when it must ask again. */
export function rememberedNetwork(db: Tx, host: string | undefined): { network: Network | undefined } | undefined {
  const hit = cache.get(db)?.get(hostnameOf(host));
  return hit && hit.until > Date.now() ? hit : undefined;
}

export async function networkForHost(db: Tx, host: string | undefined): Promise<Network | undefined> {
  const remembered = rememberedNetwork(db, host);
  if (remembered) return remembered.network;
  const hostname = hostnameOf(host);
  const network = await lookupNetwork(db, hostname);
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  if (perDb.size > 1000) perDb.clear();
  perDb.set(hostname, { network, until: Date.now() + CACHE_MS });
  return network;
}

async function lookupNetwork(db: Tx, hostname: string): Promise<Network | undefined> {
  if (hostname) {
    const byHost = await q.selectNetworkByHost(db, hostname);
    if (byHost) return byHost;
  }
  return q.selectDefaultNetwork(db);
}

/** A random secret kept in the database, so every server process on it signs cookies alike. */
export async function instanceSecret(db: Tx, key: string): Promise<string> {
  return q.settingOrInsert(db, key, randomBytes(32).toString('base64url'));
}
