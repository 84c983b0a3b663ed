import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openEmbedded, type EmbeddedServer } from '../../src/db/embedded.js';
import { runMigrations } from '../../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection string to a database on the test server with the right to CREATE DATABASE. */
    adminUrl: string;
    /** The migrated database every test file clones. */
    templateDb: string;
    /** Which server the project runs on: the embedded one, or TEST_DATABASE_URL. */
    leg: 'embedded' | 'postgresql';
  }
}

/**
 * One PostgreSQL server per project: the embedded one (a fresh cluster in a temp folder), or
 * TEST_DATABASE_URL. A template database is migrated once; each test file clones it.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined;
  let dataDir: string | undefined;
  let adminUrl: string;
  if (project.name === 'postgresql') {
    adminUrl = process.env.TEST_DATABASE_URL!;
  } else {
    dataDir = path.join(os.tmpdir(), `essaim-test-${process.pid}-${Date.now()}`);
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    embedded = await openEmbedded(dataDir, 'tool');
    adminUrl = embedded.url;
  }
  const templateDb = `essaim_template_${process.pid}_${project.name}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${templateDb}`);
  await admin.query(`CREATE DATABASE ${templateDb}`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${templateDb}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  await runMigrations(pool);
  await pool.end();

  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', templateDb);
  project.provide('leg', project.name === 'postgresql' ? 'postgresql' : 'embedded');

  return async () => {
    if (embedded) {
      await embedded.stop();
      fs.rmSync(dataDir!, { recursive: true, force: true });
    } else {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      const leftovers = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `essaim_t_${process.pid}_%`,
      ]);
      for (const { datname } of leftovers.rows) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await c.query(`DROP DATABASE IF EXISTS ${templateDb} WITH (FORCE)`);
      await c.end();
    }
  };
}
