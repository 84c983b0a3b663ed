import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { notFound } from '../web/errors.js';
import { msg } from '../web/i18n.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { ArticleCard } from './components.js';
import * as news from './service.js';

// The paginated lists of articles: the network's, a chapter's, a category's, a tag's, an author's, a search.
const PER_PAGE = 10;

function feedQuery(filter: { chapter?: string; category?: string; tag?: string }) {
  const p = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString();
  return p ? `?${p}` : '';
}

export interface ListSpec {
  title: string;
  filter: { chapter?: string; category?: string; tag?: string; author?: string; q?: string; networkWideOnly?: boolean };
  path: string;
}

export async function listPage(db: Db, config: Config, req: FastifyRequest, reply: FastifyReply, spec: ListSpec) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const query = req.query as Record<string, unknown>;
  const page = Math.min(Math.max(1, Number.parseInt(String(query.page ?? '1'), 10) || 1), 10_000);
  // A reader sees each story once, in their language when it is translated (see ListFilter.oneLanguage).
  const filter = { ...spec.filter, oneLanguage: ctx.locale };
  const { rows, total } = await news.listArticles(db, req.network, req.user, filter, {
    limit: PER_PAGE,
    offset: (page - 1) * PER_PAGE,
  });
  const views = await news.presentArticles(db, req.network.id, rows, ctx.locale);
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  if (page > pages) throw notFound(msg('news.problem.page'));
  const feeds = feedQuery({ chapter: spec.filter.chapter, category: spec.filter.category, tag: spec.filter.tag });
  const at = (n: number) => {
    const p = new URLSearchParams();
    if (spec.filter.q) p.set('q', spec.filter.q);
    if (n > 1) p.set('page', String(n));
    const s = p.toString();
    return s ? `${spec.path}?${s}` : spec.path;
  };
  return sendPage(
    reply,
    <Layout
      ctx={ctx}
      title={spec.title}
      head={
        <>
          <link rel="canonical" href={`${config.baseUrl}${at(page)}`} />
          <link rel="alternate" type="application/rss+xml" title={t('news.rss')} href={`/news.rss${feeds}`} />
          <link rel="alternate" type="application/atom+xml" title={t('news.atom')} href={`/news.atom${feeds}`} />
          {page > 1 ? <link rel="prev" href={at(page - 1)} /> : null}
          {page < pages ? <link rel="next" href={at(page + 1)} /> : null}
        </>
      }
    >
      <h1>{spec.title}</h1>
      <form method="get" action="/news" role="search" class="inline">
        <label htmlFor="news-q">{t('news.search')}</label>{' '}
        <input id="news-q" name="q" type="search" value={spec.filter.q ?? ''} />{' '}
        <button type="submit">{t('news.searchButton')}</button>
      </form>
      {views.length ? (
        <ul class="cards">
          {views.map((v) => (
            <ArticleCard ctx={ctx} view={v} />
          ))}
        </ul>
      ) : (
        <p>{spec.filter.q ? t('news.noResults') : t('news.empty')}</p>
      )}
      {pages > 1 ? (
        <nav aria-label={t('news.pageOf', { page, pages })} class="pager">
          {page > 1 ? (
            <a href={at(page - 1)} rel="prev">
              {t('news.newer')}
            </a>
          ) : null}{' '}
          <span>{t('news.pageOf', { page, pages })}</span>{' '}
          {page < pages ? (
            <a href={at(page + 1)} rel="next">
              {t('news.older')}
            </a>
          ) : null}
        </nav>
      ) : null}
      <p class="feeds">
        <a href={`/news.rss${feeds}`} type="application/rss+xml">
          {t('news.rss')}
        </a>
        {' · '}
        <a href={`/news.atom${feeds}`} type="application/atom+xml">
          {t('news.atom')}
        </a>
      </p>
    </Layout>,
  );
}
