import { listGrants, type GrantRow } from '../budgets/service.js';
import { findChapter, listChapters } from '../chapters/service.js';
import type { Tx } from '../db/connection.js';
import { findEvent } from '../events/service.js';
import type { Network } from '../networks/service.js';
import { findVenue } from '../venues/service.js';
import { countsOf, grantFigures } from './figures.js';
import { brusselsDate, yearPeriod } from './period.js';
import * as q from './queries.js';

type Period = q.Period;

export { yearPeriod, daysPeriod } from './period.js';
export type { Counts } from './figures.js';

type NewColumn = 'new_network' | 'new_chapter' | 'new_venue' | 'new_network_month' | 'new_chapter_month';
/** The people figures of one group: the whole period, a chapter (`chapter`) or a month (`month`). */
const people = (rows: q.PeopleRow[], by: { chapter?: string; month?: string }, column: NewColumn) => {
  const r = rows.find((x) =>
    by.chapter
      ? x.grouped_chapter === 0 && x.chapter_id === by.chapter
      : by.month
        ? x.grouped_month === 0 && x.month === by.month
        : x.grouped_chapter === 1 && x.grouped_month === 1,
  );
  const uniques = r?.uniques ?? 0;
  const newPeople = r?.[column] ?? 0;
  return { uniqueAttendees: uniques, newPeople, returningPeople: uniques - newPeople };
};

const months = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
const monthOf = (d: Date) => brusselsDate(d).slice(0, 7);

/** The network's year: totals, per chapter, per month, come-home conversion and grants. */
export async function networkReport(db: Tx, network: Network, year: number) {
  const p = yearPeriod(year);
  const [events, ppl, comeHome, chapters] = await Promise.all([
    q.selectEventFigures(db, network.id, p, {}),
    q.selectPeople(db, network.id, p, {}),
    q.selectComeHome(db, network.id, p, {}),
    listChapters(db, network, { limit: 1000 }),
  ]);
  // The Brussels month of each event, computed once.
  const monthById = new Map(events.map((e) => [e.id, monthOf(e.starts_at)]));
  return {
    year,
    scope: 'network' as const,
    totals: { ...countsOf(events), ...people(ppl, {}, 'new_network') },
    byChapter: chapters
      .map((c) => {
        const mine = events.filter((e) => e.chapter_id === c.id);
        return {
          chapter: c.slug,
          name: c.name,
          ...countsOf(mine),
          ...people(ppl, { chapter: c.id }, 'new_chapter'),
          activeMonths: new Set(mine.filter((e) => e.status !== 'cancelled').map((e) => monthById.get(e.id))).size,
        };
      })
      .filter((c) => c.events + c.cancelledEvents > 0 || c.costCents !== 0),
    byMonth: months(year).map((m) => {
      const mine = events.filter((e) => monthById.get(e.id) === m);
      return {
        month: m,
        ...countsOf(mine),
        ...people(ppl, { month: m }, 'new_network_month'),
        activeChapters: new Set(mine.filter((e) => e.status !== 'cancelled').map((e) => e.chapter_id)).size,
      };
    }),
    comeHome,
  };
}

/** A chapter's year: growth and health. */
export async function chapterReport(db: Tx, network: Network, slug: string, year: number) {
  const chapter = await findChapter(db, network, slug);
  const p = yearPeriod(year);
  const s = { chapterId: chapter.id };
  const [events, ppl, comeHome, followers, first] = await Promise.all([
    q.selectEventFigures(db, network.id, p, s),
    q.selectPeople(db, network.id, p, s),
    q.selectComeHome(db, network.id, p, s),
    q.selectFollowerGrowth(db, network.id, chapter.id, p),
    // Only the first event's start: not the figures of every event the chapter ever held.
    q.selectFirstEventStart(db, network.id, chapter.id),
  ]);
  const active = months(year).map((m) => ({
    month: m,
    ...countsOf(events.filter((e) => monthOf(e.starts_at) === m)),
    ...people(ppl, { month: m }, 'new_chapter_month'),
  }));
  return {
    year,
    scope: 'chapter' as const,
    chapter: {
      slug: chapter.slug,
      name: chapter.name,
      status: chapter.status,
      createdAt: chapter.createdAt.toISOString(),
    },
    totals: { ...countsOf(events), ...people(ppl, {}, 'new_chapter') },
    activeMonths: active.filter((m) => m.events > 0).length,
    daysToFirstEvent: first ? Math.floor((first.getTime() - chapter.createdAt.getTime()) / 86_400_000) : null,
    followers: {
      gained: followers.gained,
      lost: followers.lost,
      net: followers.gained - followers.lost,
      total: followers.now,
    },
    byMonth: active,
    comeHome,
    events: events.map((e) => ({
      id: e.id,
      title: e.title,
      // For the page, which names the event in the reader's language (the API answers the title as written).
      language: e.language,
      translations: e.translations,
      startsAt: e.starts_at.toISOString(),
      status: e.status,
      ...countsOf([e]),
    })),
  };
}

