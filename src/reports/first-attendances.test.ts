import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app.js';
import { makeChapter, makeVenue } from '../../test/support/factories.js';
import { type PeopleRow, selectPeople } from './queries.js';

/**
 * "New vs returning" is read from `first_attendances`, a table kept by triggers. Its answer must be
 * the one of the definition (docs/FIGURES.md) as the reports computed it before the table existed:
 * the reference query below, which scans every earlier attendance of everyone seen. On random
 * networks — events at equal instants and across the new year in Brussels, drafts, rooms, door
 * additions without an address, then check-ins undone, cancellations, erasures, events moved in
 * time, drafted, deleted or given another chapter or venue, rooms given to another venue — both
 * give the same figures for every scope, and the table equals a recomputation from scratch.
 */

let t: TestApp;
let chapters: string[] = [];
let venues: string[] = [];
let rooms: string[] = [];
const q = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await t.database.pool.query(text, params)).rows as T[];

/** The reference: the reports' query before first_attendances (commit 162fc4f), unchanged in substance. */
async function referencePeople(
  from: Date,
  to: Date,
  scope: { chapterId?: string; venueId?: string; eventId?: string },
) {
  const venueOf = `coalesce(e.venue_id, (select rm.venue_id from rooms rm where rm.id = e.room_id))`;
  const where = [
    scope.chapterId ? `e.chapter_id = '${scope.chapterId}'::uuid` : 'true',
    scope.venueId ? `${venueOf} = '${scope.venueId}'::uuid` : 'true',
    scope.eventId ? `e.id = '${scope.eventId}'::uuid` : 'true',
  ].join(' and ');
  const month = (c: string) => `to_char(${c} AT TIME ZONE 'Europe/Brussels', 'YYYY-MM')`;
  return q<PeopleRow>(
    `WITH here AS (
      SELECT r.email AS key, e.id AS event_id, e.chapter_id, coalesce(e.venue_id, rm.venue_id) AS venue_id, e.starts_at
      FROM events e JOIN registrations r ON r.event_id = e.id LEFT JOIN rooms rm ON rm.id = e.room_id
      WHERE e.network_id = $1 AND e.status <> 'draft' AND e.starts_at >= $2 AND e.starts_at < $3 AND ${where}
        AND r.checked_in_at IS NOT NULL AND r.status <> 'cancelled' AND r.email <> ''
    ), seen AS (SELECT DISTINCT key FROM here),
    mine AS (
      SELECT r.email AS key, e.chapter_id, coalesce(e.venue_id, rm.venue_id) AS venue_id, e.starts_at
      FROM seen JOIN registrations r ON r.network_id = $1 AND r.email = seen.key
      JOIN events e ON e.id = r.event_id LEFT JOIN rooms rm ON rm.id = e.room_id
      WHERE e.status <> 'draft' AND e.starts_at < $3 AND r.checked_in_at IS NOT NULL AND r.status <> 'cancelled'
    ),
    f_net AS (SELECT key, min(starts_at) AS first_at FROM mine GROUP BY key),
    f_ch AS (SELECT key, chapter_id, min(starts_at) AS first_at FROM mine GROUP BY key, chapter_id),
    f_ven AS (SELECT key, venue_id, min(starts_at) AS first_at FROM mine WHERE venue_id IS NOT NULL GROUP BY key, venue_id),
    rows AS (
      SELECT h.key, h.chapter_id, ${month('h.starts_at')} AS month, n.first_at AS first_net, c.first_at AS first_ch, v.first_at AS first_ven
      FROM here h JOIN f_net n USING (key)
      JOIN f_ch c ON c.key = h.key AND c.chapter_id = h.chapter_id
      LEFT JOIN f_ven v ON v.key = h.key AND v.venue_id = h.venue_id
    ),
    per_all AS (SELECT DISTINCT ON (key) key, first_net, first_ch, first_ven FROM rows ORDER BY key, first_ch),
    per_chapter AS (SELECT key, chapter_id, min(first_ch) AS first_ch FROM rows GROUP BY key, chapter_id),
    per_month AS (SELECT key, month, min(first_net) AS first_net, min(first_ch) AS first_ch FROM rows GROUP BY key, month)
    SELECT NULL::text AS chapter_id, NULL::text AS month, 1 AS grouped_chapter, 1 AS grouped_month, count(*)::int AS uniques,
      count(*) FILTER (WHERE first_net >= $2)::int AS new_network, count(*) FILTER (WHERE first_ch >= $2)::int AS new_chapter,
      count(*) FILTER (WHERE first_ven >= $2)::int AS new_venue, 0 AS new_network_month, 0 AS new_chapter_month
    FROM per_all
    UNION ALL
    SELECT chapter_id::text, NULL, 0, 1, count(*)::int, 0, count(*) FILTER (WHERE first_ch >= $2)::int, 0, 0, 0
    FROM per_chapter GROUP BY chapter_id
    UNION ALL
    SELECT NULL, month, 1, 0, count(*)::int, 0, 0, 0,
      count(*) FILTER (WHERE ${month('first_net')} = month)::int, count(*) FILTER (WHERE ${month('first_ch')} = month)::int
    FROM per_month GROUP BY month`,
    [t.network.id, from.toISOString(), to.toISOString()],
  );
}

