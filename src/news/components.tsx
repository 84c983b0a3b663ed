import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import type { Locale } from '../web/i18n.js';
import type { PageContext } from '../web/page.js';
import type { ArticleView } from './schemas.js';
import * as news from './service.js';
import { formatDay as formatLongDay, formatTime } from '../events/format.js';

// Pieces of the news pages that other features' pages embed (the home and chapter pages' latest news).

/** "27 novembre 2026": an article's day, in Brussels. */
export const formatDay = (iso: string, locale: Locale) => formatLongDay(new Date(iso), locale, 'long');

export function Byline({ ctx, view }: { ctx: PageContext; view: ArticleView }) {
  const { t } = ctx;
  return (
    <p class="meta">
      {view.partner ? <strong class="badge partner">{t('news.partner')}</strong> : null}{' '}
      {view.publishedAt ? t('news.publishedOn', { date: formatDay(view.publishedAt, ctx.locale) }) : null}
      {view.status === 'scheduled' && view.publishAt ? <ScheduledFor ctx={ctx} at={view.publishAt} /> : null}
      {view.authors.length ? (
        <>
          {' · '}
          {t('news.by', { names: '' })}
          {view.authors.map((a, i) => (
            <>
              {i ? ', ' : ''}
              <a href={`/news/author/${a.slug}`}>{a.name}</a>
            </>
          ))}
        </>
      ) : null}
      {view.chapter ? (
        <>
          {' · '}
          <a
            href={`/chapters/${view.chapter.slug}/news`}
            lang={view.chapter.lang === ctx.locale ? undefined : view.chapter.lang}
          >
            {view.chapter.name}
          </a>
        </>
      ) : null}
    </p>
  );
}

/** When a scheduled article will appear: its day and time in Brussels (its preview, the editor). */
export function ScheduledFor({ ctx, at }: { ctx: PageContext; at: string }) {
  const when = new Date(at);
  return <>{ctx.t('news.editor.appearsOn', { day: formatDay(at, ctx.locale), time: formatTime(when, ctx.locale) })}</>;
}

/** One article in a list: title, date, excerpt. Also used on the home and chapter pages. */
export function ArticleCard({ ctx, view }: { ctx: PageContext; view: ArticleView }) {
  return (
    <li class="card" lang={view.language === ctx.locale ? undefined : view.language}>
      <h3>
        <a href={view.url}>{view.title}</a>
      </h3>
      <Byline ctx={ctx} view={view} />
      {view.cover ? (
        <img
          src={view.cover.url}
          srcset={view.cover.srcset}
          sizes="(max-width: 640px) 100vw, 640px"
          alt={view.cover.alt}
          loading="lazy"
        />
      ) : null}
      <p>{view.excerpt}</p>
    </li>
  );
}

/** "Latest news" for the home and chapter pages. */
export function LatestNews({ ctx, views, more }: { ctx: PageContext; views: ArticleView[]; more: string }) {
  if (!views.length) return null;
  return (
    <section aria-labelledby="latest-news">
      <h2 id="latest-news">{ctx.t('news.latest')}</h2>
      <ul class="cards">
        {views.map((v) => (
          <ArticleCard ctx={ctx} view={v} />
        ))}
      </ul>
      <p>
        <a href={more}>{ctx.t('news.allNews')}</a>
      </p>
    </section>
  );
}

/** The latest published articles of the network (or a chapter), presented. */
export async function latestArticles(
  db: Db,
  network: FastifyRequest['network'],
  locale: Locale,
  chapter?: string,
  limit = 3,
) {
  const filter = { ...(chapter ? { chapter } : {}), oneLanguage: locale };
  const { rows } = await news.listArticles(db, network, null, filter, { limit, offset: 0 });
  return news.presentArticles(db, network.id, rows, locale);
}
