import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';

/**
 * The SQL of the figures. Each figure is defined once in docs/FIGURES.md and computed here only;
 * every report and export reads it from these functions. Instants are compared as timestamptz;
 * periods are given as instants computed in Europe/Brussels by the service (period.ts).
 */

export interface Period {
  from: Date;
  to: Date;
}
export interface Scope {
  chapterId?: string;
  venueId?: string;
  eventId?: string;
}

/** Held at a venue: the event names it, or one of its rooms does. */
export const venueOf = sql`coalesce(e.venue_id, (select rm.venue_id from rooms rm where rm.id = e.room_id))`;

const scopeSql = (s: Scope): SQL =>
  sql.join(
    [
      sql`true`,
      s.chapterId ? sql`e.chapter_id = ${s.chapterId}::uuid` : undefined,
      s.venueId ? sql`${venueOf} = ${s.venueId}::uuid` : undefined,
      s.eventId ? sql`e.id = ${s.eventId}::uuid` : undefined,
    ].filter((x): x is SQL => x !== undefined),
    sql` and `,
  );

export type EventFigureRow = {
  id: string;
  title: string;
  chapter_id: string;
  venue_id: string | null;
  starts_at: Date;
  status: 'published' | 'cancelled' | 'draft';
  capacity: number;
  registered: number;
  attended: number;
  door: number;
  registered_attended: number;
  cost_cents: number;
  pending_cost_cents: number;
};

/**
 * Per event starting in the period (drafts excluded): registered (confirmed at the start),
 * attended (checked in, door additions included), door additions, and costs (approved or paid
 * expense shares; submitted ones apart).
 */
export async function selectEventFigures(db: Tx, networkId: string, p: Period, s: Scope): Promise<EventFigureRow[]> {
  const res = await db.execute<EventFigureRow>(sql`
    SELECT e.id, e.title, e.chapter_id, ${venueOf} AS venue_id, e.starts_at, e.status, e.capacity,
      coalesce(r.registered, 0)::int AS registered, coalesce(r.attended, 0)::int AS attended,
      coalesce(r.door, 0)::int AS door, coalesce(r.registered_attended, 0)::int AS registered_attended,
      coalesce(c.cost, 0)::bigint AS cost_cents, coalesce(c.pending, 0)::bigint AS pending_cost_cents
    FROM events e
    LEFT JOIN LATERAL (
      SELECT
        count(*) FILTER (WHERE x.at_start) AS registered,
        count(*) FILTER (WHERE x.came) AS attended,
        count(*) FILTER (WHERE x.came AND x.created_at > e.starts_at) AS door,
        count(*) FILTER (WHERE x.at_start AND x.came) AS registered_attended
      FROM (
        SELECT r.created_at,
          (r.created_at <= e.starts_at AND r.status <> 'waitlisted'
            AND (r.cancelled_at IS NULL OR r.cancelled_at > e.starts_at)
            AND (r.promoted_at IS NULL OR r.promoted_at <= e.starts_at)) AS at_start,
          (r.checked_in_at IS NOT NULL AND r.status <> 'cancelled') AS came
        FROM registrations r WHERE r.event_id = e.id
      ) x
    ) r ON true
    LEFT JOIN LATERAL (
      SELECT sum(sh.amount_cents) FILTER (WHERE x.status IN ('approved', 'paid')) AS cost,
             sum(sh.amount_cents) FILTER (WHERE x.status = 'submitted') AS pending
      FROM expense_event_shares sh JOIN expenses x ON x.id = sh.expense_id
      WHERE sh.event_id = e.id
    ) c ON true
    WHERE e.network_id = ${networkId} AND e.status <> 'draft'
      AND e.starts_at >= ${p.from.toISOString()}::timestamptz AND e.starts_at < ${p.to.toISOString()}::timestamptz
      AND ${scopeSql(s)}
    ORDER BY e.starts_at, e.id`);
  return res.rows.map((r) => ({
    ...r,
    starts_at: new Date(r.starts_at),
    cost_cents: Number(r.cost_cents),
    pending_cost_cents: Number(r.pending_cost_cents),
  }));
}

