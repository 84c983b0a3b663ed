import { eventPath } from '../web/event-path.js';
import { chaptersOrganizedBy, listOrganizers } from '../chapters/service.js';
import type { Db, Tx } from '../db/connection.js';
import { formatDayTime } from '../events/format.js';
import { findEvent, manageEventAllowed } from '../events/service.js';
import { gatherWrittenMail, queueWrittenMails } from '../mail/outbox.js';
import type { Network } from '../networks/service.js';
import { articleNoticeRecipients, isNewsEditor, readableArticle } from '../news/service.js';
import { auditAct } from '../audit/service.js';
import { AppError, notFound } from '../web/errors.js';
import { localeOr, msg, translator } from '../web/i18n.js';
import { authorize, type Actor } from '../web/policy.js';
import { isUuid } from '../web/schemas.js';
import * as q from './queries.js';
import type { ReportCreate, ReportDecision } from './schemas.js';

export type { ReportRow } from './queries.js';
/** At most this many reports an hour on one article or event, whoever sends them (the per-address limit is the route's). */
const PER_SUBJECT_PER_HOUR = 20;
const KEEP_ADDRESSES_DAYS = 30;
/**
 * Reports are gathered into one notice per author or organiser, sent this long after the first
 * (registration notices gather a minute; readers who spot the same typo come in bursts longer).
 */
export const REPORT_GATHER_MS = 15 * 60_000;

interface Subject {
  key: q.Subject;
  title: string;
  url: string;
  revision: number | null;
  recipients: { email: string; name: string; locale: string | null }[];
}

/**
 * A reader's report. A filled honeypot is accepted silently and dropped (a robot learns nothing).
 * The authors and the chapter's organisers hear of it in a gathered notice, queued in the same
 * transaction.
 */
async function submit(
  db: Db,
  network: Network,
  subject: (tx: Tx) => Promise<Subject>,
  input: ReportCreate,
  ctx: { baseUrl: string; locale: string },
) {
  if (input.website) return { id: null };
  return db.transaction(async (tx) => {
    const s = await subject(tx);
    const recent = await q.countSince(tx, s.key, new Date(Date.now() - 3_600_000));
    if (recent >= PER_SUBJECT_PER_HOUR) throw new AppError('rate_limited', msg('errorReport.problem.tooMany'));
    const row = await q.insertReport(tx, {
      networkId: network.id,
      ...s.key,
      revision: s.revision !== null && input.revision && input.revision <= s.revision ? input.revision : s.revision,
      kind: input.kind,
      quote: input.quote,
      message: input.message,
      url: `${ctx.baseUrl}${s.url}`,
      name: input.name || null,
      email: input.email || null,
      locale: localeOr(ctx.locale),
      goodFaith: input.goodFaith,
    });
    // A notice of illegal content with an address gets a receipt at once (DSA Art. 16(4)), as the form promises.
    if (input.kind === 'illegal' && row.email) {
      const locale = localeOr(ctx.locale);
      const t = translator(locale);
      const url = `${ctx.baseUrl}${s.url}`;
      await queueWrittenMails(tx, [
        {
          networkId: network.id,
          kind: 'news.report.receipt',
          toEmail: row.email,
          toName: row.name ?? '',
          locale,
          subject: t('report.receipt.subject'),
          textBody: t('report.receipt.body', { title: s.title, url, date: formatDayTime(row.createdAt, locale) }),
          htmlBody: '',
          headers: {},
        },
      ]);
    }
    const sendAt = new Date(Date.now() + REPORT_GATHER_MS);
    for (const r of s.recipients) {
      const locale = localeOr(r.locale ?? undefined);
      const t = translator(locale);
      const quote = input.quote ? ` « ${input.quote.slice(0, 200)} »` : '';
      await gatherWrittenMail(tx, {
        networkId: network.id,
        kind: 'report.digest',
        gather: `report:${network.id}:${r.email.toLowerCase()}`,
        toEmail: r.email,
        toName: r.name,
        locale,
        sendAt,
        line: `- ${t('report.digest.line', { kind: t(`report.kind.${input.kind}`), title: s.title, url: `${ctx.baseUrl}${s.url}` })}${quote}`,
        compose: (lines) => ({
          subject: t('report.digest.subject', { count: lines.length }),
          textBody: [
            t('report.digest.intro', { name: r.name || r.email, count: lines.length }),
            lines.join('\n'),
            t('report.digest.review', { url: `${ctx.baseUrl}/admin/news/reports` }),
          ].join('\n\n'),
        }),
      });
    }
    return { id: row.id };
  });
}

export function submitReport(
  db: Db,
  network: Network,
  slug: string,
  input: ReportCreate,
  ctx: { baseUrl: string; locale: string },
) {
  return submit(
    db,
    network,
    async (tx) => {
      const article = await readableArticle(tx, network, null, slug);
      return {
        key: { articleId: article.id },
        title: article.title,
        url: `/news/${article.slug}`,
        revision: article.revision,
        recipients: await articleNoticeRecipients(tx, network.id, article),
      };
    },
    input,
    ctx,
  );
}

/** The event a reader may report on: a published (or cancelled) one, never a draft (404). */
export async function reportableEvent(db: Tx, network: Network, id: string) {
  const event = await findEvent(db, network, id);
  if (event.status === 'draft') throw notFound(msg('event.problem.thisEvent'));
  return event;
}

/** A report on an event page: its chapter's organisers are told. */
export function submitEventReport(
  db: Db,
  network: Network,
  eventId: string,
  input: ReportCreate,
  ctx: { baseUrl: string; locale: string },
) {
  return submit(
    db,
    network,
    async (tx) => {
      const event = await reportableEvent(tx, network, eventId);
      const organisers = await listOrganizers(tx, network, event.chapterId);
      return {
        key: { eventId: event.id },
        title: event.title,
        url: eventPath(event),
        revision: null,
        recipients: organisers.map((o) => ({ email: o.email, name: o.name, locale: null })),
      };
    },
    input,
    ctx,
  );
}

