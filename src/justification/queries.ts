import type { Tx } from '../db/connection.js';
import type { Network } from '../networks/service.js';
import { networks } from '../networks/tables.js';
import { monthlyExports } from './tables.js';

/** Every network of the instance: the monthly export runs for each. */
export async function selectNetworks(db: Tx): Promise<Network[]> {
  return db.select().from(networks);
}

/** Claims a network's month; false when another server (or an earlier run) already has it. */
export async function claimMonth(db: Tx, networkId: string, month: string): Promise<boolean> {
  const claimed = await db.insert(monthlyExports).values({ networkId, month }).onConflictDoNothing().returning();
  return claimed.length > 0;
}