/**
 * The figures as a comparable list. With several venues in the scope, the reference's "new to the
 * venue" of the whole period took whichever venue came first: undefined, and read by no report
 * (only the venue's and the event's, where there is one venue), so it is compared there only.
 */
const figures = (rows: PeopleRow[], oneVenue: boolean) =>
  rows
    .map((r) =>
      [
        r.chapter_id ?? '-',
        r.month ?? '-',
        r.grouped_chapter,
        r.grouped_month,
        r.uniques,
        r.new_network,
        r.new_chapter,
        oneVenue ? r.new_venue : '',
        r.new_network_month,
        r.new_chapter_month,
      ].join('|'),
    )
    // A period without anyone: the reference has its total row too; so does the new query.
    .sort();

/** What the triggers should have left: the first attendances recomputed from scratch. */
const recomputed = () =>
  q(
    `SELECT r.email, s.scope, s.scope_id::text, min(e.starts_at)::text AS first_at
     FROM registrations r JOIN events e ON e.id = r.event_id LEFT JOIN rooms rm ON rm.id = e.room_id
     CROSS JOIN LATERAL (VALUES ('network', r.network_id), ('chapter', e.chapter_id), ('venue', coalesce(e.venue_id, rm.venue_id))) s(scope, scope_id)
     WHERE r.network_id = $1 AND r.checked_in_at IS NOT NULL AND r.status <> 'cancelled' AND r.email <> ''
       AND e.status <> 'draft' AND s.scope_id IS NOT NULL
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [t.network.id],
  );

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.user('admin');
  chapters = [];
  for (let i = 0; i < 3; i++) chapters.push((await makeChapter(t, admin.token)).id);
  venues = [];
  for (let i = 0; i < 3; i++) venues.push((await makeVenue(t, admin.token)).id);
  rooms = (
    await q<{ id: string }>(`SELECT id FROM rooms WHERE network_id = $1 ORDER BY venue_id = $2 DESC, id`, [
      t.network.id,
      venues[0],
    ])
  ).map((r) => r.id);
});
afterAll(() => t.close());

// Instants that make ties (several events at once) and the year's edge in Brussels: 23:30 on
// 31 December 2025 is 22:30 UTC, still 2025; 00:30 on 1 January 2026 is 23:30 UTC on the 31st.
const instants = [
  '2025-01-15T18:00:00Z',
  '2025-03-01T18:00:00Z',
  '2025-03-31T21:30:00Z',
  '2025-06-10T17:00:00Z',
  '2025-12-31T22:30:00Z',
  '2025-12-31T23:30:00Z',
  '2026-02-02T18:00:00Z',
];
const people = ['ada', 'bob', 'cy', 'dee', ''];

const eventArb = fc.record({
  at: fc.nat(instants.length - 1),
  chapter: fc.nat(2),
  place: fc.constantFrom('venue0', 'venue1', 'room', 'none'),
  status: fc.constantFrom('published', 'published', 'published', 'cancelled', 'draft'),
});
const registrationArb = fc.record({
  event: fc.nat(20),
  person: fc.nat(people.length - 1),
  status: fc.constantFrom('confirmed', 'confirmed', 'waitlisted', 'cancelled'),
  came: fc.constantFrom(true, true, true, false),
});
const changeArb = fc.oneof(
  fc.record({ kind: fc.constant('uncheck' as const), n: fc.nat(40) }),
  fc.record({ kind: fc.constant('checkIn' as const), n: fc.nat(40) }),
  fc.record({ kind: fc.constant('cancel' as const), n: fc.nat(40) }),
  fc.record({ kind: fc.constant('erase' as const), n: fc.nat(people.length - 2) }),
  fc.record({ kind: fc.constant('move' as const), n: fc.nat(20), at: fc.nat(instants.length - 1) }),
  fc.record({ kind: fc.constant('draft' as const), n: fc.nat(20) }),
  fc.record({ kind: fc.constant('publish' as const), n: fc.nat(20) }),
  fc.record({ kind: fc.constant('chapter' as const), n: fc.nat(20), to: fc.nat(2) }),
  fc.record({ kind: fc.constant('venue' as const), n: fc.nat(20), to: fc.nat(2) }),
  fc.record({ kind: fc.constant('delete' as const), n: fc.nat(20) }),
  fc.record({ kind: fc.constant('room' as const), to: fc.nat(2) }),
);

describe('first attendances', () => {
  it('give the figures of the definition, for every scope, whatever happens to registrations and events', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArb, { minLength: 1, maxLength: 8 }),
        fc.array(registrationArb, { maxLength: 40 }),
        fc.array(changeArb, { minLength: 1, maxLength: 6 }),
        async (evs, regs, changes) => {
          const net = t.network.id;
          await q(`DELETE FROM registrations WHERE network_id = $1`, [net]);
          await q(`DELETE FROM events WHERE network_id = $1`, [net]);
          await q(`UPDATE rooms SET venue_id = $2, name = 'Roaming room' WHERE id = $1`, [rooms[0], venues[0]]);
          const eventIds: string[] = [];
          for (const [i, e] of evs.entries()) {
            const [row] = await q<{ id: string }>(
              `INSERT INTO events (network_id, chapter_id, title, starts_at, ends_at, capacity, venue_id, room_id, status)
               VALUES ($1, $2, $3, $4, $4::timestamptz + interval '2 hours', 50, $5, $6, $7) RETURNING id`,
              [
                net,
                chapters[e.chapter],
                `Event ${i}`,
                instants[e.at],
                e.place === 'venue0' ? venues[0] : e.place === 'venue1' ? venues[1] : null,
                e.place === 'room' ? rooms[0] : null,
                e.status,
              ],
            );
            eventIds.push(row!.id);
          }
          const regIds: string[] = [];
          for (const [i, r] of regs.entries()) {
            const email = people[r.person] ? `${people[r.person]}@example.org` : '';
            const [row] = await q<{ id: string }>(
              `INSERT INTO registrations (network_id, event_id, name, email, status, queue_no, secret, check_in_code, checked_in_at)
               VALUES ($1, $2, 'Someone', $3, $4, 1, $5, $5, CASE WHEN $6 THEN now() END)
               ON CONFLICT DO NOTHING RETURNING id`,
              [net, eventIds[r.event % eventIds.length], email, r.status, `s${i}-${Math.random()}`, r.came],
            );
            if (row) regIds.push(row.id); // one live registration per address and event
          }
          for (const c of changes) {
            const reg = regIds.length ? regIds[('n' in c ? c.n : 0) % regIds.length] : undefined;
            const ev = eventIds[('n' in c ? c.n : 0) % eventIds.length];
            if (c.kind === 'uncheck' && reg)
              await q(`UPDATE registrations SET checked_in_at = NULL WHERE id = $1`, [reg]);
            if (c.kind === 'checkIn' && reg)
              await q(`UPDATE registrations SET checked_in_at = now() WHERE id = $1`, [reg]);
            if (c.kind === 'cancel' && reg)
              await q(`UPDATE registrations SET status = 'cancelled' WHERE id = $1`, [reg]);
            if (c.kind === 'erase')
              await q(`UPDATE registrations SET email = 'deleted-' || id || '@invalid' WHERE email = $1`, [
                `${people[c.n]}@example.org`,
              ]);
            if (c.kind === 'move')
              await q(
                `UPDATE events SET starts_at = $2, ends_at = $2::timestamptz + interval '2 hours' WHERE id = $1`,
                [ev, instants[c.at]],
              );
            if (c.kind === 'draft') await q(`UPDATE events SET status = 'draft' WHERE id = $1`, [ev]);
            if (c.kind === 'publish') await q(`UPDATE events SET status = 'published' WHERE id = $1`, [ev]);
            if (c.kind === 'chapter') await q(`UPDATE events SET chapter_id = $2 WHERE id = $1`, [ev, chapters[c.to]]);
            if (c.kind === 'venue')
              await q(`UPDATE events SET venue_id = $2, room_id = NULL WHERE id = $1`, [ev, venues[c.to]]);
            if (c.kind === 'room')
              await q(`UPDATE rooms SET venue_id = $2, name = 'Roaming room' WHERE id = $1`, [rooms[0], venues[c.to]]);
            if (c.kind === 'delete' && eventIds.length > 1) {
              await q(`DELETE FROM events WHERE id = $1`, [ev]);
              eventIds.splice(eventIds.indexOf(ev!), 1);
              const left = await q<{ id: string }>(`SELECT id FROM registrations WHERE network_id = $1`, [net]);
              regIds.splice(0, regIds.length, ...left.map((r) => r.id));
            }
          }

          const table = await q(
            `SELECT email, scope, scope_id::text, first_at::text FROM first_attendances WHERE network_id = $1 ORDER BY 1, 2, 3`,
            [net],
          );
          expect(table).toEqual(await recomputed());

          const year = (y: number) => ({
            from: new Date(`${y - 1}-12-31T23:00:00Z`),
            to: new Date(`${y}-12-31T23:00:00Z`),
          });
          const scopes: { scope: { chapterId?: string; venueId?: string; eventId?: string }; oneVenue: boolean }[] = [
            { scope: {}, oneVenue: false },
            ...chapters.map((chapterId) => ({ scope: { chapterId }, oneVenue: false })),
            ...venues.map((venueId) => ({ scope: { venueId }, oneVenue: true })),
          ];
          for (const y of [2025, 2026])
            for (const { scope, oneVenue } of scopes) {
              const p = year(y);
              expect(
                figures(await selectPeople(t.database.db, net, p, scope), oneVenue),
                `${y} ${JSON.stringify(scope)}`,
              ).toEqual(figures(await referencePeople(p.from, p.to, scope), oneVenue));
            }
          // Each event as the event report sees it: the instant of its start.
          for (const eventId of eventIds) {
            const [e] = await q<{ starts_at: Date }>(`SELECT starts_at FROM events WHERE id = $1`, [eventId]);
            const p = { from: e!.starts_at, to: new Date(e!.starts_at.getTime() + 1) };
            // Without the "new this month" columns: only the network year reads them, over whole
            // months. Over one instant they are left undefined (a first attendance earlier in the
            // month but before the period counts for the reference query, not for the table's).
            const noMonthly = (rows: string[]) => rows.map((r) => r.split('|').slice(0, -2).join('|'));
            expect(noMonthly(figures(await selectPeople(t.database.db, net, p, { eventId }), true))).toEqual(
              noMonthly(figures(await referencePeople(p.from, p.to, { eventId }), true)),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 240_000);
});
