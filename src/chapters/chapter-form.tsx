// The chapter form shared by the new-chapter and edit pages, and the new-chapter page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorSummary, Field, Select, type FormErrors, type FormValues } from '../web/forms.js';
import { LanguageFields } from '../web/language-fields.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';

/** A chapter's texts written in several languages. */
export const CHAPTER_TEXTS = ['name', 'description'] as const;

export const statusOptions = (ctx: PageContext) =>
  (['planned', 'active', 'paused'] as const).map((s) => ({ value: s, label: ctx.t(`status.${s}`) }));

export function ChapterFields({
  ctx,
  values,
  errors,
  withAdminFields,
}: {
  ctx: PageContext;
  values?: FormValues;
  errors?: FormErrors;
  withAdminFields: boolean;
}) {
  const { t } = ctx;
  return (
    <>
      <LanguageFields
        ctx={ctx}
        values={values}
        errors={errors}
        fields={[
          { name: 'name', label: t('field.name'), required: true },
          { name: 'description', label: t('field.description'), multiline: true },
        ]}
      />
      {withAdminFields ? (
        <Field
          name="slug"
          label={`${t('field.slug')} (${t('form.optional')})`}
          help={t('field.slugHelp')}
          values={values}
          errors={errors}
        />
      ) : null}
      <Field name="city" label={t('field.city')} values={values} errors={errors} required />
      <Field name="region" label={t('field.region')} values={values} errors={errors} />
      {withAdminFields ? (
        <Select name="status" label={t('field.status')} values={values} errors={errors} options={statusOptions(ctx)} />
      ) : null}
    </>
  );
}

export function newChapterPage(
  req: FastifyRequest,
  reply: FastifyReply,
  form?: { values: FormValues; errors: FormErrors },
) {
  const ctx = pageContext(req, reply);
  return sendPage(
    reply,
    <Layout ctx={ctx} title={ctx.t('admin.newChapter')}>
      <h1>{ctx.t('admin.newChapter')}</h1>
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <form method="post" action="/admin/chapters" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <ChapterFields
          ctx={ctx}
          values={form?.values ?? { status: 'planned', language: ctx.locale }}
          errors={form?.errors}
          withAdminFields
        />
        <div>
          <button type="submit">{ctx.t('form.create')}</button>
        </div>
      </form>
    </Layout>,
    form ? 400 : 200,
  );
}
