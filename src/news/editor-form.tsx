import { ErrorSummary, Field, type FormErrors, type FormValues, Select } from '../web/forms.js';
import { CsrfField, type PageContext } from '../web/page.js';
import type { ArticleView } from './schemas.js';
import { articleStatuses } from './tables.js';

/** The article editor's form (admin-pages.tsx serves it): new, edit, and the same after a refused save. */
export function ArticleForm({
  ctx,
  article,
  chapters,
  values,
  errors,
}: {
  ctx: PageContext;
  article?: ArticleView | undefined;
  chapters: { value: string; label: string }[];
  values: FormValues;
  errors?: FormErrors | undefined;
}) {
  const { t } = ctx;
  return (
    <>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form
        method="post"
        action={article ? `/admin/news/${article.id}` : '/admin/news'}
        enctype="multipart/form-data"
        class="stack"
        novalidate
      >
        <CsrfField ctx={ctx} />
        <Field name="title" label={t('news.admin.field.title')} values={values} errors={errors} required />
        <Field name="slug" label={t('news.admin.field.slug')} values={values} errors={errors} />
        <Field name="bodyMarkdown" label={t('news.admin.field.body')} values={values} errors={errors} multiline />
        <Field name="excerpt" label={t('news.admin.field.excerpt')} values={values} errors={errors} multiline />
        <Select
          name="language"
          label={t('news.admin.field.language')}
          values={values}
          errors={errors}
          options={[
            { value: 'fr', label: 'Français' },
            { value: 'nl', label: 'Nederlands' },
            { value: 'en', label: 'English' },
          ]}
        />
        <Select
          name="chapter"
          label={t('news.admin.field.chapter')}
          values={values}
          errors={errors}
          options={[{ value: '', label: t('news.admin.field.networkWide') }, ...chapters]}
        />
        <Field
          name="categories"
          label={t('news.admin.field.categories')}
          help={t('news.editor.termsHelp')}
          values={values}
          errors={errors}
        />
        <Field
          name="tags"
          label={t('news.admin.field.tags')}
          help={t('news.editor.termsHelp')}
          values={values}
          errors={errors}
        />
        <div>
          <input id="f-partner" type="checkbox" name="partner" checked={values.partner === 'on'} />{' '}
          <label htmlFor="f-partner">{t('news.admin.field.partner')}</label>
        </div>
        <Select
          name="status"
          label={t('news.admin.field.status')}
          values={values}
          errors={errors}
          options={articleStatuses.map((s) => ({ value: s, label: t(`news.status.${s}`) }))}
        />
        <Field
          name="publishAt"
          type="datetime-local"
          label={t('news.admin.field.publishAt')}
          values={values}
          errors={errors}
        />
        <CoverFields ctx={ctx} cover={article?.cover ?? null} values={values} errors={errors} />
        <div>
          <button type="submit">{t('news.admin.save')}</button>
        </div>
      </form>
    </>
  );
}

/** The cover: the one there is (to keep, replace or remove), a new file, and its description. */
function CoverFields({
  ctx,
  cover,
  values,
  errors,
}: {
  ctx: PageContext;
  cover: ArticleView['cover'];
  values: FormValues;
  errors?: FormErrors | undefined;
}) {
  const { t } = ctx;
  return (
    <fieldset>
      <legend>{t('news.editor.coverLegend')}</legend>
      {cover ? (
        <>
          <figure class="cover-current">
            <img src={cover.url} srcset={cover.srcset} sizes="16rem" width={256} alt={cover.alt} />
            <figcaption>{t('news.editor.currentCover')}</figcaption>
          </figure>
          <div>
            <input id="f-removeCover" type="checkbox" name="removeCover" checked={values.removeCover === 'on'} />{' '}
            <label htmlFor="f-removeCover">{t('news.editor.removeCover')}</label>
          </div>
        </>
      ) : (
        <p>{t('news.editor.noCover')}</p>
      )}
      <div>
        <label htmlFor="f-cover">{t('news.admin.field.cover')}</label>
        <input id="f-cover" name="cover" type="file" accept="image/jpeg,image/png,image/webp" />
        {errors?.cover ? <p class="field-error">{errors.cover}</p> : null}
      </div>
      <Field
        name="coverAlt"
        label={t('news.editor.coverAlt')}
        help={t('news.editor.coverAltHelp')}
        values={values}
        errors={errors}
      />
    </fieldset>
  );
}

/**
 * Pictures the article shows from other sites (which readers get as links: news/external-images.ts)
 * and an imported cover still on the old site: a form of its own, answered by news-import/media-pages.tsx.
 */
export function RemoteMediaAction({
  ctx,
  articleId,
  pictures,
  waitingCover,
}: {
  ctx: PageContext;
  articleId: string;
  pictures: number;
  waitingCover: string | null;
}) {
  const { t } = ctx;
  if (!pictures && !waitingCover) return null;
  return (
    <section aria-labelledby="remote-media">
      <h2 id="remote-media">{t('news.editor.remoteTitle')}</h2>
      {pictures ? <p>{t('news.editor.remoteIntro', { count: pictures })}</p> : null}
      {waitingCover ? <p>{t('news.editor.coverWaiting', { url: waitingCover })}</p> : null}
      <form method="post" action={`/admin/news/${articleId}/fetch-media`} novalidate>
        <CsrfField ctx={ctx} />
        <button type="submit">{t('news.editor.fetchMedia')}</button>
      </form>
    </section>
  );
}
