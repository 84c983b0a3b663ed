import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findChapter } from '../chapters/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { scriptSafeJson } from '../feeds/service.js';
import { notFound } from '../web/errors.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { articleJsonLd } from './jsonld.js';
import * as news from './service.js';
import { Byline, formatDay } from './components.js';
import { listPage } from './list-page.js';
import { Breadcrumb, CommentArchive, SubPages } from './archive-view.js';
import { corrections } from '../error-reports/service.js';
import { msg, translator } from '../web/i18n.js';
import { linkRemotePictures } from './external-images.js';
import { localizedText } from '../web/content.js';
import { slugify } from '../web/slug.js';

async function articlePage(
  db: Db,
  config: Config,
  req: FastifyRequest,
  reply: FastifyReply,
  slug: string,
  /** The nested address asked for (`/news/parent/child`); undefined for `/news/slug`. */
  nested?: string,
) {
  const row = await news.readableArticle(db, req.network, req.user, slug);
  const [view] = await news.presentArticles(db, req.network.id, [row], req.locale);
  // A page under pages lives at its nested URL: the flat one leads there, a wrong nesting is not it.
  if (nested === undefined && view!.parents.length) return reply.redirect(view!.url, 301);
  if (nested !== undefined && nested !== view!.url) throw notFound(msg('news.problem.article'));
  const children = await news.childPages(db, req.network.id, row.id);
  const threads = await news.commentThreads(db, req.network.id, row.id);
  // The language switch opens the article's translation when there is one, not the same article in other menus.
  const ctx = {
    ...pageContext(req, reply),
    translatedPaths: Object.fromEntries(view!.translations.map((tr) => [tr.language, `/news/${tr.slug}`])),
  };
  const { t } = ctx;
  const url = `${config.baseUrl}${view!.url}`;
  const notes = (await corrections(db, row.id)).filter((c) => c.text && c.date) as { text: string; date: Date }[];
  const image = view!.cover ? `${config.baseUrl}${view!.cover.url}` : undefined;
  // Pictures on other sites, which the pages' CSP refuses, become links to them, in the article's language.
  const words = translator(view!.language);
  const body = linkRemotePictures(view!.bodyHtml, [config.baseUrl, `${req.protocol}://${req.host}`], (host, alt) =>
    alt ? words('news.remotePictureAlt', { host, alt }) : words('news.remotePicture', { host }),
  );
  return sendPage(
    reply,
    <Layout
      ctx={ctx}
      title={view!.title}
      // The article names its own translations below; the same page with other menus is not one.
      alternates={false}
      head={
        <>
          <link rel="canonical" href={url} />
          <link rel="alternate" hrefLang={view!.language} href={url} />
          {view!.translations.map((tr) => (
            <link rel="alternate" hrefLang={tr.language} href={`${config.baseUrl}/news/${tr.slug}`} />
          ))}
          {row.status === 'unlisted' || row.status !== 'published' ? <meta name="robots" content="noindex" /> : null}
          <meta name="description" content={view!.excerpt} />
          <meta property="og:type" content="article" />
          <meta property="og:site_name" content={req.network.name} />
          <meta property="og:title" content={view!.title} />
          <meta property="og:description" content={view!.excerpt} />
          <meta property="og:url" content={url} />
          <meta property="og:locale" content={{ fr: 'fr_BE', nl: 'nl_BE', en: 'en_GB' }[view!.language]} />
          {image ? <meta property="og:image" content={image} /> : null}
          {image && view!.cover?.alt ? <meta property="og:image:alt" content={view!.cover.alt} /> : null}
          {view!.publishedAt ? <meta property="article:published_time" content={view!.publishedAt} /> : null}
          <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />
          <meta name="twitter:title" content={view!.title} />
          <meta name="twitter:description" content={view!.excerpt} />
          <script
            type="application/ld+json"
            dangerouslySetInnerHTML={{
              __html: scriptSafeJson({
                ...articleJsonLd(view!, { baseUrl: config.baseUrl, networkName: req.network.name }),
                ...(notes.length
                  ? {
                      correction: notes.map((n) => ({
                        '@type': 'CorrectionComment',
                        text: n.text,
                        datePublished: n.date.toISOString(),
                      })),
                    }
                  : {}),
              }),
            }}
          />
        </>
      }
    >
      <Breadcrumb ctx={ctx} view={view!} />
      <article lang={view!.language} class="article">
        <h1>{view!.title}</h1>
        {row.status !== 'published' ? <p class="badge">{t(`news.status.${row.status}`)}</p> : null}
        <Byline ctx={ctx} view={view!} />
        {view!.cover ? (
          <img
            src={view!.cover.url}
            srcset={view!.cover.srcset}
            sizes="(max-width: 800px) 100vw, 800px"
            alt={view!.cover.alt}
          />
        ) : null}
        <div class="prose" data-report-body="1" dangerouslySetInnerHTML={{ __html: body }} />
        <SubPages ctx={ctx} view={view!} pages={children} />
        {notes.length ? (
          <section aria-labelledby="corrections" class="corrections">
            <h2 id="corrections">{t('report.corrections')}</h2>
            <ul>
              {notes.map((n) => (
                <li>
                  <strong>{t('report.correctedOn', { date: formatDay(n.date.toISOString(), ctx.locale) })}</strong> —{' '}
                  {n.text}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <p class="report">
          <a href={`/news/${view!.slug}/report`} data-report="1">
            {t('report.link')}
          </a>{' '}
          <span class="muted">{t('report.hint')}</span>{' '}
          <a href={`/news/${view!.slug}/report`} class="report-quote button" data-report-quote="1" hidden>
            {t('report.quoteSelection')}
          </a>
        </p>
        <script src="/assets/report-error.js" defer />
        <footer>
          {view!.categories.length ? (
            <p>
              {t('news.categories')}{' '}
              {view!.categories.map((c, i) => (
                <>
                  {i ? ', ' : ''}
                  <a href={`/news/category/${c.path}`}>{c.name}</a>
                </>
              ))}
            </p>
          ) : null}
          {view!.tags.length ? (
            <p>
              {t('news.tags')}{' '}
              {view!.tags.map((tag, i) => (
                <>
                  {i ? ', ' : ''}
                  <a href={`/news/tag/${tag.slug}`} rel="tag">
                    {tag.name}
                  </a>
                </>
              ))}
            </p>
          ) : null}
          {view!.translations.length ? (
            <p>
              {t('news.translations')}{' '}
              {view!.translations.map((tr, i) => (
                <>
                  {i ? ', ' : ''}
                  <a href={`/news/${tr.slug}`} hrefLang={tr.language} lang={tr.language}>
                    {{ fr: 'Français', nl: 'Nederlands', en: 'English' }[tr.language]}
                  </a>
                </>
              ))}
            </p>
          ) : null}
        </footer>
        <CommentArchive ctx={ctx} threads={threads} />
      </article>
    </Layout>,
  );
}

export function newsPages(app: FastifyInstance, db: Db, config: Config): void {
  /** `/news/tag/Été` is `/news/tag/ete`: a term typed with accents or capitals leads to its slug, once. */
  const toSlug = async (reply: FastifyReply, prefix: string, slug: string, kind: 'tag' | 'category') => {
    const query = reply.request.url.includes('?') ? reply.request.url.slice(reply.request.url.indexOf('?')) : '';
    const known =
      kind === 'tag'
        ? (await news.findTag(db, reply.request.network, slug))?.slug
        : (await news.findCategory(db, reply.request.network, slug))?.path;
    if (!known || reply.request.url.split('?')[0] === `${prefix}${known}`)
      throw notFound(msg(kind === 'tag' ? 'news.problem.tag' : 'news.problem.category'));
    return reply.redirect(`${prefix}${known}${query}`, 301);
  };

  app.get('/news', (req, reply) => {
    const q = (req.query as { q?: unknown }).q;
    const search = typeof q === 'string' && q.trim() ? q.trim().slice(0, 200) : undefined;
    const t = pageContext(req, reply).t;
    return listPage(db, config, req, reply, {
      title: search ? t('news.searchTitle', { q: search }) : t('news.title'),
      filter: search ? { q: search } : {},
      path: '/news',
    });
  });
  app.get<{ Params: { slug: string } }>('/chapters/:slug/news', async (req, reply) => {
    const chapter = await findChapter(db, req.network, req.params.slug);
    const name = localizedText(chapter, 'name', req.locale);
    return listPage(db, config, req, reply, {
      title: pageContext(req, reply).t('news.chapterTitle', { name }),
      filter: { chapter: chapter.slug },
      path: `/chapters/${chapter.slug}/news`,
    });
  });
  app.get<{ Params: { '*': string } }>('/news/category/*', async (req, reply) => {
    const path = req.params['*'].replace(/^\/+|\/+$/g, '');
    const category = await news.findCategory(db, req.network, path);
    if (!category) return toSlug(reply, '/news/category/', path.split('/').map(slugify).join('/'), 'category');
    return listPage(db, config, req, reply, {
      title: pageContext(req, reply).t('news.categoryTitle', { name: category.name }),
      filter: { category: category.path },
      path: `/news/category/${category.path}`,
    });
  });
  app.get<{ Params: { slug: string } }>('/news/tag/:slug', async (req, reply) => {
    const tag = await news.findTag(db, req.network, req.params.slug);
    if (!tag) return toSlug(reply, '/news/tag/', slugify(req.params.slug), 'tag');
    return listPage(db, config, req, reply, {
      title: pageContext(req, reply).t('news.tagTitle', { name: tag.name }),
      filter: { tag: tag.slug },
      path: `/news/tag/${tag.slug}`,
    });
  });
  app.get<{ Params: { slug: string } }>('/news/author/:slug', async (req, reply) => {
    const author = await news.findAuthor(db, req.network, req.params.slug);
    if (!author) throw notFound(msg('news.problem.theAuthor'));
    return listPage(db, config, req, reply, {
      title: pageContext(req, reply).t('news.authorTitle', { name: author.name }),
      filter: { author: author.slug },
      path: `/news/author/${author.slug}`,
    });
  });
  app.get<{ Params: { slug: string } }>('/news/:slug', (req, reply) =>
    articlePage(db, config, req, reply, req.params.slug),
  );
  app.get<{ Params: { '*': string } }>('/news/*', (req, reply) => {
    let segments: string[];
    try {
      segments = req.params['*'].split('/').filter(Boolean).map(decodeURIComponent);
    } catch {
      throw notFound(msg('news.problem.article'));
    }
    if (segments.length < 2 || segments.length > 10) throw notFound(msg('news.problem.article'));
    const nested = `/news/${segments.map(encodeURIComponent).join('/')}`;
    return articlePage(db, config, req, reply, segments.at(-1)!, nested);
  });
}
