import type { PageContext } from '../web/page.js';

/** Links between the money pages. */
export function MoneyNav({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <nav aria-label={t('money.nav')}>
      <ul class="inline">
        <li>
          <a href="/admin/budgets">{t('budgets.title')}</a>
        </li>
        <li>
          <a href="/admin/budgets/actual">{t('budgets.actual')}</a>
        </li>
        <li>
          <a href="/admin/grants">{t('grants.title')}</a>
        </li>
        <li>
          <a href="/admin/category-sets">{t('categories.title')}</a>
        </li>
        <li>
          <a href="/admin/expenses">{t('expenses.title')}</a>
        </li>
        <li>
          <a href="/admin/reports">{t('reports.title')}</a>
        </li>
      </ul>
    </nav>
  );
}
