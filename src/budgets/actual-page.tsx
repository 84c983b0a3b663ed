import { formatDay } from '../events/format.js';
import { localizedText, type Multilingual } from '../web/content.js';
import { formatEur } from '../web/money.js';
import { Layout, type PageContext } from '../web/page.js';
import { MoneyNav } from './components.js';
import type { BudgetVsActual } from './service.js';
import type { MessageKey } from '../web/i18n/en.js';
import { TableWrap } from '../web/table-wrap.js';

const PLAN_COLUMNS = [
  'budgets.col.planned',
  'budgets.col.actual',
  'budgets.col.pending',
  'budgets.col.remaining',
] as const;
const GRANT_COLUMNS = ['budgets.col.granted', 'budgets.col.charged', 'budgets.col.remaining'] as const;

/** Budget vs actual on a date: a date and scope to choose, the definition, then tables by category, chapter, grant and event. */
export function ActualPage(props: {
  ctx: PageContext;
  f: BudgetVsActual;
  chapters: (Multilingual & { slug: string; name: string })[];
  all: boolean;
  chapter: string | undefined;
  /** The categories of the network's sets, by code: the table says their names, not their codes. */
  categories: Map<string, Record<'fr' | 'nl' | 'en', string>>;
}) {
  const { ctx, f } = props;
  const { t, locale } = ctx;
  const money_ = (c: number) => formatEur(c, locale);
  const title = t('budgets.actualOn', { date: formatDay(f.at, locale) });
  const figureCells = (x: {
    plannedCents: number;
    actualCents: number;
    pendingCents: number;
    remainingCents: number;
  }) => (
    <>
      <td class="num">{money_(x.plannedCents)}</td>
      <td class="num">{money_(x.actualCents)}</td>
      <td class="num">{money_(x.pendingCents)}</td>
      <td class="num">{money_(x.remainingCents)}</td>
    </>
  );
  // A table's header: the row label, then its amount columns (right-aligned like their cells).
  const head = (first: string, amounts: readonly MessageKey[] = PLAN_COLUMNS) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {amounts.map((key) => (
          <th scope="col" class="num">
            {t(key)}
          </th>
        ))}
      </tr>
    </thead>
  );
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <form method="get" action="/admin/budgets/actual" class="inline">
        <label htmlFor="f-at">{t('budgets.at')}</label> <input id="f-at" type="date" name="at" value={f.at} />{' '}
        <label htmlFor="f-chapter">{t('budgets.scope')}</label>{' '}
        <select id="f-chapter" name="chapter">
          {props.all ? <option value="">{t('budgets.network')}</option> : null}
          {props.chapters.map((c) => (
            <option value={c.slug} selected={c.slug === props.chapter}>
              {localizedText(c, 'name', locale)}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('budgets.show')}</button>
      </form>
      <p>{t('budgets.actualDefinition')}</p>
      <h2>{t('budgets.byCategory')}</h2>
      <TableWrap>
        <table id="by-category">
          {head(t('budgets.category'))}
          <tbody>
            {f.byCategory.map((c) => (
              <tr>
                <th scope="row">{props.categories.get(c.category)?.[locale] ?? c.category}</th>
                {figureCells(c)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('budgets.total')}</th>
              {figureCells(f.total)}
            </tr>
          </tfoot>
        </table>
      </TableWrap>
      {props.chapter ? null : (
        <>
          <h2>{t('budgets.byChapter')}</h2>
          <TableWrap>
            <table id="by-chapter">
              {head(t('budgets.scope'))}
              <tbody>
                {f.byChapter.map((c) => (
                  <tr>
                    <th scope="row">{c.name ?? t('budgets.network')}</th>
                    {figureCells(c)}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      <h2>{t('budgets.byGrant')}</h2>
      <TableWrap>
        <table id="by-grant">
          {head(t('budgets.grant'), GRANT_COLUMNS)}
          <tbody>
            {f.byGrant.map((g) => (
              <tr>
                <th scope="row">{`${g.funder} ${g.decisionRef}`.trim()}</th>
                <td class="num">{money_(g.grantedCents)}</td>
                <td class="num">{money_(g.chargedCents)}</td>
                <td class="num">{money_(g.remainingCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h2>{t('budgets.byEvent')}</h2>
      {f.byEvent.length ? (
        <TableWrap>
          <table id="by-event">
            <thead>
              <tr>
                <th scope="col">{t('budgets.col.event')}</th>
                <th scope="col">{t('budgets.col.date')}</th>
                <th scope="col" class="num">
                  {t('budgets.col.actual')}
                </th>
              </tr>
            </thead>
            <tbody>
              {f.byEvent.map((e) => (
                <tr>
                  <th scope="row">{e.title}</th>
                  <td>{formatDay(new Date(e.startsAt), locale)}</td>
                  <td class="num">{money_(e.actualCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p class="muted">{t('budgets.noEvents')}</p>
      )}
      <MoneyNav ctx={ctx} />
    </Layout>
  );
}
