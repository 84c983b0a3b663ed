import type { User } from '../accounts/service.js';
import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import * as q from './queries.js';

/**
 * Staff: the members who run something — a chapter, a venue, money, the news. They see
 * Administration in the menu and land on /admin after signing in; admins always do.
 */
export async function runsSomething(db: Tx, network: Network, user: User): Promise<boolean> {
  return user.role === 'admin' || q.selectRunsSomething(db, network.id, user.id);
}
