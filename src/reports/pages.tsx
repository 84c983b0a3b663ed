import { formatDay } from '../events/format.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { defaultCategorySet, listBudgets, moneyScope } from '../budgets/service.js';
import { findChapter, listChapters } from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { BarChart } from './charts.js';
import { BudgetTable, GrantsSection } from './money-blocks.js';
import { CountsTable, Definitions, monthLabel, NewReturningChart, YearForm, yearOf } from './report-blocks.js';
import { reportPolicy } from './policy.js';
import { chapterReport, grantReports, networkReport, spending } from './service.js';
import { moneyWarnings } from './warnings.js';
import { Localized, localized } from '../web/content.js';

export function reportPages(app: FastifyInstance, db: Db): void {
  app.get('/admin/reports', async (req: FastifyRequest, reply: FastifyReply) => {
    authorize(req.user, true, 'see reports');
    const scope = await moneyScope(db, req.network, req.user);
    const year = yearOf(req);
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const chapters = (await listChapters(db, req.network, { limit: 500 })).filter((c) =>
      reportPolicy.chapter(scope, c.id),
    );
    authorize(req.user, scope.all || chapters.length > 0, 'see reports');
    if (!reportPolicy.network(scope))
      return reply.redirect(`/admin/reports/chapters/${chapters[0]!.slug}?year=${year}`, 303);
    const [r, grants, warnings, budgets, spent, set] = await Promise.all([
      networkReport(db, req.network, year),
      grantReports(db, req.network),
      moneyWarnings(db, req.network, year, t, locale),
      listBudgets(db, req.network, { year, chapterId: null }),
      spending(db, req.network.id, { from: `${year}-01-01`, to: `${year + 1}-01-01` }),
      defaultCategorySet(db, req.network),
    ]);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('reports.network', { year: String(year) })}>
        <h1>{t('reports.network', { year: String(year) })}</h1>
        <YearForm ctx={ctx} year={year} action="/admin/reports" />
        <section aria-labelledby="warnings">
          <h2 id="warnings">{t('reports.warnings')}</h2>
          {warnings.length ? (
            <ul>
              {warnings.map((w) => (
                <li>{w}</li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('reports.noWarnings')}</p>
          )}
        </section>
        <CountsTable ctx={ctx} head={t('reports.year')} rows={[{ label: String(year), ...r.totals }]} />
        <p>
          {t('reports.comeHome', {
            invited: r.comeHome.invited,
            registered: r.comeHome.registered,
            attended: r.comeHome.attended,
          })}
        </p>
        <h2>{t('reports.byMonth')}</h2>
        <BarChart
          id="attendance"
          title={t('reports.attendanceChart')}
          desc={t('reports.attendanceChartDesc', { year: String(year) })}
          labels={r.byMonth.map((m) => monthLabel(m.month, locale))}
          series={[{ key: 'attended', label: t('reports.attended') }]}
          values={r.byMonth.map((m) => ({ attended: m.attended }))}
        />
        <NewReturningChart
          ctx={ctx}
          id="newReturning"
          title={t('reports.newReturningChart')}
          desc={t('reports.newReturningChartDesc', { year: String(year) })}
          byMonth={r.byMonth}
        />
        <CountsTable
          ctx={ctx}
          head={t('reports.month')}
          rows={r.byMonth.map((m) => ({ label: monthLabel(m.month, locale), ...m }))}
        />
        <h2>{t('reports.byChapter')}</h2>
        <CountsTable
          ctx={ctx}
          head={t('reports.chapterCol')}
          rows={r.byChapter.map((c) => ({ ...c, label: c.name }))}
        />
        <ul>
          {r.byChapter.map((c) => (
            <li>
              <a href={`/admin/reports/chapters/${c.chapter}?year=${year}`}>{c.name}</a>
            </li>
          ))}
        </ul>
        <GrantsSection ctx={ctx} grants={grants} />
        <BudgetTable ctx={ctx} categories={set.categories} budget={budgets[0]} spent={spent} />
        <Definitions ctx={ctx} />
      </Layout>,
    );
  });

  app.get<{ Params: { slug: string } }>('/admin/reports/chapters/:slug', async (req, reply) => {
    authorize(req.user, true, 'see reports');
    const chapter = await findChapter(db, req.network, req.params.slug);
    authorize(
      req.user,
      reportPolicy.chapter(await moneyScope(db, req.network, req.user), chapter.id),
      `see the reports of ${chapter.name}`,
    );
    const year = yearOf(req);
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const r = await chapterReport(db, req.network, chapter.slug, year);
    const title = t('reports.chapter', { chapter: chapter.name, year: String(year) });
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <YearForm ctx={ctx} year={year} action={`/admin/reports/chapters/${chapter.slug}`} />
        <CountsTable ctx={ctx} head={t('reports.year')} rows={[{ label: String(year), ...r.totals }]} />
        <dl>
          <dt>{t('reports.activeMonths')}</dt>
          <dd>{r.activeMonths}</dd>
          <dt>{t('reports.daysToFirst')}</dt>
          <dd>{r.daysToFirstEvent ?? '—'}</dd>
          <dt>{t('reports.followersGained')}</dt>
          <dd>{r.followers.gained}</dd>
          <dt>{t('reports.followersLost')}</dt>
          <dd>{r.followers.lost ?? '—'}</dd>
          <dt>{t('reports.followersNet')}</dt>
          <dd>
            {r.followers.net === null ? '—' : r.followers.net > 0 ? `+${r.followers.net}` : String(r.followers.net)}
          </dd>
          <dt>{t('reports.followersTotal')}</dt>
          <dd>{r.followers.total}</dd>
        </dl>
        <p>
          {t('reports.comeHome', {
            invited: r.comeHome.invited,
            registered: r.comeHome.registered,
            attended: r.comeHome.attended,
          })}
        </p>
        <NewReturningChart
          ctx={ctx}
          id="attendance"
          title={t('reports.attendanceChart')}
          desc={t('reports.attendanceChartDesc', { year: String(year) })}
          byMonth={r.byMonth}
        />
        <CountsTable
          ctx={ctx}
          head={t('reports.month')}
          rows={r.byMonth.map((m) => ({ label: monthLabel(m.month, locale), ...m }))}
        />
        <h2>{t('reports.events')}</h2>
        <CountsTable
          ctx={ctx}
          head={t('reports.events')}
          rows={r.events.map((e) => ({
            ...e,
            label: (
              <>
                {`${formatDay(new Date(e.startsAt), locale)} · `}
                <Localized value={localized(e, 'title', locale)} t={t} />
              </>
            ),
          }))}
        />
        <Definitions ctx={ctx} />
      </Layout>,
    );
  });
}