export type PeopleRow = {
  chapter_id: string | null;
  month: string | null;
  grouped_chapter: number;
  grouped_month: number;
  uniques: number;
  new_network: number;
  new_chapter: number;
  new_venue: number;
  new_network_month: number;
  new_chapter_month: number;
};

/**
 * Unique attendees and how many were new, in one pass: for the whole period, per chapter and per
 * month in Brussels. A person is the e-mail address their ticket went to,
 * lower-cased; people added at the door without an address count in attendance, not here. "New"
 * is per scope: their first attendance ever in the network, in the row's chapter or at its venue
 * falls in the period (the `_month` columns: in that month). First attendances are hash
 * aggregates over every earlier attendance of the people seen in the period.
 */
export async function selectPeople(db: Tx, networkId: string, p: Period, s: Scope): Promise<PeopleRow[]> {
  const from = p.from.toISOString();
  const to = p.to.toISOString();
  const month = (col: SQL) => sql`to_char(${col} AT TIME ZONE 'Europe/Brussels', 'YYYY-MM')`;
  const res = await db.execute<PeopleRow>(sql`
    WITH here AS (
      SELECT r.email AS key, e.id AS event_id, e.chapter_id, coalesce(e.venue_id, rm.venue_id) AS venue_id, e.starts_at
      FROM events e JOIN registrations r ON r.event_id = e.id LEFT JOIN rooms rm ON rm.id = e.room_id
      WHERE e.network_id = ${networkId} AND e.status <> 'draft'
        AND e.starts_at >= ${from}::timestamptz AND e.starts_at < ${to}::timestamptz AND ${scopeSql(s)}
        AND r.checked_in_at IS NOT NULL AND r.status <> 'cancelled' AND r.email <> ''
    ), seen AS (SELECT DISTINCT key FROM here),
    -- Every attendance of those people up to the end of the period (addresses are stored trimmed
    -- and lower-cased, so the (network_id, email) index finds them).
    mine AS (
      SELECT r.email AS key, e.chapter_id, coalesce(e.venue_id, rm.venue_id) AS venue_id, e.starts_at
      FROM seen JOIN registrations r ON r.network_id = ${networkId} AND r.email = seen.key
      JOIN events e ON e.id = r.event_id LEFT JOIN rooms rm ON rm.id = e.room_id
      WHERE e.status <> 'draft' AND e.starts_at < ${to}::timestamptz
        AND r.checked_in_at IS NOT NULL AND r.status <> 'cancelled'
    ),
    f_net AS (SELECT key, min(starts_at) AS first_at FROM mine GROUP BY key),
    f_ch AS (SELECT key, chapter_id, min(starts_at) AS first_at FROM mine GROUP BY key, chapter_id),
    f_ven AS (SELECT key, venue_id, min(starts_at) AS first_at FROM mine WHERE venue_id IS NOT NULL GROUP BY key, venue_id),
    rows AS (
      SELECT h.key, h.chapter_id, ${month(sql`h.starts_at`)} AS month,
        n.first_at AS first_net, c.first_at AS first_ch, v.first_at AS first_ven
      FROM here h JOIN f_net n USING (key)
      JOIN f_ch c ON c.key = h.key AND c.chapter_id = h.chapter_id
      LEFT JOIN f_ven v ON v.key = h.key AND v.venue_id = h.venue_id
    )
    -- One row per person for the period, per person and chapter, per person and month; then plain
    -- counts (one sort each, instead of a sort per distinct aggregate and grouping set).
    , per_all AS (SELECT DISTINCT ON (key) key, first_net, first_ch, first_ven FROM rows ORDER BY key, first_ch),
    -- first_ch is one value per person and chapter, first_net one per person: hash aggregates, no sort.
    per_chapter AS (SELECT key, chapter_id, min(first_ch) AS first_ch FROM rows GROUP BY key, chapter_id),
    per_month AS (SELECT key, month, min(first_net) AS first_net, min(first_ch) AS first_ch FROM rows GROUP BY key, month)
    SELECT NULL::text AS chapter_id, NULL::text AS month, 1 AS grouped_chapter, 1 AS grouped_month, count(*)::int AS uniques,
      count(*) FILTER (WHERE first_net >= ${from}::timestamptz)::int AS new_network,
      count(*) FILTER (WHERE first_ch >= ${from}::timestamptz)::int AS new_chapter,
      count(*) FILTER (WHERE first_ven >= ${from}::timestamptz)::int AS new_venue,
      0 AS new_network_month, 0 AS new_chapter_month
    FROM per_all
    UNION ALL
    SELECT chapter_id::text, NULL, 0, 1, count(*)::int, 0, count(*) FILTER (WHERE first_ch >= ${from}::timestamptz)::int, 0, 0, 0
    FROM per_chapter GROUP BY chapter_id
    UNION ALL
    SELECT NULL, month, 1, 0, count(*)::int, 0, 0, 0,
      count(*) FILTER (WHERE ${month(sql`first_net`)} = month)::int,
      count(*) FILTER (WHERE ${month(sql`first_ch`)} = month)::int
    FROM per_month GROUP BY month`);
  return res.rows;
}

