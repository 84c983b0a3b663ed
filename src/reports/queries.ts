import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import type { Translations } from '../web/content.js';

export * from './growth-queries.js';

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
  language: string;
  translations: Translations;
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
    SELECT e.id, e.title, e.language, e.translations, e.chapter_id, ${venueOf} AS venue_id, e.starts_at, e.status, e.capacity,
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
 * month in Brussels. A person is the e-mail address their ticket went to, lower-cased; people
 * added at the door without an address count in attendance, not here. "New" is per scope: their
 * first attendance ever in the network, in the row's chapter or at its venue falls in the period
 * (the `_month` columns: in that month); over several chapters (or venues), new to each of those
 * they came to. The first attendances are read from `first_attendances` (kept by triggers): only
 * those that fall in the period can make anyone new, so one range scan of it replaces a scan of
 * every earlier attendance of everyone seen (docs/DECISIONS.md, "New vs returning at scale").
 */
export async function selectPeople(db: Tx, networkId: string, p: Period, s: Scope): Promise<PeopleRow[]> {
  const from = p.from.toISOString();
  const to = p.to.toISOString();
  const inPeriod = (f: string) =>
    sql`${sql.raw(f)}.network_id = ${networkId} AND ${sql.raw(f)}.first_at >= ${from}::timestamptz AND ${sql.raw(f)}.first_at < ${to}::timestamptz`;
  const res = await db.execute<PeopleRow>(sql`
    WITH ev AS MATERIALIZED (
      -- Per event, not per attendance: the Brussels month and its first instant (time zone
      -- conversions are the costly part of this query).
      SELECT e.id, e.chapter_id, coalesce(e.venue_id, rm.venue_id) AS venue_id,
        to_char(e.starts_at AT TIME ZONE 'Europe/Brussels', 'YYYY-MM') AS month,
        date_trunc('month', e.starts_at AT TIME ZONE 'Europe/Brussels') AT TIME ZONE 'Europe/Brussels' AS month_start
      FROM events e LEFT JOIN rooms rm ON rm.id = e.room_id
      WHERE e.network_id = ${networkId} AND e.status <> 'draft'
        AND e.starts_at >= ${from}::timestamptz AND e.starts_at < ${to}::timestamptz AND ${scopeSql(s)}
    ),
    rows AS (
      -- Each attendance, with the person's first attendance in each scope when it falls in the
      -- period (null: they came before). A first attendance is never later than this one, so
      -- "in this month" is "since the month began".
      SELECT r.email AS key, ev.chapter_id, ev.month, ev.month_start,
        n.first_at AS net_first, c.first_at AS ch_first, v.email IS NOT NULL AS ven_new
      FROM ev JOIN registrations r ON r.event_id = ev.id
      LEFT JOIN first_attendances n ON ${inPeriod('n')} AND n.scope = 'network' AND n.email = r.email
      LEFT JOIN first_attendances c ON ${inPeriod('c')} AND c.scope = 'chapter' AND c.email = r.email AND c.scope_id = ev.chapter_id
      LEFT JOIN first_attendances v ON ${inPeriod('v')} AND v.scope = 'venue' AND v.email = r.email AND v.scope_id = ev.venue_id
      WHERE r.checked_in_at IS NOT NULL AND r.status <> 'cancelled' AND r.email <> ''
    ),
    -- One row per person for the period, per person and chapter, per person and month; then plain counts.
    per_all AS (
      SELECT key, bool_or(net_first IS NOT NULL) AS new_net, bool_and(ch_first IS NOT NULL) AS new_ch,
        bool_and(ven_new) AS new_ven
      FROM rows GROUP BY key
    ),
    per_chapter AS (SELECT key, chapter_id, bool_or(ch_first IS NOT NULL) AS new_ch FROM rows GROUP BY key, chapter_id),
    per_month AS (
      SELECT key, month, bool_or(coalesce(net_first >= month_start, false)) AS new_net,
        bool_and(coalesce(ch_first >= month_start, false)) AS new_ch
      FROM rows GROUP BY key, month
    )
    SELECT NULL::text AS chapter_id, NULL::text AS month, 1 AS grouped_chapter, 1 AS grouped_month, count(*)::int AS uniques,
      count(*) FILTER (WHERE new_net)::int AS new_network, count(*) FILTER (WHERE new_ch)::int AS new_chapter,
      count(*) FILTER (WHERE new_ven)::int AS new_venue, 0 AS new_network_month, 0 AS new_chapter_month
    FROM per_all
    UNION ALL
    SELECT chapter_id::text, NULL, 0, 1, count(*)::int, 0, count(*) FILTER (WHERE new_ch)::int, 0, 0, 0
    FROM per_chapter GROUP BY chapter_id
    UNION ALL
    SELECT NULL, month, 1, 0, count(*)::int, 0, 0, 0, count(*) FILTER (WHERE new_net)::int,
      count(*) FILTER (WHERE new_ch)::int
    FROM per_month GROUP BY month`);
  return res.rows;
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
