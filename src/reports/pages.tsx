import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatEur, formatRate } from '../web/money.js';
import { defaultCategorySet, listBudgets, moneyScope } from '../budgets/service.js';
import { findChapter, listChapters } from '../chapters/service.js';
import type { Db } from '../db/connection.js';
import { Layout, pageContext, type PageContext, sendPage } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { BarChart, Gauge } from './charts.js';
import { definitionKeys } from './messages.js';
import { reportPolicy } from './policy.js';
import { chapterReport, grantReports, networkReport, spending, type Counts } from './service.js';
import { moneyWarnings } from './warnings.js';

const right = 'text-align:right';
const yearOf = (req: FastifyRequest) => {
  const y = Number((req.query as { year?: string }).year);
  return Number.isInteger(y) && y >= 2000 && y <= 2100
    ? y
    : Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Brussels' }).slice(0, 4));
};

function Definitions({ ctx }: { ctx: PageContext }) {
  return (
    <details>
      <summary>{ctx.t('reports.definitions')}</summary>
      <ul>
        {definitionKeys.map((k) => (
          <li>{ctx.t(`figures.def.${k}`)}</li>
        ))}
      </ul>
    </details>
  );
}

const pct = (r: number | null, locale: string) => (r === null ? '—' : formatRate(Math.round(r * 10_000), locale));
const eur = (c: number | null, locale: string) => (c === null ? '—' : formatEur(c, locale));

/** A table of counts, one row per label: the chart's data beside it. */
function CountsTable({
  ctx,
  head,
  rows,
}: {
  ctx: PageContext;
  head: string;
  rows: (Counts & { label: string; uniqueAttendees?: number; newPeople?: number; returningPeople?: number })[];
}) {
  const { t, locale } = ctx;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            {(
              [
                'events',
                'registered',
                'attended',
                'noShowRate',
                'uniques',
                'new',
                'returning',
                'cost',
                'costPerAttendee',
              ] as const
            ).map((k) => (
              <th scope="col" style={right}>
                {t(`reports.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td style={right}>{r.events}</td>
              <td style={right}>{r.registered}</td>
              <td style={right}>{r.attended}</td>
              <td style={right}>{pct(r.noShowRate, locale)}</td>
              <td style={right}>{r.uniqueAttendees ?? '—'}</td>
              <td style={right}>{r.newPeople ?? '—'}</td>
              <td style={right}>{r.returningPeople ?? '—'}</td>
              <td style={right}>{eur(r.costCents, locale)}</td>
              <td style={right}>{eur(r.costPerAttendeeCents, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function YearForm({ ctx, year, action }: { ctx: PageContext; year: number; action: string }) {
  return (
    <form method="get" action={action} class="inline">
      <label htmlFor="f-year">{ctx.t('reports.year')}</label>{' '}
      <input id="f-year" name="year" type="number" min={2000} max={2100} value={String(year)} />{' '}
      <button type="submit">{ctx.t('reports.show')}</button>
    </form>
  );
}

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
    const monthLabel = (m: string) =>
      new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
    const budget = budgets[0];
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
          labels={r.byMonth.map((m) => monthLabel(m.month))}
          series={[{ key: 'attended', label: t('reports.attended') }]}
          values={r.byMonth.map((m) => ({ attended: m.attended }))}
        />
        <BarChart
          id="newReturning"
          title={t('reports.newReturningChart')}
          desc={t('reports.newReturningChartDesc', { year: String(year) })}
          labels={r.byMonth.map((m) => monthLabel(m.month))}
          series={[
            { key: 'new', label: t('reports.new') },
            { key: 'returning', label: t('reports.returning') },
          ]}
          values={r.byMonth.map((m) => ({ new: m.newPeople, returning: m.returningPeople }))}
        />
        <CountsTable
          ctx={ctx}
          head={t('reports.month')}
          rows={r.byMonth.map((m) => ({ label: monthLabel(m.month), ...m }))}
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
        <h2>{t('reports.grants')}</h2>
        {grants.map(({ grant: g, figures: f }) => (
          <section aria-labelledby={`g-${g.id}`}>
            <h3 id={`g-${g.id}`}>{`${g.funder} ${g.decisionRef}`}</h3>
            <Gauge
              id={`gauge-${g.id}`}
              title={t('reports.grantChart', { funder: g.funder })}
              desc={t('reports.grantChartDesc')}
              value={f.claimableCents}
              max={g.amountGrantedCents}
              label={`${formatEur(f.claimableCents, locale)} / ${formatEur(g.amountGrantedCents, locale)}`}
            />
            <dl>
              <dt>{t('reports.granted')}</dt>
              <dd>{formatEur(g.amountGrantedCents, locale)}</dd>
              <dt>{t('reports.rate')}</dt>
              <dd>{formatRate(g.rateBp, locale)}</dd>
              <dt>{t('reports.eligible')}</dt>
              <dd>{formatEur(f.totalEligibleCents, locale)}</dd>
              <dt>{t('reports.charged')}</dt>
              <dd>{formatEur(f.chargedCents, locale)}</dd>
              <dt>{t('reports.claimable')}</dt>
              <dd>{formatEur(f.claimableCents, locale)}</dd>
              <dt>{t('reports.coverage')}</dt>
              <dd>{pct(f.coverage, locale)}</dd>
              <dt>{t('reports.deadline')}</dt>
              <dd>{g.justificationDeadline ?? '—'}</dd>
            </dl>
            <p>
              {t('reports.pack')}:{' '}
              {(['xlsx', 'pdf', 'csv', 'json'] as const).map((f) => (
                <>
                  <a href={`/admin/grants/${g.id}/pack.${f}`}>{f.toUpperCase()}</a>{' '}
                </>
              ))}
            </p>
          </section>
        ))}
        <h2>{t('reports.budget')}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('reports.category')}</th>
                <th scope="col" style={right}>
                  {t('reports.planned')}
                </th>
                <th scope="col" style={right}>
                  {t('reports.actual')}
                </th>
              </tr>
            </thead>
            <tbody>
              {set.categories.map((c) => (
                <tr>
                  <th scope="row">{c[locale]}</th>
                  <td style={right}>
                    {formatEur(
                      budget?.lines
                        .filter((l) => l.kind === 'expense' && l.category === c.code)
                        .reduce((s, l) => s + l.amountCents, 0) ?? 0,
                      locale,
                    )}
                  </td>
                  <td style={right}>{formatEur(spent.find((s) => s.category === c.code)?.cents ?? 0, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
    const monthLabel = (m: string) =>
      new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));
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
        <BarChart
          id="attendance"
          title={t('reports.attendanceChart')}
          desc={t('reports.attendanceChartDesc', { year: String(year) })}
          labels={r.byMonth.map((m) => monthLabel(m.month))}
          series={[
            { key: 'new', label: t('reports.new') },
            { key: 'returning', label: t('reports.returning') },
          ]}
          values={r.byMonth.map((m) => ({ new: m.newPeople, returning: m.returningPeople }))}
        />
        <CountsTable
          ctx={ctx}
          head={t('reports.month')}
          rows={r.byMonth.map((m) => ({ label: monthLabel(m.month), ...m }))}
        />
        <h2>{t('reports.events')}</h2>
        <CountsTable
          ctx={ctx}
          head={t('reports.events')}
          rows={r.events.map((e) => ({ ...e, label: `${e.startsAt.slice(0, 10)} · ${e.title}` }))}
        />
        <Definitions ctx={ctx} />
      </Layout>,
    );
  });
}
