import type { Db, Tx } from '../db/connection.js';
import { queueWrittenMails } from '../mail/outbox.js';
import type { Network } from '../networks/service.js';
import { articleNoticeRecipients, findArticle, isNewsEditor, readableArticle } from '../news/service.js';
import { AppError, notFound } from '../web/errors.js';
import { localeOr, translator, msg } from '../web/i18n.js';
import { isUuid } from '../web/schemas.js';
import { authorize, type Actor } from '../web/policy.js';
import type { ReportCreate, ReportDecision } from './schemas.js';
import * as q from './queries.js';
import type { ReportRow } from './queries.js';

export type { ReportRow } from './queries.js';
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
    const recent = await q.countSince(tx, article.id, new Date(Date.now() - 3_600_000));
    if (recent >= PER_ARTICLE_PER_HOUR) throw new AppError('rate_limited', msg('errorReport.problem.tooMany'));
    const url = `${ctx.baseUrl}/news/${article.slug}`;
    const row = await q.insertReport(tx, {
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
    });
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
    return { id: row.id };
  });
}

/** The editors' queue; a report whose quoted passage is no longer in the article is marked stale. */
export async function listReports(db: Db, network: Network, actor: Actor, status?: ReportRow['status']) {
  authorize(actor, await isNewsEditor(db, actor, network.id), 'see the reports');
  // New reports whose quoted passage has left the article become stale before anything is listed.
  const fresh = await q.selectNew(db, network.id, 1000);
  for (const r of fresh) {
    if (!r.quote) continue;
    const article = await findArticle(db, network, r.articleId);
    if (!article.bodyMarkdown.includes(r.quote) && !article.title.includes(r.quote)) await q.markStale(db, r.id);
  }
  const rows = await q.selectReports(db, network.id, status, 200);
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
    const r = await q.selectReportForUpdate(tx, network.id, id);
    if (!r) throw notFound(msg('errorReport.problem.report'));
    if (r.status !== 'new' && r.status !== 'stale') throw new AppError('conflict', msg('errorReport.problem.decided'));
    const row = await q.updateDecision(tx, id, {
      status: d.status,
      correction: d.status === 'accepted' ? d.correction || null : null,
      decidedAt: new Date(),
    });
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
    return row;
  });
}

/** Dated public corrections of an article (accepted reports with a note), oldest first. */
export function corrections(db: Tx, articleId: string) {
  return q.selectCorrections(db, articleId);
}

/** Reporters' names and addresses are erased 30 days after their report was closed. */
export function eraseOldReporters(db: Db, now = new Date()): Promise<number> {
  return q.clearReporters(db, new Date(now.getTime() - KEEP_ADDRESSES_DAYS * 86_400_000));
}

export async function reportArticleExists(db: Tx, network: Network, articleId: string) {
  return findArticle(db, network, articleId);
}
