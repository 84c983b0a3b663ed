import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { formatDayTime } from '../events/format.js';
import { eventPath } from '../web/event-path.js';
import { ErrorSummary, formError, formValues, validate } from '../web/forms.js';
import { CsrfField, Layout, type PageContext, pageContext, sendPage } from '../web/page.js';
import { OffsetQuerySchema } from '../web/pagination.js';
import { ReportDecisionSchema } from './schemas.js';
import { decideReport, HANDLED_PAGE, type ReportRow, reportQueue } from './service.js';

/** Who decided and when: a former editor once their account is erased; the date alone before decisions were signed. */
function Decided({ ctx, r }: { ctx: PageContext; r: ReportRow }) {
  if (!r.decidedAt) return null;
  const date = formatDayTime(r.decidedAt, ctx.locale);
  if (r.decidedByName === null) return <p class="muted">{ctx.t('report.decidedOn', { date })}</p>;
  const name = r.decidedBy ? r.decidedByName : ctx.t('report.formerEditor');
  return <p class="muted">{ctx.t('report.decidedBy', { name, date })}</p>;
}

/** The editors' queue of readers' reports, and their decisions. */
export function reportQueuePages(app: FastifyInstance, db: Db, config: Config): void {
  app.get('/admin/news/reports', async (req, reply) => queuePage(req, reply));

  /** The queue: open reports first, each with who sent it and when; handled ones folded below. */
  async function queuePage(
    req: FastifyRequest,
    reply: FastifyReply,
    refused?: { id: string; form: ReturnType<typeof formError> },
  ) {
    const { offset } = OffsetQuerySchema.parse(req.query ?? {});
    const { open, handled, handledCount, editor } = await reportQueue(db, req.network, req.user, offset);
    const at = (o: number) => `/admin/news/reports?offset=${o}#handled`;
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const Report = ({ r }: { r: (typeof open)[number] }) => {
      const mine = refused?.id === r.id ? refused.form : undefined;
      return (
        <section aria-labelledby={`rep-${r.id}`}>
          <h2 id={`rep-${r.id}`}>
            {r.article ? (
              <a href={`/news/${r.article.slug}`}>{r.article.title}</a>
            ) : r.event ? (
              <a href={eventPath(r.event)}>{r.event.title}</a>
            ) : null}{' '}
            — {t(`report.kind.${r.kind}`)} · {t(`report.status.${r.status}`)}
          </h2>
          <p class="muted">
            {t('report.reporter', {
              name: r.name || t('report.anonymous'),
              date: formatDayTime(r.createdAt, ctx.locale),
            })}{' '}
            · {t(r.email ? 'report.hasEmail' : 'report.noEmail')}
          </p>
          {r.quote ? <blockquote>{r.quote}</blockquote> : null}
          {/* Text only: a link in a report is never rendered as a link. */}
          <p class="pre-line">{r.message}</p>
          <Decided ctx={ctx} r={r} />
          {r.correction ? <p class="pre-line">{r.correction}</p> : null}
          {r.reason ? (
            <p class="pre-line">
              <strong>{t('report.reasonSent')}</strong> — {r.reason}
            </p>
          ) : null}
          {r.status === 'new' || r.status === 'stale' ? (
            // The fragment brings a refused decision's page back to this report, not to the top of a long queue.
            <form method="post" action={`/admin/news/reports/${r.id}#rep-${r.id}`} class="stack" novalidate>
              <CsrfField ctx={ctx} />
              <ErrorSummary ctx={ctx} errors={mine?.errors} />
              <div>
                <label htmlFor={`c-${r.id}`}>{t('report.correction')}</label>
                <textarea id={`c-${r.id}`} name="correction" maxLength={2000}>
                  {mine?.values.correction ?? ''}
                </textarea>
              </div>
              <div>
                {/* The refused report's field carries the id the error summary links to. */}
                <label htmlFor={mine ? 'f-reason' : `why-${r.id}`}>{t('report.reason')}</label>
                <textarea
                  id={mine ? 'f-reason' : `why-${r.id}`}
                  name="reason"
                  maxLength={2000}
                  aria-invalid={mine?.errors.reason ? 'true' : undefined}
                >
                  {mine?.values.reason ?? ''}
                </textarea>
              </div>
              <div>
                <button type="submit" name="status" value="accepted">
                  {t('report.accept')}
                </button>{' '}
                <button type="submit" name="status" value="declined">
                  {t('report.decline')}
                </button>{' '}
                <button type="submit" name="status" value="duplicate">
                  {t('report.duplicate')}
                </button>
              </div>
            </form>
          ) : null}
        </section>
      );
    };
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('report.queue')}>
        <h1>{t('report.queue')}</h1>
        {/* The way back to the news desk, for those who may edit news (an organiser's queue is their events' only). */}
        {editor ? (
          <p>
            <a href="/admin/news">{t('report.toArticles')}</a>
          </p>
        ) : null}
        {open.length ? open.map((r) => <Report r={r} />) : <p>{t('report.queueEmpty')}</p>}
        {handledCount ? (
          // Open on a later page: the reader asked for it.
          <div id="handled">
            <details open={offset > 0}>
              <summary>{t('report.handled', { count: handledCount })}</summary>
              {handled.map((r) => (
                <Report r={r} />
              ))}
              {offset > 0 || handledCount > offset + HANDLED_PAGE ? (
                <nav aria-label={t('report.handled', { count: handledCount })}>
                  {offset > 0 ? <a href={at(Math.max(0, offset - HANDLED_PAGE))}>{t('report.newer')}</a> : null}
                  {offset > 0 && handledCount > offset + HANDLED_PAGE ? ' · ' : null}
                  {handledCount > offset + HANDLED_PAGE ? (
                    <a href={at(offset + HANDLED_PAGE)}>{t('report.older')}</a>
                  ) : null}
                </nav>
              ) : null}
            </details>
          </div>
        ) : null}
      </Layout>,
      refused ? 400 : 200,
    );
  }

  app.post<{ Params: { id: string }; Body: Record<string, string> }>(
    '/admin/news/reports/:id',
    { preHandler: app.csrfProtection },
    async (req, reply) => {
      const values = formValues(req.body ?? {});
      const text = (name: string) => (req.body?.[name]?.trim() ? { [name]: req.body[name] } : {});
      const parsed = validate(
        ReportDecisionSchema,
        { status: req.body?.status, ...text('correction'), ...text('reason') },
        values,
      );
      if (!parsed.ok) return reply.redirect('/admin/news/reports', 303);
      try {
        await decideReport(db, req.network, req.user, req.params.id, parsed.data, config.baseUrl);
      } catch (err) {
        return queuePage(req, reply, { id: req.params.id, form: formError(err, values) });
      }
      // Its own fragment: the browser would otherwise keep the form's, and scroll to the report just folded away.
      return reply.redirect('/admin/news/reports?done=saved#main', 303);
    },
  );
}
