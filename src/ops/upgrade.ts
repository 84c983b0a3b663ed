import type { Config } from '../config.js';
import { openDatabase } from '../db/connection.js';
import { migrationStatus, refuseNewerDatabase } from '../db/migrate.js';

/** `essaim migrate --check`: what an upgrade would apply, without applying it; exit code 1 when something is pending. */
export async function checkMigrations(config: Config): Promise<void> {
  const database = await openDatabase(config, 'tool', 1);
  try {
    await refuseNewerDatabase(database.pool, database.description);
    const { pending, applied } = await migrationStatus(database.pool);
    if (pending.length === 0) return console.log(`up to date: ${applied} migrations applied (${database.description})`);
    console.log(`${pending.length} pending migration(s) on ${database.description}:`);
    for (const tag of pending) console.log(`  ${tag}`);
    console.log('apply them with `essaim migrate` (or by starting `essaim serve`)');
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}
