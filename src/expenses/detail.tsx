import { formatEur } from '../web/money.js';
import { ErrorSummary, Field, type FormErrors, Select } from '../web/forms.js';
import { CsrfField, Layout, type PageContext } from '../web/page.js';
import { vatIncluded } from './present.js';
import type { ExpenseView } from './service.js';
import type { ExpenseNames } from './names.js';
import { formatDay } from '../events/format.js';

/** One expense: its facts, allocation, warnings, receipts (each a download link) and the next step. */
export function Detail(props: {
  ctx: PageContext;
  e: ExpenseView;
  names: ExpenseNames;
  canEdit: boolean;
  canDecide: boolean;
  canAdd: boolean;
  errors: FormErrors | undefined;
}) {
  const { ctx, e, errors } = props;
  const { t, locale } = ctx;
  const base = `/admin/expenses/${e.id}`;
  return (
    <Layout ctx={ctx} title={`${e.supplierName} · ${formatEur(e.amountCents, locale)}`}>
      <h1>{`${e.supplierName} · ${formatEur(e.amountCents, locale)}`}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <dl>
        <dt>{t('expenses.status')}</dt>
        <dd>{t(`expenses.status.${e.status}`)}</dd>
        {e.statusReason ? (
          <>
            <dt>{t('expenses.statusReason')}</dt>
            <dd>{e.statusReason}</dd>
          </>
        ) : null}
        <dt>{t('expenses.date')}</dt>
        <dd>{formatDay(e.incurredOn, locale)}</dd>
        <dt>{t('expenses.chapter')}</dt>
        <dd>{e.chapterSlug ? props.names.chapter(e.chapterSlug) : t('expenses.network')}</dd>
        <dt>{t('expenses.vatRate')}</dt>
        <dd>{`${e.vatRate} % (${formatEur(vatIncluded(e.amountCents, e.vatRate), locale)})`}</dd>
        <dt>{t('expenses.category')}</dt>
        <dd>{props.names.category(e.category)}</dd>
        <dt>{t('expenses.paidBy')}</dt>
        <dd>{t(`expenses.paidBy.${e.paidBy}`)}</dd>
        <dt>{t('expenses.description')}</dt>
        <dd>{e.description || '—'}</dd>
        <dt>{t('expenses.allocation')}</dt>
        <dd>
          {[
            ...e.events.map(
              (s) => `${t('expenses.event')} ${s.eventId.slice(0, 8)}: ${formatEur(s.amountCents, locale)}`,
            ),
            ...e.grants.map(
              (s) => `${t('expenses.grant')} ${s.grantId.slice(0, 8)}: ${formatEur(s.amountCents, locale)}`,
            ),
          ].join(' · ') || '—'}
        </dd>
      </dl>
      {e.warnings.length ? (
        <section aria-labelledby="warnings">
          <h2 id="warnings">{t('expenses.warnings')}</h2>
          <ul>
            {e.warnings.map((w) => (
              <li>{t(w.message.key, w.message.params)}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="receipts">
        <h2 id="receipts">{t('expenses.receipts')}</h2>
        {e.receipts.length ? (
          <ul>
            {e.receipts.map((r) => (
              <li>
                <a href={`${base}/receipts/${r.id}`} download={r.name}>
                  {r.name}
                </a>
                {` · ${r.contentType} · SHA-256 `}
                <code class="hash">{r.sha256}</code>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t('expenses.noReceipt')}</p>
        )}
        {props.canAdd ? (
          <form method="post" action={`${base}/receipts`} enctype="multipart/form-data" class="stack" novalidate>
            <CsrfField ctx={ctx} />
            <label htmlFor="f-file">{t('expenses.addReceipt')}</label>
            <input id="f-file" type="file" name="file" accept="application/pdf,image/jpeg,image/png" required />
            <div>
              <button type="submit">{t('expenses.upload')}</button>
            </div>
          </form>
        ) : null}
      </section>
      {props.canEdit ? (
        <form method="post" action={`${base}/submit`} novalidate>
          <CsrfField ctx={ctx} />
          <button type="submit">{t('expenses.submit')}</button>
        </form>
      ) : null}
      {props.canDecide && e.status === 'submitted' ? (
        <>
          <form method="post" action={`${base}/approve`} novalidate>
            <CsrfField ctx={ctx} />
            <button type="submit">{t('expenses.approve')}</button>
          </form>
          <form method="post" action={`${base}/reject`} class="stack" novalidate>
            <CsrfField ctx={ctx} />
            <Field name="reason" label={t('expenses.reason')} required />
            <Select
              name="outcome"
              label={t('expenses.status')}
              options={[
                { value: 'incomplete', label: t('expenses.sendBack') },
                { value: 'rejected', label: t('expenses.reject') },
              ]}
            />
            <button type="submit">{t('expenses.reject')}</button>
          </form>
        </>
      ) : null}
      {props.canDecide && e.status === 'approved' ? (
        <form method="post" action={`${base}/pay`} novalidate>
          <CsrfField ctx={ctx} />
          <button type="submit">{t('expenses.pay')}</button>
        </form>
      ) : null}
      <p>
        <a href="/admin/expenses">{t('expenses.title')}</a>
      </p>
    </Layout>
  );
}
