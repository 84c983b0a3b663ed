import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';
import type { Tx } from './connection.js';

/**
 * Runs `query` as a named prepared statement: each connection parses and plans it once (PostgreSQL
 * then keeps a generic plan when it is no worse), where `tx.execute` has it parsed and planned on
 * every call. For the few statements a flash crowd sends hundreds of times a second, whose planning
 * cost PostgreSQL more than running them (docs/DECISIONS.md). The name carries a digest of the text,
 * so a statement whose text varies (optional parts) is one prepared statement per variant.
 * drizzle's raw `execute` has no way to name a statement; its session's `prepareQuery` has.
 */
export function executeNamed<T extends Record<string, unknown>>(
  tx: Tx,
  name: string,
  query: SQL,
): Promise<{ rows: T[] }> {
  const { dialect, session } = tx as unknown as { dialect: PgDialect; session: PgSession };
  const built = dialect.sqlToQuery(query);
  const digest = createHash('sha1').update(built.sql).digest('base64url').slice(0, 12);
  return session.prepareQuery(built, undefined, `${name}-${digest}`, false).execute() as Promise<{ rows: T[] }>;
}
