import { chapterJsonLd, FeedAlternates, PlaceHead } from '../feeds/components.js';
import { type CoverRef, coverView } from '../storage/service.js';
import type { FormErrors, FormValues } from '../web/forms.js';
import { CsrfField, type PageContext } from '../web/page.js';

// Pieces of chapters' pages that other features' pages embed (the network's home page).

/** "Tell me when this chapter starts": name and e-mail of someone interested in a chapter. */
export function InterestForm({
  ctx,
  chapter,
  values,
  errors,
}: {
  ctx: PageContext;
  chapter: { slug: string; name: string };
  values?: FormValues;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  const prefix = `interest-${chapter.slug}`;
  return (
    // Named after its chapter: the home page has one such form per planned chapter, each a distinct landmark.
    <form
      method="post"
      action={`/chapters/${chapter.slug}/interest`}
      class="stack"
      aria-label={`${t('interest.title')} — ${chapter.name}`}
      novalidate
    >
      <h4 id={`${prefix}-title`}>{t('interest.title')}</h4>
      <CsrfField ctx={ctx} />
      <div>
        <label htmlFor={`${prefix}-name`}>{t('interest.name')}</label>
        <input
          type="text"
          id={`${prefix}-name`}
          name="name"
          required
          autoComplete="name"
          value={values?.name ?? ''}
          aria-invalid={errors?.name ? 'true' : undefined}
        />
        {errors?.name ? <p class="field-error">{errors.name}</p> : null}
      </div>
      <div>
        <label htmlFor={`${prefix}-email`}>{t('interest.email')}</label>
        <input
          id={`${prefix}-email`}
          name="email"
          type="email"
          required
          autoComplete="email"
          value={values?.email ?? ''}
          aria-invalid={errors?.email ? 'true' : undefined}
        />
        {errors?.email ? <p class="field-error">{errors.email}</p> : null}
      </div>
      <div>
        <button type="submit">{t('interest.submit')}</button>
      </div>
    </form>
  );
}

/** A chapter page's <head>: its feeds, link previews and schema.org Organization, with its cover. */
export function ChapterHead({
  ctx,
  baseUrl,
  chapter,
  name,
  about,
}: {
  ctx: PageContext;
  baseUrl: string;
  chapter: { slug: string; name: string; city: string; cover: CoverRef | null };
  name: string;
  about: string;
}) {
  return (
    <>
      <FeedAlternates ctx={ctx} chapter={{ slug: chapter.slug, name }} />
      <PlaceHead
        ctx={ctx}
        baseUrl={baseUrl}
        path={`/chapters/${chapter.slug}`}
        name={name}
        description={about}
        cover={coverView(chapter.cover)}
        document={chapterJsonLd(
          { slug: chapter.slug, name, description: about, city: chapter.city },
          { baseUrl, networkName: ctx.network.name, locale: ctx.locale },
        )}
      />
    </>
  );
}