/**
 * A chapter's followers over the period: gained (follows that began in it, including those ended
 * since), lost (follows that ended in it: the member unfollowed), and the total today. Net growth
 * is gained − lost, computed by the service.
 */
export async function selectFollowerGrowth(
  db: Tx,
  networkId: string,
  chapterId: string,
  p: Period,
): Promise<{ gained: number; lost: number; now: number }> {
  const from = p.from.toISOString();
  const to = p.to.toISOString();
  const res = await db.execute<{ gained: number; lost: number; now: number }>(sql`
    SELECT
      (SELECT count(*) FROM chapter_followers WHERE network_id = ${networkId} AND chapter_id = ${chapterId}::uuid
        AND created_at >= ${from}::timestamptz AND created_at < ${to}::timestamptz)::int
      + (SELECT count(*) FROM chapter_unfollows WHERE network_id = ${networkId} AND chapter_id = ${chapterId}::uuid
        AND followed_at >= ${from}::timestamptz AND followed_at < ${to}::timestamptz)::int AS gained,
      (SELECT count(*) FROM chapter_unfollows WHERE network_id = ${networkId} AND chapter_id = ${chapterId}::uuid
        AND unfollowed_at >= ${from}::timestamptz AND unfollowed_at < ${to}::timestamptz)::int AS lost,
      (SELECT count(*) FROM chapter_followers WHERE network_id = ${networkId} AND chapter_id = ${chapterId}::uuid)::int AS now`);
  return res.rows[0] ?? { gained: 0, lost: 0, now: 0 };
}

/** Come-home campaigns of events in the scope and period: invited, registered after the invitation, attended. */
export async function selectComeHome(db: Tx, networkId: string, p: Period, s: Scope) {
  const res = await db.execute<{ invited: number; registered: number; attended: number }>(sql`
    SELECT count(*)::int AS invited,
      count(r.id)::int AS registered,
      count(r.id) FILTER (WHERE r.checked_in_at IS NOT NULL AND r.status <> 'cancelled')::int AS attended
    FROM invitations i JOIN events e ON e.id = i.event_id
    LEFT JOIN users u ON u.id = i.user_id
    LEFT JOIN LATERAL (
      SELECT r.id, r.checked_in_at, r.status FROM registrations r
      WHERE r.event_id = i.event_id AND r.created_at >= i.created_at
        AND (r.id = i.registration_id OR (u.id IS NOT NULL AND (r.user_id = u.id OR lower(r.email) = u.email)))
      ORDER BY r.created_at LIMIT 1
    ) r ON true
    WHERE i.network_id = ${networkId}
      AND e.starts_at >= ${p.from.toISOString()}::timestamptz AND e.starts_at < ${p.to.toISOString()}::timestamptz
      AND ${scopeSql(s)}`);
  return res.rows[0] ?? { invited: 0, registered: 0, attended: 0 };
}

