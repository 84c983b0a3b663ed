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

/**
 * The queue, newest first, all statuses or one, with what each report is about. `chapterIds`: only
 * the reports on those chapters' events (an organiser's share of the queue); undefined: all.
 */
export function selectReports(
  db: Tx,
  networkId: string,
  status: ReportRow['status'] | undefined,
  limit: number,
  chapterIds?: string[],
) {
  return db
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
        status ? eq(errorReports.status, status) : undefined,
        chapterIds ? (chapterIds.length ? inArray(events.chapterId, chapterIds) : sql`false`) : undefined,
      ),
    )
    .orderBy(desc(errorReports.createdAt))
    .limit(limit);
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
  d: { status: ReportRow['status']; correction: string | null; reason: string | null; decidedAt: Date },
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
