import { formatEur, formatRate } from '../web/money.js';
import type { PageContext } from '../web/page.js';
import type { grantReports } from './service.js';
import { Gauge } from './charts.js';
import { pct } from './report-blocks.js';
import { TableWrap } from '../web/table-wrap.js';

// The money side of the network's report: each grant against what may be claimed, and the budget against spending.

type GrantReport = Awaited<ReturnType<typeof grantReports>>[number];

export function GrantsSection({ ctx, grants }: { ctx: PageContext; grants: GrantReport[] }) {
  const { t, locale } = ctx;
  return (
    <>
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
    </>
  );
}

export function BudgetTable({
  ctx,
  categories,
  budget,
  spent,
}: {
  ctx: PageContext;
  categories: { code: string; en: string; fr: string; nl: string }[];
  budget: { lines: { kind: string; category: string | null; amountCents: number }[] } | undefined;
  spent: { category: string; cents: number }[];
}) {
  const { t, locale } = ctx;
  return (
    <>
      <h2>{t('reports.budget')}</h2>
      <TableWrap>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('reports.category')}</th>
              <th scope="col" class="num">
                {t('reports.planned')}
              </th>
              <th scope="col" class="num">
                {t('reports.actual')}
              </th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr>
                <th scope="row">{c[locale]}</th>
                <td class="num">
                  {formatEur(
                    budget?.lines
                      .filter((l) => l.kind === 'expense' && l.category === c.code)
                      .reduce((s, l) => s + l.amountCents, 0) ?? 0,
                    locale,
                  )}
                </td>
                <td class="num">{formatEur(spent.find((s) => s.category === c.code)?.cents ?? 0, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
