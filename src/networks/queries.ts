import { eq } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { networks, settings } from './tables.js';

export type NetworkRow = typeof networks.$inferSelect;

export async function selectDefaultNetwork(db: Tx): Promise<NetworkRow | undefined> {
  const [row] = await db.select().from(networks).where(eq(networks.isDefault, true));
  return row;
}

export async function selectNetworkByHost(db: Tx, hostname: string): Promise<NetworkRow | undefined> {
  const [row] = await db.select().from(networks).where(eq(networks.host, hostname));
  return row;
}

/** The default network once: a second process starting at the same time inserts nothing. */
export async function insertDefaultNetwork(db: Tx, values: { slug: string; name: string }): Promise<void> {
  await db
    .insert(networks)
    .values({ ...values, isDefault: true })
    .onConflictDoNothing();
}

/** A setting, written once (the first writer wins) and read back. */
export async function settingOrInsert(db: Tx, key: string, value: string): Promise<string> {
  await db.insert(settings).values({ key, value }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return row!.value;
}
