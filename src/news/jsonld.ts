import type { ArticleView } from './schemas.js';

/**
 * schema.org for an article page: `NewsArticle` for the network's news, `BlogPosting` for the
 * blog archive it imported (categorised "Uncategorized" or coming from a WordPress post). Partner
 * content says so (`genre` and a `sponsor` note), as the page's visible label does.
 */
export function articleJsonLd(view: ArticleView, opts: { baseUrl: string; networkName: string }) {
  const url = `${opts.baseUrl}${view.url}`;
  const publisher = { '@type': 'Organization', name: opts.networkName, url: opts.baseUrl };
  return {
    '@context': 'https://schema.org',
    '@type': view.chapter || view.partner ? 'NewsArticle' : 'BlogPosting',
    headline: view.title.slice(0, 110),
    description: view.excerpt,
    inLanguage: view.language,
    url,
    mainEntityOfPage: url,
    ...(view.publishedAt ? { datePublished: view.publishedAt } : {}),
    dateModified: view.updatedAt,
    ...(view.cover ? { image: `${opts.baseUrl}${view.cover.url}` } : {}),
    author: view.authors.map((a) => ({
      '@type': 'Person',
      name: a.name,
      url: `${opts.baseUrl}/news/author/${a.slug}`,
    })),
    publisher,
    keywords: view.tags.map((t) => t.name).join(', ') || undefined,
    articleSection: view.categories.map((c) => c.name),
    ...(view.partner ? { genre: 'Partner content', sponsor: publisher } : {}),
    ...(view.translations.length
      ? {
          workTranslation: view.translations.map((t) => ({
            '@id': `${opts.baseUrl}/news/${t.slug}`,
            inLanguage: t.language,
          })),
        }
      : {}),
  };
}
