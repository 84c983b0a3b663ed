import { and, desc, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/connection.js';
import { queueWrittenMails } from '../mail/outbox.js';
import type { Network } from '../networks/service.js';
import { articleNoticeRecipients, findArticle, isNewsEditor, readableArticle } from '../news/service.js';
import { AppError, notFound } from '../web/errors.js';
import { localeOr, translator, msg } from '../web/i18n.js';
import { isUuid } from '../web/schemas.js';
import { authorize, type Actor } from '../web/policy.js';
import type { ReportCreate, ReportDecision } from './schemas.js';
import { errorReports } from './tables.js';

export type ReportRow = typeof errorReports.$inferSelect;
/** At most this many reports an hour on one article, whoever sends them (the per-address limit is the route's). */
const PER_ARTICLE_PER_HOUR = 20;
const KEEP_ADDRESSES_DAYS = 30;

/**
 * A reader's report. A filled honeypot is accepted silently and dropped (a robot learns nothing).
 * The authors and the chapter's organisers are told by e-mail, in the same transaction.
 */
export async function submitReport(
  db: Db,
  network: Network,
  slug: string,
  input: ReportCreate,
  ctx: { baseUrl: string; locale: string },
): Promise<{ id: string | null }> {
  const article = await readableArticle(db, network, null, slug);
  if (input.website) return { id: null };
  return db.transaction(async (tx) => {
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(errorReports)
      .where(
        and(eq(errorReports.articleId, article.id), gte(errorReports.createdAt, new Date(Date.now() - 3_600_000))),
      );
    if ((recent?.n ?? 0) >= PER_ARTICLE_PER_HOUR)
      throw new AppError('rate_limited', msg('errorReport.problem.tooMany'));
    const url = `${ctx.baseUrl}/news/${article.slug}`;
    const [row] = await tx
      .insert(errorReports)
      .values({
        networkId: network.id,
        articleId: article.id,
        revision: input.revision && input.revision <= article.revision ? input.revision : article.revision,
        kind: input.kind,
        quote: input.quote,
        message: input.message,
        url,
        name: input.name || null,
        email: input.email || null,
        locale: localeOr(ctx.locale),
        goodFaith: input.goodFaith,
      })
      .returning();
    const recipients = await articleNoticeRecipients(tx, network.id, article);
    await queueWrittenMails(
      tx,
      recipients.map((r) => {
        const t = translator(localeOr(r.locale));
        const text = t('report.notice.body', {
          title: article.title,
          kind: t(`report.kind.${input.kind}`),
          url: `${ctx.baseUrl}/admin/news/reports`,
        });
        return {
          networkId: network.id,
          kind: 'news.report',
          toEmail: r.email,
          toName: r.name,
          locale: localeOr(r.locale),
          subject: t('report.notice.subject', { title: article.title }),
          textBody: `${text}\n\n${input.quote ? `« ${input.quote} »\n\n` : ''}${input.message}`,
          htmlBody: '',
          headers: {},
        };
      }),
    );
    return { id: row!.id };
  });
}

/** The editors' queue; a report whose quoted passage is no longer in the article is marked stale. */
export async function listReports(db: Db, network: Network, actor: Actor, status?: ReportRow['status']) {
  authorize(actor, await isNewsEditor(db, actor, network.id), 'see the reports');
  // New reports whose quoted passage has left the article become stale before anything is listed.
  const fresh = await db
    .select()
    .from(errorReports)
    .where(and(eq(errorReports.networkId, network.id), eq(errorReports.status, 'new')))
    .limit(1000);
  for (const r of fresh) {
    if (!r.quote) continue;
    const article = await findArticle(db, network, r.articleId);
    if (!article.bodyMarkdown.includes(r.quote) && !article.title.includes(r.quote))
      await db.update(errorReports).set({ status: 'stale' }).where(eq(errorReports.id, r.id));
  }
  const rows = await db
    .select()
    .from(errorReports)
    .where(and(eq(errorReports.networkId, network.id), status ? eq(errorReports.status, status) : undefined))
    .orderBy(desc(errorReports.createdAt))
    .limit(200);
  const out = [];
  for (const r of rows) {
    const article = await findArticle(db, network, r.articleId);
    out.push({ ...r, article: { id: article.id, slug: article.slug, title: article.title } });
  }
  return out;
}

/** accepted (with a public, dated correction note), declined or duplicate; the reporter hears the outcome. */
export async function decideReport(
  db: Db,
  network: Network,
  actor: Actor,
  id: string,
  d: ReportDecision,
  baseUrl: string,
) {
  authorize(actor, await isNewsEditor(db, actor, network.id), 'decide on reports');
  if (!isUuid(id)) throw notFound(msg('errorReport.problem.report'));
  return db.transaction(async (tx) => {
    const [r] = await tx
      .select()
      .from(errorReports)
      .where(and(eq(errorReports.networkId, network.id), eq(errorReports.id, id)))
      .for('update');
    if (!r) throw notFound(msg('errorReport.problem.report'));
    if (r.status !== 'new' && r.status !== 'stale') throw new AppError('conflict', msg('errorReport.problem.decided'));
    const [row] = await tx
      .update(errorReports)
      .set({
        status: d.status,
        correction: d.status === 'accepted' ? d.correction || null : null,
        decidedAt: new Date(),
      })
      .where(eq(errorReports.id, id))
      .returning();
    if (r.email) {
      const t = translator(localeOr(r.locale));
      await queueWrittenMails(tx, [
        {
          networkId: network.id,
          kind: 'news.report.outcome',
          toEmail: r.email,
          toName: r.name ?? '',
          locale: r.locale,
          subject: t('report.outcome.subject'),
          textBody: t(`report.outcome.${d.status}`, { url: r.url || baseUrl }),
          htmlBody: '',
          headers: {},
        },
      ]);
    }
    return row!;
  });
}

/** Dated public corrections of an article (accepted reports with a note), oldest first. */
export function corrections(db: Tx, articleId: string) {
  return db
    .select({ text: errorReports.correction, date: errorReports.decidedAt })
    .from(errorReports)
    .where(
      and(
        eq(errorReports.articleId, articleId),
        eq(errorReports.status, 'accepted'),
        isNotNull(errorReports.correction),
      ),
    )
    .orderBy(errorReports.decidedAt);
}

/** Reporters' names and addresses are erased 30 days after their report was closed. */
export async function eraseOldReporters(db: Db, now = new Date()): Promise<number> {
  const rows = await db
    .update(errorReports)
    .set({ email: null, name: null })
    .where(
      and(
        lt(errorReports.decidedAt, new Date(now.getTime() - KEEP_ADDRESSES_DAYS * 86_400_000)),
        sql`(${errorReports.email} IS NOT NULL OR ${errorReports.name} IS NOT NULL)`,
      ),
    )
    .returning({ id: errorReports.id });
  return rows.length;
}

export async function reportArticleExists(db: Tx, network: Network, articleId: string) {
  return findArticle(db, network, articleId);
}