export const HANDLED_PAGE = 50;

/** Whose share of the queue the actor sees: undefined for all (news editors), else their chapters' ids. */
async function queueScope(db: Db, network: Network, actor: Actor) {
  const editor = await isNewsEditor(db, actor, network.id);
  const chapters = editor || !actor ? undefined : (await chaptersOrganizedBy(db, network, actor.id)).map((c) => c.id);
  authorize(actor, editor || !!chapters?.length, 'see the reports');
  return { editor, chapters };
}

type Joined = Awaited<ReturnType<typeof q.selectReports>>[number];
const withSubject = ({ report, article, event }: Joined) => ({
  ...report,
  article: article ? { id: article.id, slug: article.slug, title: article.title } : null,
  event: event ? { id: event.id, title: event.title } : null,
});

/** A new report whose quoted passage has left the page is marked stale. */
async function markStaleReports(db: Db, network: Network, chapters: string[] | undefined) {
  const fresh = await q.selectReports(db, network.id, 'new', { limit: 1000 }, chapters);
  for (const { report: r, article, event } of fresh) {
    if (!r.quote) continue;
    const text = article ? `${article.title}\n${article.body}` : `${event?.title ?? ''}\n${event?.description ?? ''}`;
    if (!text.includes(r.quote)) await q.markStale(db, r.id);
  }
}

/** The queue: news editors (and admins) see every report; a chapter's organisers the reports on their events. */
export async function listReports(db: Db, network: Network, actor: Actor, status: q.StatusFilter, page: q.Page) {
  const { chapters } = await queueScope(db, network, actor);
  await markStaleReports(db, network, chapters);
  return (await q.selectReports(db, network.id, status, page, chapters)).map(withSubject);
}

/**
 * The editors' queue: every open report (new, or stale once its quote left the text), however many newer ones
 * were handled since; one page of the handled ones, and how many; `editor`: may edit news (the desk's link).
 */
export async function reportQueue(db: Db, network: Network, actor: Actor, offset = 0) {
  const { editor, chapters } = await queueScope(db, network, actor);
  await markStaleReports(db, network, chapters);
  const open = [
    ...(await q.selectReports(db, network.id, 'new', { limit: 1000 }, chapters)),
    ...(await q.selectReports(db, network.id, 'stale', { limit: 1000 }, chapters)),
  ].map(withSubject);
  open.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const handled = await q.selectReports(db, network.id, 'handled', { limit: HANDLED_PAGE, offset }, chapters);
  const handledCount = await q.countReports(db, network.id, 'handled', chapters);
  return { open, handled: handled.map(withSubject), handledCount, editor };
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
  if (!isUuid(id)) throw notFound(msg('errorReport.problem.report'));
  return db.transaction(async (tx) => {
    const r = await q.selectReportForUpdate(tx, network.id, id);
    if (!r) throw notFound(msg('errorReport.problem.report'));
    // News editors decide on everything; an event's organisers on that event's reports.
    const chapterId = r.eventId ? await q.selectReportChapter(tx, r.eventId) : null;
    const allowed =
      (await isNewsEditor(tx, actor, network.id)) ||
      (chapterId !== null && (await manageEventAllowed(tx, actor, { chapterId, networkId: network.id })));
    authorize(actor, allowed, 'decide on reports');
    if (r.status !== 'new' && r.status !== 'stale') throw new AppError('conflict', msg('errorReport.problem.decided'));
    // A notice of illegal content that is not acted on gets a statement of reasons (DSA Art. 17).
    const reason = d.status === 'declined' ? d.reason || null : null;
    if (d.status === 'declined' && r.kind === 'illegal' && !reason)
      throw new AppError('validation', msg('report.problem.reasonNeeded'), [
        { field: 'reason', message: msg('report.validation.reasonNeeded') },
      ]);
    await q.updateDecision(tx, id, {
      status: d.status,
      correction: d.status === 'accepted' ? d.correction || null : null,
      reason,
      decidedAt: new Date(),
      decidedBy: actor.id,
      decidedByName: actor.name || actor.email,
    });
    // An administrative act (DSA Art. 16-17: who decided what, and why): never the reporter's name or address.
    await auditAct(tx, network.id, actor, 'report.decision', `report ${id}`, {
      decision: d.status,
      kind: r.kind,
      ...(r.articleId ? { articleId: r.articleId } : { eventId: r.eventId }),
      ...(d.status === 'declined' ? { reasonsGiven: !!reason } : {}),
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
          textBody: [
            t(`report.outcome.${d.status}`, { url: r.url || baseUrl }),
            reason && t('report.outcome.reason', { reason }),
          ]
            .filter(Boolean)
            .join('\n\n'),
          htmlBody: '',
          headers: {},
        },
      ]);
    }
    const [decided] = await q.selectReports(tx, network.id, undefined, { limit: 1, id });
    return withSubject(decided!);
  });
}

/** Dated public corrections of an article or an event (accepted reports with a note), oldest first. */
export async function corrections(db: Tx, subject: string | q.Subject) {
  const rows = await q.selectCorrections(db, typeof subject === 'string' ? { articleId: subject } : subject);
  return rows.filter((c) => c.text && c.date) as { text: string; date: Date }[];
}

/** Reporters' names and addresses are erased 30 days after their report was closed. */
export function eraseOldReporters(db: Db, now = new Date()): Promise<number> {
  return q.clearReporters(db, new Date(now.getTime() - KEEP_ADDRESSES_DAYS * 86_400_000));
}
