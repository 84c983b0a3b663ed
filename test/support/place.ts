import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { createTestDatabase } from './db.js';
import { tempDataDir } from './server.js';

/**
 * Where a test's `essaim serve` keeps its data, on the leg the project runs: the embedded
 * PostgreSQL in a fresh data directory, or (postgresql leg) a fresh database on
 * TEST_DATABASE_URL, the data directory then holding only the uploads. Tests of the CLI and of
 * several processes run the same code on both.
 */
export interface Place {
  leg: 'embedded' | 'postgresql';
  dir: string;
  /** ESSAIM_DATA_DIR, and DATABASE_URL on the postgresql leg. */
  env: Record<string, string>;
  /** A connection string to the data's database (embedded: while its server runs). */
  databaseUrl(): string;
  close(): Promise<void>;
}

/** The URL of a data directory's embedded PostgreSQL while it runs, as another machine would get it. */
export function embeddedUrl(dir: string): string {
  const { password } = JSON.parse(fs.readFileSync(path.join(dir, 'secret.json'), 'utf8')) as { password: string };
  const port = fs.readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3];
  return `postgres://essaim:${encodeURIComponent(password)}@127.0.0.1:${port}/essaim`;
}

/** `empty`: no schema at all (a restore's target); otherwise migrated, as a first start leaves it. */
export async function testPlace(label: string, opts: { empty?: boolean } = {}): Promise<Place> {
  const dir = tempDataDir(label);
  const leg = inject('leg');
  if (leg === 'embedded')
    return {
      leg,
      dir,
      env: { ESSAIM_DATA_DIR: dir },
      databaseUrl: () => embeddedUrl(dir),
      close: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  // The test only hands the URL to the servers it starts; this pool stays unused (pg connects lazily).
  const database = await createTestDatabase(opts);
  return {
    leg,
    dir,
    env: { ESSAIM_DATA_DIR: dir, DATABASE_URL: database.url },
    databaseUrl: () => database.url,
    close: async () => {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