/** One event: attendance, people new to the network, the chapter and the venue, and its costs. */
export async function eventReport(db: Tx, network: Network, id: string) {
  const event = await findEvent(db, network, id);
  const p: Period = { from: event.startsAt, to: new Date(event.startsAt.getTime() + 1) };
  const s = { eventId: event.id };
  const [[row], ppl, comeHome] = await Promise.all([
    q.selectEventFigures(db, network.id, p, s),
    q.selectPeople(db, network.id, p, s),
    q.selectComeHome(db, network.id, p, s),
  ]);
  const all = ppl.find((x) => x.grouped_chapter === 1 && x.grouped_month === 1);
  const counts = row ? countsOf([row]) : countsOf([]);
  const uniques = all?.uniques ?? 0;
  return {
    event: {
      id: event.id,
      title: event.title,
      startsAt: event.startsAt.toISOString(),
      status: event.status,
      capacity: event.capacity,
    },
    ...counts,
    // A cancelled event keeps its costs; its attendance is what was recorded, if anything.
    ...(row && row.status === 'cancelled' ? { registered: row.registered, attended: row.attended } : {}),
    uniqueAttendees: uniques,
    newToNetwork: all?.new_network ?? 0,
    newToChapter: all?.new_chapter ?? 0,
    newToVenue: row?.venue_id ? (all?.new_venue ?? 0) : null,
    comeHome,
  };
}

/** A venue over a period: the partner's dashboard figures (suppression of small counts is the caller's). */
export async function venueFigures(db: Tx, network: Network, slug: string, from: Date, to: Date) {
  const venue = await findVenue(db, network, slug);
  const p = { from, to };
  const s = { venueId: venue.id };
  const [events, ppl] = await Promise.all([
    q.selectEventFigures(db, network.id, p, s),
    q.selectPeople(db, network.id, p, s),
  ]);
  const held = events.filter((e) => e.status !== 'cancelled');
  const seats = held.reduce((n, e) => n + e.capacity, 0);
  const counts = countsOf(events);
  return {
    venue: { id: venue.id, slug: venue.slug, name: venue.name },
    eventsHosted: counts.events,
    peopleBrought: counts.attended,
    ...people(ppl, {}, 'new_venue'),
    seats,
    seatOccupancy: seats > 0 ? counts.attended / seats : null,
    events: held.map((e) => ({
      id: e.id,
      title: e.title,
      startsAt: e.starts_at.toISOString(),
      attended: e.attended,
      capacity: e.capacity,
    })),
  };
}

/** A grant's co-financing over its period (narrowed to from..to): eligible lines, what is charged and claimable. */
export async function grantReport(
  db: Tx,
  network: Network,
  grant: GrantRow,
  range: { from?: string; to?: string } = {},
) {
  const from = range.from && range.from > grant.periodStart ? range.from : grant.periodStart;
  const to = range.to && range.to < grant.periodEnd ? range.to : grant.periodEnd;
  const lines = await q.selectEligibleLines(db, network.id, {
    id: grant.id,
    chapterId: grant.chapterId,
    eligibleCategories: grant.eligibleCategories,
    from,
    to,
  });
  const totalEligibleCents = lines.reduce((s, l) => s + l.amount_cents, 0);
  const chargedCents = lines.reduce((s, l) => s + l.charged_cents, 0);
  const pending = await q.selectGrantPending(db, network.id, grant.id);
  return { from, to, lines, ...grantFigures(grant, totalEligibleCents, chargedCents), ...pending };
}

export async function grantReports(db: Tx, network: Network) {
  const grants = await listGrants(db, network);
  return Promise.all(grants.map(async (g) => ({ grant: g, figures: await grantReport(db, network, g) })));
}

export const spending = q.selectSpending;

/** Events of a period (a chapter's, or all), with venue names and attendance: the pack's activity data. */
export async function eventActivity(db: Tx, network: Network, p: Period, chapterId?: string) {
  const rows = await q.selectEventFigures(db, network.id, p, chapterId ? { chapterId } : {});
  const names = await q.selectPlaceNames(db, network.id, rows);
  return rows.map((e) => ({
    id: e.id,
    date: brusselsDate(e.starts_at),
    title: e.title,
    status: e.status,
    chapter: names.chapters.get(e.chapter_id) ?? '',
    venue: e.venue_id ? (names.venues.get(e.venue_id) ?? '') : '',
    registered: e.registered,
    attended: e.attended,
    costCents: e.cost_cents,
  }));
}
