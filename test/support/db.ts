import { randomBytes } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { inject } from 'vitest';
import type { Database } from '../../src/db/connection.js';
import * as schema from '../../src/db/schema.js';

/**
 * A fresh database for one test file, cloned from the migrated template — or `empty` (no
 * tables, no migrations: what `essaim restore` expects).
 */
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<Database> {
  const adminUrl = inject('adminUrl');
  const name = `essaim_t_${process.ppid}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${opts.empty ? 'template0' : inject('templateDb')}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
  pool.on('error', () => undefined);
  return {
    db: drizzle(pool, { schema }),
    pool,
    url: url.toString(),
    description: `test database ${name}`,
    async close() {
      await pool.end();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } catch {
        // FORCE may not end an autovacuum worker for a role that is not superuser (a database
        // just filled by a restore is vacuumed at once): a plain DROP asks the worker to stop,
        // and our own connections are already closed, so a few tries suffice.
        for (let i = 0; ; i++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name}`);
            break;
          } catch (err) {
            if (i === 20) throw err;
            await new Promise((r) => setTimeout(r, 250));
          }
        }
      }
      await c.end();
    },
  };
}
