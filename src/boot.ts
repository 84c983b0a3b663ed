import { ensureAdmin } from './accounts/service.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/connection.js';
import { runMigrations } from './db/migrate.js';
import { ensureDefaultNetwork, type Network } from './networks/service.js';

/**
 * What every command needs first: the database (embedded or DATABASE_URL), its schema up to
 * date, the default network and the first admin from the environment.
 */
export async function boot(
  config: Config,
  role: 'serve' | 'tool',
): Promise<{ database: Database; network: Network; adminCreated: boolean }> {
  const database = await openDatabase(config, role, role === 'serve' ? 20 : 4);
  try {
    await runMigrations(database.pool, database.description);
    const network = await ensureDefaultNetwork(database.db, config.networkName);
    const adminCreated = await ensureAdmin(database.db, network, config.admin);
    return { database, network, adminCreated };
  } catch (err) {
    await database.close();
    throw err;
  }
}
