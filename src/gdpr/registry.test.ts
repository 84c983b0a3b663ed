import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/db.js';
import type { Database } from '../db/connection.js';
import { erasers, personColumns, sections } from './registry.js';

/**
 * Every column that names a person — a reference to an account, or an e-mail address — is listed in
 * `personColumns` with what the export and the erasure do about it: a new table that keeps people
 * and is forgotten by the GDPR registry fails here, named.
 */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

it('knows every column that names a person, and what becomes of it', async () => {
  const { rows } = await database.pool.query<{ col: string }>(`
    SELECT c.relname || '.' || a.attname AS col
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      AND (a.attname ~ '(^|_)email$' OR EXISTS (
        SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'f'
          AND k.confrelid = 'users'::regclass AND a.attnum = ANY (k.conkey)))
    ORDER BY 1`);
  const found = rows.map((r) => r.col);
  expect(found.length).toBeGreaterThan(20);
  expect(
    found.filter((c) => !(c in personColumns)),
    'person columns the GDPR registry does not cover',
  ).toEqual([]);
  expect(
    Object.keys(personColumns).filter((c) => !found.includes(c) && c !== 'users.id'),
    'stale entries',
  ).toEqual([]);
  // A column said to be handled by a feature's PersonalData names one that the registry runs.
  const keys = new Set([...sections, ...erasers].map((s) => s.key));
  for (const [col, how] of Object.entries(personColumns))
    if (!how.includes(' ')) expect(keys.has(how), `${col}: no PersonalData "${how}" in the registry`).toBe(true);
});
