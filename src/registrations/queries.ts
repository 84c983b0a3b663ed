import { and, asc, count, eq, gt, inArray, isNotNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { columnsOf, recordset, typedRow } from '../db/typed-row.js';
import { events } from '../events/tables.js';
import { registrations } from './tables.js';

// Every query on registrations. The event row is locked by the caller (events' findEvent with
// lock) before any of the writes below: that lock order is what keeps seats and the waitlist right.

export type RegistrationRow = typeof registrations.$inferSelect;
export type RegistrationInsert = typeof registrations.$inferInsert;

export async function countConfirmed(db: Tx, eventId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed')));
  return row!.n;
}

/** 1-based places in an event's waitlist (rank by arrival among those still waiting), in one query. */
export async function selectWaitlistPositions(db: Tx, eventId: string, ids: string[]): Promise<Map<string, number>> {
  const ranked = db
    .select({
      id: registrations.id,
      position: sql<number>`(row_number() over (order by ${registrations.queueNo}))::int`.as('position'),
    })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'waitlisted')))
    .as('ranked');
  const rows = await db.select().from(ranked).where(inArray(ranked.id, ids));
  return new Map(rows.map((r) => [r.id, r.position]));
}

export const selectWaitlistHeads = (tx: Tx, eventId: string, limit: number) =>
  tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.queueNo))
    .limit(limit);

export const confirmRegistrations = (tx: Tx, ids: string[]) =>
  tx
    .update(registrations)
    .set({ status: 'confirmed', promotedAt: new Date() })
    .where(inArray(registrations.id, ids))
    .returning();

export const cancelLiveOfEvent = (tx: Tx, eventId: string) =>
  tx
    .update(registrations)
    .set({ status: 'cancelled', cancelledAt: new Date(), cancelledBy: 'event' })
    .where(and(eq(registrations.eventId, eventId), ne(registrations.status, 'cancelled')))
    .returning();

export const selectLiveOfEvent = (tx: Tx, eventId: string) =>
  tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), ne(registrations.status, 'cancelled')));

/** Clears every consent to share with the host venue given for one event's registrations. */
export async function clearVenueConsents(tx: Tx, networkId: string, eventId: string): Promise<void> {
  await tx
    .update(registrations)
    .set({ sharedWithVenueAt: null })
    .where(
      and(
        eq(registrations.networkId, networkId),
        eq(registrations.eventId, eventId),
        isNotNull(registrations.sharedWithVenueAt),
      ),
    );
}

const eventColumns = columnsOf(events);
const registrationColumns = columnsOf(registrations);

/**
 * Everything a registration batch decides on, in one statement, so under one snapshot: the event
 * with its row version (`xmin`, checked again by `writeBatch`), its confirmed and waitlisted counts,
 * the registrations of the batch's e-mails in the last minute (the per-address limit), and the
 * live registrations of those e-mails for this event with their waitlist place. A round trip per
 * batch is what a flash crowd pays for (docs/DECISIONS.md). Undefined when the event is not the
 * network's. `network_id` in the live filter is what lets the partial unique index answer.
 */
export async function selectBatch(tx: Tx, networkId: string, eventId: string, emails: string[], since: Date) {
  const result = await tx.execute<Record<string, unknown>>(sql`
    WITH ev AS (
      SELECT ${sql.join(
        eventColumns.map(([, c]) => sql`${sql.identifier(c.name)} AS ${sql.identifier(`batch_event_${c.name}`)}`),
        sql`, `,
      )}, xmin::text AS batch_version
      FROM ${events} WHERE network_id = ${networkId} AND id = ${eventId}
    ), counts AS (
      SELECT count(*) FILTER (WHERE status = 'confirmed')::int AS batch_confirmed,
             count(*) FILTER (WHERE status = 'waitlisted')::int AS batch_waitlisted
      FROM registrations WHERE event_id = ${eventId}
    ), recent AS (
      SELECT coalesce(json_object_agg(email, n), '{}'::json) AS batch_recent FROM (
        SELECT email, count(*)::int AS n FROM registrations
        WHERE network_id = ${networkId} AND ${inArray(registrations.email, emails)} AND created_at > ${since.toISOString()}
        GROUP BY email
      ) r
    ), live AS (
      SELECT registrations.*,
        CASE WHEN status = 'waitlisted' THEN (
          SELECT count(*)::int FROM registrations w
          WHERE w.event_id = registrations.event_id AND w.status = 'waitlisted' AND w.queue_no <= registrations.queue_no
        ) END AS batch_position
      FROM registrations
      WHERE network_id = ${networkId} AND event_id = ${eventId} AND ${inArray(registrations.email, emails)}
        AND status <> 'cancelled'
    )
    SELECT * FROM ev CROSS JOIN counts CROSS JOIN recent LEFT JOIN live ON true`);
  const first = result.rows[0];
  if (!first) return undefined;
  const existing: RegistrationRow[] = [];
  const positions = new Map<string, number>();
  for (const raw of result.rows) {
    if (raw.id == null) continue;
    const row = typedRow<RegistrationRow>(registrationColumns, raw);
    existing.push(row);
    if (raw.batch_position != null) positions.set(row.id, Number(raw.batch_position));
  }
  const recent = first.batch_recent as Record<string, number>;
  return {
    event: typedRow<typeof events.$inferSelect>(eventColumns, first, 'batch_event_'),
    version: String(first.batch_version),
    existing,
    positions,
    counts: { confirmed: Number(first.batch_confirmed), waitlisted: Number(first.batch_waitlisted) },
    recent: Object.entries(recent).map(([email, n]) => ({ email, n: Number(n) })),
  };
}

