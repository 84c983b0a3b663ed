import type { Tx } from '../db/connection.js';
import { imageUrl, srcsetOf } from '../storage/service.js';
import { localized } from '../web/content.js';
import type { Locale } from '../web/i18n.js';
import { articleAncestors } from './archive.js';
import * as q from './queries.js';
import type { ArticleView } from './schemas.js';

/** `/news/slug`, or `/news/parent/child` for a page under pages (WordPress's post parents). */
export const articlePath = (a: { slug: string }, parents: { slug: string }[] = []) =>
  `/news/${[...parents, a].map((p) => encodeURIComponent(p.slug)).join('/')}`;

/**
 * Rows → what the API and the pages show, with their bylines, terms, chapter, cover and translations.
 * `locale`: a page's language, which names the chapter (its original name otherwise, as the API gives it).
 */
export async function presentArticles(
  db: Tx,
  networkId: string,
  rows: q.ArticleRow[],
  locale?: Locale,
): Promise<ArticleView[]> {
  const rel = await q.selectRelations(db, networkId, rows);
  const withParent = rows.filter((r) => r.parentId).map((r) => r.id);
  const ancestors = withParent.length ? await articleAncestors(db, networkId, withParent) : new Map();
  const chapters = new Map(rel.chapters.map((c) => [c.id, c]));
  const covers = new Map(rel.covers.map((c) => [c.id, c]));
  return rows.map((a) => {
    const cover = a.coverUploadId ? covers.get(a.coverUploadId) : undefined;
    const chapter = a.chapterId ? chapters.get(a.chapterId) : undefined;
    const parents: ArticleView['parents'] = [];
    for (const p of ancestors.get(a.id) ?? [])
      parents.push({ slug: p.slug, title: p.title, url: articlePath(p, parents) });
    return {
      id: a.id,
      slug: a.slug,
      url: articlePath(a, parents),
      title: a.title,
      parents,
      language: a.language as ArticleView['language'],
      translations: rel.translations
        .filter((t) => t.group === a.translationGroup && t.id !== a.id && t.status === 'published')
        .map((t) => ({ id: t.id, language: t.language as ArticleView['language'], slug: t.slug })),
      bodyMarkdown: a.bodyMarkdown,
      bodyHtml: a.bodyHtml,
      excerpt: a.excerpt,
      cover: cover ? { id: cover.id, url: imageUrl(cover, 1280), srcset: srcsetOf(cover), alt: a.coverAlt } : null,
      coverAlt: a.coverAlt,
      chapter: chapter ? chapterName(chapter, locale) : null,
      authors: rel.authors.filter((x) => x.articleId === a.id).map(({ slug, name }) => ({ slug, name })),
      categories: rel.categories
        .filter((x) => x.articleId === a.id)
        .map(({ slug, name, path }) => ({ slug, name, path })),
      tags: rel.tags.filter((x) => x.articleId === a.id).map(({ slug, name }) => ({ slug, name })),
      partner: a.partner,
      status: a.status,
      publishAt: a.publishAt?.toISOString() ?? null,
      publishedAt: a.publishedAt?.toISOString() ?? null,
      revision: a.revision,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
    };
  });
}

function chapterName(
  chapter: {
    slug: string;
    name: string;
    language: string;
    translations: Parameters<typeof localized>[0]['translations'];
  },
  locale: Locale | undefined,
) {
  const name = locale ? localized(chapter, 'name', locale) : { text: chapter.name, lang: chapter.language };
  return { slug: chapter.slug, name: name.text, lang: name.lang as Locale };
}
