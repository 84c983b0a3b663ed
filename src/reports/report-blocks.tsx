import type { FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { formatEur, formatRate } from '../web/money.js';
import type { PageContext } from '../web/page.js';
import { BarChart } from './charts.js';
import { definitionKeys } from './messages.js';
import type { Counts } from './service.js';
import { TableWrap } from '../web/table-wrap.js';
import { formatMonth, isoDay } from '../events/format.js';
import type { Locale } from '../web/i18n.js';

// The pieces both report pages are made of: the year picker, the counts table, the definitions and the charts.

export const yearOf = (req: FastifyRequest) => {
  const y = Number((req.query as { year?: string }).year);
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : Number(isoDay(new Date()).slice(0, 4));
};

export function Definitions({ ctx }: { ctx: PageContext }) {
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

export const pct = (r: number | null, locale: string) =>
  r === null ? '—' : formatRate(Math.round(r * 10_000), locale);
const eur = (c: number | null, locale: string) => (c === null ? '—' : formatEur(c, locale));

/** A table of counts, one row per label: the chart's data beside it. */
export function CountsTable({
  ctx,
  head,
  rows,
}: {
  ctx: PageContext;
  head: string;
  rows: (Counts & {
    label: ComponentChildren;
    uniqueAttendees?: number;
    newPeople?: number;
    returningPeople?: number;
  })[];
}) {
  const { t, locale } = ctx;
  return (
    <TableWrap>
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
              <th scope="col" class="num">
                {t(`reports.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td class="num">{r.events}</td>
              <td class="num">{r.registered}</td>
              <td class="num">{r.attended}</td>
              <td class="num">{pct(r.noShowRate, locale)}</td>
              <td class="num">{r.uniqueAttendees ?? '—'}</td>
              <td class="num">{r.newPeople ?? '—'}</td>
              <td class="num">{r.returningPeople ?? '—'}</td>
              <td class="num">{eur(r.costCents, locale)}</td>
              <td class="num">{eur(r.costPerAttendeeCents, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function YearForm({ ctx, year, action }: { ctx: PageContext; year: number; action: string }) {
  return (
    <form method="get" action={action} class="inline">
      <label htmlFor="f-year">{ctx.t('reports.year')}</label>{' '}
      <input id="f-year" name="year" type="number" min={2000} max={2100} value={String(year)} />{' '}
      <button type="submit">{ctx.t('reports.show')}</button>
    </form>
  );
}

/** A month ("2026-03") as its short name in the page's language. */
export const monthLabel = (month: string, locale: Locale) => formatMonth(month, locale);

/** The chart of new and returning people month by month, shared by the network's and a chapter's report. */
export function NewReturningChart({
  ctx,
  id,
  title,
  desc,
  byMonth,
}: {
  ctx: PageContext;
  id: string;
  title: string;
  desc: string;
  byMonth: { month: string; newPeople: number; returningPeople: number }[];
}) {
  const { t, locale } = ctx;
  return (
    <BarChart
      id={id}
      title={title}
      desc={desc}
      labels={byMonth.map((m) => monthLabel(m.month, locale))}
      series={[
        { key: 'new', label: t('reports.new') },
        { key: 'returning', label: t('reports.returning') },
      ]}
      values={byMonth.map((m) => ({ new: m.newPeople, returning: m.returningPeople }))}
    />
  );
}
