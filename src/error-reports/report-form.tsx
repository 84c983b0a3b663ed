import { type FormErrors, type FormValues, fieldId } from '../web/forms.js';
import { CsrfField, type pageContext } from '../web/page.js';

/** The report-an-error form, shared by the article and event pages (pages.tsx). */
export function ReportForm({
  ctx,
  values,
  errors,
  action,
}: {
  ctx: ReturnType<typeof pageContext>;
  values: FormValues;
  errors?: FormErrors;
  action: string;
}) {
  const { t } = ctx;
  // Ids are the house's `f-<field>`, which the error summary links to and names by the label.
  const id = fieldId;
  const err = (k: string) =>
    errors?.[k] ? (
      <p class="field-error" id={`${id(k)}-error`}>
        {errors[k]}
      </p>
    ) : null;
  const invalid = (k: string) =>
    errors?.[k] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id(k)}-error` } : {};
  return (
    <form method="post" action={action} class="stack" novalidate>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="revision" value={values.revision ?? ''} />
      <fieldset id={id('kind')}>
        <legend>{t('report.kind')}</legend>
        {(['error', 'information', 'illegal'] as const).map((k) => (
          <div>
            <input
              type="radio"
              id={`${id('kind')}-${k}`}
              name="kind"
              value={k}
              checked={(values.kind || 'error') === k}
            />{' '}
            <label htmlFor={`${id('kind')}-${k}`}>{t(`report.kind.${k}`)}</label>
          </div>
        ))}
      </fieldset>
      <p class="help">{t('report.illegalHelp')}</p>
      <div>
        <label htmlFor={id('quote')}>{t('report.quote')}</label>
        <textarea id={id('quote')} name="quote" maxLength={1000} {...invalid('quote')}>
          {values.quote ?? ''}
        </textarea>
        {err('quote')}
      </div>
      <div>
        <label htmlFor={id('message')}>{t('report.message')}</label>
        <textarea id={id('message')} name="message" required maxLength={4000} {...invalid('message')}>
          {values.message ?? ''}
        </textarea>
        {err('message')}
      </div>
      <div>
        <label htmlFor={id('name')}>{t('report.name')}</label>
        <input
          type="text"
          id={id('name')}
          name="name"
          autoComplete="name"
          value={values.name ?? ''}
          maxLength={120}
          {...invalid('name')}
        />
        {err('name')}
      </div>
      <div>
        <label htmlFor={id('email')}>{t('report.email')}</label>
        <input
          id={id('email')}
          name="email"
          type="email"
          autoComplete="email"
          value={values.email ?? ''}
          maxLength={200}
          {...invalid('email')}
        />
        {err('email')}
      </div>
      <div>
        <input
          type="checkbox"
          id={id('goodFaith')}
          name="goodFaith"
          checked={values.goodFaith === 'on'}
          {...invalid('goodFaith')}
        />{' '}
        <label htmlFor={id('goodFaith')}>{t('report.goodFaith')}</label>
        {err('goodFaith')}
      </div>
      <div class="hp" aria-hidden="true">
        <label htmlFor={id('website')}>{t('report.honeypot')}</label>
        <input type="text" id={id('website')} name="website" tabIndex={-1} autoComplete="off" />
      </div>
      <div>
        <button type="submit">{t('report.send')}</button>
      </div>
    </form>
  );
}