/**
 * Writes a batch decided on `selectBatch`'s reading, in one statement (so one transaction, with no
 * BEGIN or COMMIT to send): the event row locked and checked to be the version read, the rows, the
 * event's arrival counter moved past them, and the caller's other writes (`also`: webhook
 * deliveries, notices, mails, as named CTEs). When the event changed since the reading — another
 * process's batch, a cancellation, an edit: each gives the row a new version (migration 0022) — the
 * statement fails with 40001 and nothing of it is written (`isStaleBatch`). The guard is the outer
 * side of the final join (kept apart by OFFSET 0), so the lock is taken and checked before any row
 * is inserted: a stale batch fails before it can wait on another's rows.
 */
export async function writeBatch(
  tx: Tx,
  p: { eventId: string; version: string; rows: RegistrationInsert[]; nextQueueNo: number; also: SQL[] },
): Promise<RegistrationRow[]> {
  const ctes: SQL[] = [
    sql`batch_guard AS (SELECT id FROM ${events} WHERE id = ${p.eventId} AND xmin = ${p.version}::xid FOR UPDATE)`,
  ];
  if (p.rows.length) {
    // The rows as one JSON parameter (`recordset`), not drizzle's insert of a parameter per value.
    const { columns, json } = recordset(registrations, p.rows);
    ctes.push(
      sql`batch_moved AS (UPDATE ${events} SET next_queue_no = ${p.nextQueueNo} WHERE id = (SELECT id FROM batch_guard) RETURNING id)`,
      sql`batch_rows AS (INSERT INTO ${registrations} (${columns})
        SELECT ${columns} FROM json_populate_recordset(NULL::${registrations}, ${json}::json) RETURNING *)`,
    );
  }
  ctes.push(...p.also);
  const result = await tx.execute<Record<string, unknown>>(sql`
    WITH ${sql.join(ctes, sql`, `)}
    SELECT fresh.batch_fresh${p.rows.length ? sql`, batch_rows.*` : sql``} FROM (
      SELECT CASE WHEN EXISTS (SELECT 1 FROM batch_guard) THEN true ELSE essaim_stale_read('registration batch') END
        AS batch_fresh OFFSET 0
    ) fresh${p.rows.length ? sql` LEFT JOIN batch_rows ON true` : sql``}`);
  return result.rows.filter((raw) => raw.id != null).map((raw) => typedRow<RegistrationRow>(registrationColumns, raw));
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

export async function selectRegistration(db: Tx, networkId: string, id: string, lock: boolean) {
  const q = db
    .select()
    .from(registrations)
    .where(and(eq(registrations.networkId, networkId), eq(registrations.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function selectBySecret(db: Tx, networkId: string, secret: string) {
  const [row] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.networkId, networkId), eq(registrations.secret, secret)));
  return row;
}

export async function updateRegistration(db: Tx, id: string, patch: Partial<RegistrationInsert>) {
  const [row] = await db.update(registrations).set(patch).where(eq(registrations.id, id)).returning();
  return row!;
}

/** Confirming by hand with no seat free: one more seat, so nobody confirmed loses theirs. */
export async function growCapacity(tx: Tx, eventId: string, capacity: number, sequence: number): Promise<void> {
  await tx.update(events).set({ capacity, sequence, updatedAt: new Date() }).where(eq(events.id, eventId));
}

export async function selectByCheckInCode(tx: Tx, eventId: string, code: string) {
  const [row] = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.checkInCode, code)))
    .for('update');
  return row;
}

/** The event another ticket of the network is for, to say so at the door. */
export async function selectTicketElsewhere(tx: Tx, networkId: string, code: string) {
  const [row] = await tx
    .select({ title: events.title })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(and(eq(registrations.networkId, networkId), eq(registrations.checkInCode, code)));
  return row;
}

export function selectRegistrations(
  db: Tx,
  eventId: string,
  f: { status?: RegistrationRow['status']; afterQueueNo?: number; limit: number; search?: string },
) {
  return db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        f.status ? eq(registrations.status, f.status) : undefined,
        f.afterQueueNo ? gt(registrations.queueNo, f.afterQueueNo) : undefined,
        f.search
          ? sql`(${registrations.name} ILIKE ${`%${f.search}%`} OR ${registrations.email} ILIKE ${`%${f.search}%`})`
          : undefined,
      ),
    )
    .orderBy(asc(registrations.queueNo))
    .limit(f.limit);
}

/** A person's registrations across events (by e-mail), newest first, for attendance and no-shows. */
export function selectAttendance(db: Tx, networkId: string, email: string, chapterIds: string[] | 'all') {
  return db
    .select({
      registration: registrations,
      event: {
        id: events.id,
        title: events.title,
        startsAt: events.startsAt,
        endsAt: events.endsAt,
        chapterId: events.chapterId,
        status: events.status,
      },
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      and(
        eq(registrations.networkId, networkId),
        eq(registrations.email, email.toLowerCase()),
        chapterIds === 'all' ? undefined : chapterIds.length ? inArray(events.chapterId, chapterIds) : sql`false`,
      ),
    )
    .orderBy(sql`${events.startsAt} DESC`)
    .limit(500);
}

/** The signed-in member's live registration for an event (by account, or by their e-mail). */
export async function selectOwn(db: Tx, networkId: string, eventId: string, user: { id: string; email: string }) {
  const [row] = await db
    .select()
    .from(registrations)
    .where(
      and(
        eq(registrations.networkId, networkId),
        eq(registrations.eventId, eventId),
        ne(registrations.status, 'cancelled'),
        sql`(${registrations.userId} = ${user.id} OR ${registrations.email} = ${user.email})`,
      ),
    );
  return row;
}
