import { Field, type FormErrors, type FormValues, Section } from './forms.js';
import { CsrfField, type PageContext } from './page.js';

/**
 * The people who run a thing (a chapter's organisers, a venue's managers) on its edit page: the
 * list, or "nothing yet", and for those allowed the form that appoints one more by account e-mail.
 */
export function AssignmentBlock({
  ctx,
  title,
  people,
  addTitle,
  action,
  canAdd,
  form,
}: {
  ctx: PageContext;
  title: string;
  people: readonly { name: string; email: string }[];
  addTitle: string;
  /** Where the appointment form posts. */
  action: string;
  canAdd: boolean;
  form?: { values?: FormValues; errors?: FormErrors } | undefined;
}) {
  const { t } = ctx;
  return (
    <Section title={title}>
      {people.length ? (
        <ul>
          {people.map((p) => (
            <li>
              {p.name} <span class="muted">&lt;{p.email}&gt;</span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('admin.nothing')}</p>
      )}
      {canAdd ? (
        <form method="post" action={action} class="stack" novalidate>
          <h3>{addTitle}</h3>
          <CsrfField ctx={ctx} />
          <Field
            name="email"
            type="email"
            label={t('admin.accountEmail')}
            values={form?.values}
            errors={form?.errors}
            required
          />
          <div>
            <button type="submit">{t('form.add')}</button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}