/** Approved and paid expenses of the period (by date incurred) per category, for a scope (null: network-wide lines). */
export async function selectSpending(db: Tx, networkId: string, p: { from: string; to: string }, chapterId?: string) {
  const res = await db.execute<{ category: string; cents: string; pending: string }>(sql`
    SELECT category, coalesce(sum(amount_cents) FILTER (WHERE status IN ('approved', 'paid')), 0)::bigint AS cents,
      coalesce(sum(amount_cents) FILTER (WHERE status = 'submitted'), 0)::bigint AS pending
    FROM expenses
    WHERE network_id = ${networkId} AND incurred_on >= ${p.from}::date AND incurred_on < ${p.to}::date
      ${chapterId ? sql`AND chapter_id = ${chapterId}::uuid` : sql``}
    GROUP BY category ORDER BY category`);
  return res.rows.map((r) => ({ category: r.category, cents: Number(r.cents), pendingCents: Number(r.pending) }));
}

export type EligibleLine = {
  id: string;
  incurred_on: string;
  paid_on: string | null;
  supplier_name: string;
  supplier_vat: string | null;
  amount_cents: number;
  vat_rate: number;
  category: string;
  description: string;
  status: string;
  chapter_slug: string | null;
  charged_cents: number;
  receipts: number;
};

/**
 * The expense lines a grant may count, in its period (narrowed to from..to): approved or paid,
 * of an eligible category, of the grant's chapter when it has one; with the share charged to it.
 */
export async function selectEligibleLines(
  db: Tx,
  networkId: string,
  g: { id: string; chapterId: string | null; eligibleCategories: string[]; from: string; to: string },
): Promise<EligibleLine[]> {
  const res = await db.execute<EligibleLine>(sql`
    SELECT x.id, x.incurred_on::text, x.paid_on::text, x.supplier_name, x.supplier_vat, x.amount_cents, x.vat_rate,
      x.category, x.description, x.status, c.slug AS chapter_slug,
      coalesce((SELECT sum(s.amount_cents) FROM expense_grant_shares s WHERE s.expense_id = x.id AND s.grant_id = ${g.id}::uuid), 0)::bigint AS charged_cents,
      (SELECT count(*) FROM expense_receipts er WHERE er.expense_id = x.id)::int AS receipts
    FROM expenses x LEFT JOIN chapters c ON c.id = x.chapter_id
    WHERE x.network_id = ${networkId} AND x.status IN ('approved', 'paid')
      AND x.incurred_on >= ${g.from}::date AND x.incurred_on <= ${g.to}::date
      AND x.category IN (${sql.join(g.eligibleCategories.length ? g.eligibleCategories.map((c) => sql`${c}`) : [sql`''`], sql`, `)})
      ${g.chapterId ? sql`AND x.chapter_id = ${g.chapterId}::uuid` : sql``}
    ORDER BY x.incurred_on, x.id`);
  return res.rows.map((r) => ({ ...r, amount_cents: Number(r.amount_cents), charged_cents: Number(r.charged_cents) }));
}

/** What is charged to a grant by expenses still waiting for approval, and lines charged lacking a receipt. */
export async function selectGrantPending(db: Tx, networkId: string, grantId: string) {
  const res = await db.execute<{ pending: string; no_receipt: number }>(sql`
    SELECT coalesce(sum(s.amount_cents) FILTER (WHERE x.status = 'submitted'), 0)::bigint AS pending,
      count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM expense_receipts er WHERE er.expense_id = x.id)
        AND x.status <> 'rejected')::int AS no_receipt
    FROM expense_grant_shares s JOIN expenses x ON x.id = s.expense_id
    WHERE s.network_id = ${networkId} AND s.grant_id = ${grantId}::uuid`);
  return { pendingCents: Number(res.rows[0]?.pending ?? 0), withoutReceipt: res.rows[0]?.no_receipt ?? 0 };
}

/** Names of the chapters and venues of some event rows. */
export async function selectPlaceNames(
  db: Tx,
  networkId: string,
  rows: { chapter_id: string; venue_id: string | null }[],
) {
  const res = await db.execute<{ kind: string; id: string; name: string }>(sql`
    SELECT 'chapter' AS kind, id::text, name FROM chapters WHERE network_id = ${networkId}
    UNION ALL SELECT 'venue', id::text, name FROM venues WHERE network_id = ${networkId}`);
  void rows;
  const chapters = new Map<string, string>();
  const venues = new Map<string, string>();
  for (const r of res.rows) (r.kind === 'chapter' ? chapters : venues).set(r.id, r.name);
  return { chapters, venues };
}
