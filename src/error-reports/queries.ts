import { and, desc, eq, gte, inArray, isNotNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.js';
import { events } from '../events/tables.js';
import { articles } from '../news/tables.js';
import { errorReports } from './tables.js';

export type ReportRow = typeof errorReports.$inferSelect;
export type ReportInsert = typeof errorReports.$inferInsert;

/** What a report is about: an article or an event page. */
export type Subject = { articleId: string } | { eventId: string };
const about = (s: Subject): SQL =>
  'articleId' in s ? eq(errorReports.articleId, s.articleId) : eq(errorReports.eventId, s.eventId);

/** Reports on one article (or event) since `since`, whoever sent them. */
export async function countSince(db: Tx, subject: Subject, since: Date): Promise<number> {
  const [recent] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(errorReports)
    .where(and(about(subject), gte(errorReports.createdAt, since)));
  return recent?.n ?? 0;
}

export async function insertReport(db: Tx, values: ReportInsert): Promise<ReportRow> {
  const [row] = await db.insert(errorReports).values(values).returning();
  return row!;
}

/** New reports, the ones whose quote may have gone stale. */
export function selectNew(db: Tx, networkId: string, limit: number) {
  return db
    .select()
    .from(errorReports)
    .where(and(eq(errorReports.networkId, networkId), eq(errorReports.status, 'new')))
    .limit(limit);
}

export async function markStale(db: Tx, id: string) {
  await db.update(errorReports).set({ status: 'stale' }).where(eq(errorReports.id, id));
}

/** Reports one status, all statuses (undefined), or the handled ones (accepted, declined, duplicate). */
export type StatusFilter = ReportRow['status'] | 'handled' | undefined;
const HANDLED = ['accepted', 'declined', 'duplicate'] as const;
const statusIs = (status: StatusFilter) =>
  status === 'handled'
    ? inArray(errorReports.status, [...HANDLED])
    : status
      ? eq(errorReports.status, status)
      : undefined;
/** `chapterIds`: only the reports on those chapters' events (an organiser's share of the queue); undefined: all. */
const inChapters = (chapterIds?: string[]) =>
  chapterIds ? (chapterIds.length ? inArray(events.chapterId, chapterIds) : sql`false`) : undefined;

/** How many reports the queue (or an organiser's share of it) holds with that status. */
export async function countReports(db: Tx, networkId: string, status: StatusFilter, chapterIds?: string[]) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(errorReports)
    .leftJoin(events, eq(events.id, errorReports.eventId))
    .where(and(eq(errorReports.networkId, networkId), statusIs(status), inChapters(chapterIds)));
  return row?.n ?? 0;
}

export type Page = { limit: number; offset?: number; id?: string };

/** The queue, newest first, all statuses or some (or the one report `id`), with what each report is about. */
export function selectReports(db: Tx, networkId: string, status: StatusFilter, page: Page, chapterIds?: string[]) {
  return (
    db
      .select({
        report: errorReports,
        article: { id: articles.id, slug: articles.slug, title: articles.title, body: articles.bodyMarkdown },
        event: { id: events.id, title: events.title, chapterId: events.chapterId, description: events.description },
      })
      .from(errorReports)
      .leftJoin(articles, eq(articles.id, errorReports.articleId))
      .leftJoin(events, eq(events.id, errorReports.eventId))
      .where(
        and(
          eq(errorReports.networkId, networkId),
          statusIs(status),
          inChapters(chapterIds),
          page.id ? eq(errorReports.id, page.id) : undefined,
        ),
      )
      // The id breaks ties: reports sent in the same instant never appear on two pages (or none).
      .orderBy(desc(errorReports.createdAt), desc(errorReports.id))
      .limit(page.limit)
      .offset(page.offset ?? 0)
  );
}

/** The chapter of an event report (null for an article report), to decide who may decide. */
export async function selectReportChapter(db: Tx, eventId: string): Promise<string | null> {
  const [row] = await db.select({ chapterId: events.chapterId }).from(events).where(eq(events.id, eventId));
  return row?.chapterId ?? null;
}

/** One report, locked until the end of the transaction (two editors deciding at once: one wins). */
export async function selectReportForUpdate(db: Tx, networkId: string, id: string): Promise<ReportRow | undefined> {
  const [r] = await db
    .select()
    .from(errorReports)
    .where(and(eq(errorReports.networkId, networkId), eq(errorReports.id, id)))
    .for('update');
  return r;
}

export async function updateDecision(
  db: Tx,
  id: string,
  d: Pick<ReportInsert, 'status' | 'correction' | 'reason' | 'decidedAt' | 'decidedBy' | 'decidedByName'>,
): Promise<ReportRow> {
  const [row] = await db.update(errorReports).set(d).where(eq(errorReports.id, id)).returning();
  return row!;
}

export function selectCorrections(db: Tx, subject: Subject) {
  return db
    .select({ text: errorReports.correction, date: errorReports.decidedAt })
    .from(errorReports)
    .where(and(about(subject), eq(errorReports.status, 'accepted'), isNotNull(errorReports.correction)))
    .orderBy(errorReports.decidedAt);
}

/**
 * An erased account's decisions: the report keeps its decision, signed by a nameless "former editor"
 * (an empty name; null stays for the decisions taken before they were signed, whose decider is unknown).
 */
export async function forgetDecider(db: Tx, networkId: string, userId: string): Promise<void> {
  await db
    .update(errorReports)
    .set({ decidedBy: null, decidedByName: '' })
    .where(and(eq(errorReports.networkId, networkId), eq(errorReports.decidedBy, userId)));
}

/** Forgets the reporter of every report decided before `decidedBefore`; how many were forgotten. */
export async function clearReporters(db: Tx, decidedBefore: Date): Promise<number> {
  const rows = await db
    .update(errorReports)
    .set({ email: null, name: null })
    .where(
      and(
        lt(errorReports.decidedAt, decidedBefore),
        sql`(${errorReports.email} IS NOT NULL OR ${errorReports.name} IS NOT NULL)`,
      ),
    )
    .returning({ id: errorReports.id });
  return rows.length;
}
