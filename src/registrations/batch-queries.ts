import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { executeNamed } from '../db/named.js';
import { columnsOf, recordset, typedRow } from '../db/typed-row.js';
import { events } from '../events/tables.js';
import type { RegistrationRow } from './queries.js';
import { registrations } from './tables.js';

// The two statements of a registration batch (src/registrations/batch.ts): its reading and its write.

const eventColumns = columnsOf(events);
const registrationColumns = columnsOf(registrations);

/**
 * Everything a registration batch decides on, in one statement, so under one snapshot: the event
 * with its row version (`xmin`, checked again by `writeBatch`), its confirmed and waitlisted counts,
 * the registrations of the batch's e-mails in the last minute (the per-address limit), and the
 * live registrations of those e-mails for this event. A round trip per batch is what a flash crowd
 * pays for (docs/DECISIONS.md). Undefined when the event is not the network's. `network_id` in the
 * live filter is what lets the partial unique index answer.
 * `exclude`: rows being written as this is read (the batch before), left out committed or not.
 * `count`: the counts read the event's whole list, which grows with the crowd (a quadratic cost in
 * all): `false` skips them (a reading the caller completes with the counts it wrote, `withWritten`),
 * a version skips them when the event is still at that version (the caller wrote it, and knows
 * them); `counts` is then undefined. The text is the same whatever the arguments (arrays as one
 * parameter each), so PostgreSQL parses one statement.
 */
export async function selectBatch(
  tx: Tx,
  p: { networkId: string; eventId: string; emails: string[]; since: Date; exclude: string[]; count: boolean | string },
) {
  const { networkId, eventId } = p;
  const unless = typeof p.count === 'string' ? p.count : null;
  const result = await executeNamed(
    tx,
    'registration-batch-read',
    sql`
    WITH ev AS (
      SELECT ${sql.join(
        eventColumns.map(([, c]) => sql`${sql.identifier(c.name)} AS ${sql.identifier(`batch_event_${c.name}`)}`),
        sql`, `,
      )}, xmin::text AS batch_version
      FROM ${events} WHERE network_id = ${networkId} AND id = ${eventId}
    ), counting AS (
      SELECT ${p.count !== false}::boolean AND NOT EXISTS (
        SELECT 1 FROM ${events} WHERE id = ${eventId} AND xmin::text = ${unless}::text
      ) AS batch_counted
    ), counts AS (
      SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS batch_confirmed,
             count(*) FILTER (WHERE status = 'waitlisted')::int AS batch_waitlisted
      FROM registrations WHERE event_id = ${eventId} AND (SELECT batch_counted FROM counting)
    ), recent AS (
      SELECT coalesce(json_object_agg(email, n), '{}'::json) AS batch_recent FROM (
        SELECT email, count(*)::int AS n FROM registrations
        WHERE network_id = ${networkId} AND email = ANY(${sql.param(p.emails)}::text[])
          AND created_at > ${p.since.toISOString()} AND id <> ALL(${sql.param(p.exclude)}::uuid[])
        GROUP BY email
      ) r
    ), live AS (
      -- An address at a time on the unique index (one live row each; LIMIT keeps the subquery
      -- apart): the planner, whose statistics lag behind a crowd, otherwise hashes the event's
      -- whole list for them.
      SELECT r.* FROM unnest(${sql.param(p.emails)}::text[]) AS batch_email(email)
      CROSS JOIN LATERAL (
        SELECT * FROM registrations
        WHERE network_id = ${networkId} AND event_id = ${eventId} AND email = batch_email.email AND status <> 'cancelled'
        LIMIT 1
      ) r
      WHERE r.id <> ALL(${sql.param(p.exclude)}::uuid[])
    )
    SELECT * FROM ev CROSS JOIN counting CROSS JOIN counts CROSS JOIN recent LEFT JOIN live ON true`,
  );
  const first = result.rows[0];
  if (!first) return undefined;
  const existing: RegistrationRow[] = [];
  for (const raw of result.rows) if (raw.id != null) existing.push(typedRow<RegistrationRow>(registrationColumns, raw));
  const recent = first.batch_recent as Record<string, number>;
  return {
    event: typedRow<typeof events.$inferSelect>(eventColumns, first, 'batch_event_'),
    version: String(first.batch_version),
    existing,
    counts: first.batch_counted
      ? { confirmed: Number(first.batch_confirmed), waitlisted: Number(first.batch_waitlisted) }
      : undefined,
    recent: Object.entries(recent).map(([email, n]) => ({ email, n: Number(n) })),
  };
}

/**
 * Writes a batch decided on `selectBatch`'s reading, in one statement (so one transaction, with no
 * BEGIN or COMMIT to send): the event row locked and checked to be the version read, the rows, the
 * event's arrival counter moved past them, and the caller's other writes (`also`: webhook
 * deliveries, notices, mails, as named CTEs). When the event changed since the reading — another
 * process's batch, a cancellation, an edit: each gives the row a new version (migration 0022) — the
 * statement fails with 40001 and nothing of it is written (`isStaleBatch`). The guard is read first
 * (the final SELECT's FROM side, kept apart by OFFSET 0) and the rows are inserted as its target
 * list counts them: a stale batch fails before it can wait on another's rows. The rows are whole
 * (the caller made them), so only their count comes back, not 7,000 rows a crowd.
 */
export async function writeBatch(
  tx: Tx,
  p: { eventId: string; version: string; rows: RegistrationRow[]; nextQueueNo: number; also: SQL[] },
): Promise<{ version?: string }> {
  const ctes: SQL[] = [
    sql`batch_guard AS (SELECT id FROM ${events} WHERE id = ${p.eventId} AND xmin = ${p.version}::xid FOR UPDATE)`,
  ];
  if (p.rows.length) {
    // The rows as one JSON parameter (`recordset`), not drizzle's insert of a parameter per value.
    const { columns, json } = recordset(registrations, p.rows);
    ctes.push(
      sql`batch_moved AS (UPDATE ${events} SET next_queue_no = ${p.nextQueueNo} WHERE id = (SELECT id FROM batch_guard) RETURNING id, xmin::text AS version)`,
      sql`batch_rows AS (INSERT INTO ${registrations} (${columns})
        SELECT ${columns} FROM json_populate_recordset(NULL::${registrations}, ${json}::json) RETURNING 1)`,
    );
  }
  ctes.push(...p.also);
  const result = await executeNamed(
    tx,
    'registration-batch-write',
    sql`
    WITH ${sql.join(ctes, sql`, `)}
    SELECT fresh.batch_fresh${p.rows.length ? sql`, (SELECT count(*)::int FROM batch_rows) AS batch_written, (SELECT version FROM batch_moved) AS batch_new_version` : sql``} FROM (
      SELECT CASE WHEN EXISTS (SELECT 1 FROM batch_guard) THEN true ELSE essaim_stale_read('registration batch') END
        AS batch_fresh OFFSET 0
    ) fresh`,
  );
  const row = result.rows[0];
  if (p.rows.length && Number(row?.batch_written) !== p.rows.length)
    throw new Error(`a registration batch wrote ${row?.batch_written} rows of ${p.rows.length}`);
  const version = row?.batch_new_version;
  return { version: version == null ? undefined : String(version) }; // the event row's, for the next batch's guard
}

/**
 * A batch written on a stale reading: the event changed (40001 from `writeBatch`), another process took
 * one of its addresses (23505) or was forgetting it (40P01). Nothing was written: read again.
 */
export function isStaleBatch(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  const code = e.cause?.code ?? e.code;
  return code === '40001' || code === '23505' || code === '40P01';
}
