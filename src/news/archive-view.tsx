import type { PageContext } from '../web/page.js';
import { formatDay } from './components.js';
import type { ArticleView } from './schemas.js';
import type { CommentThread } from './archive.js';

// The parts of an article page that come from an imported site's structure: where a page sits
// among pages, the pages under it, and the comments it had there.

export function Breadcrumb({ ctx, view }: { ctx: PageContext; view: ArticleView }) {
  if (!view.parents.length) return null;
  return (
    <nav aria-label={ctx.t('news.breadcrumb')} class="breadcrumb">
      <ol>
        <li>
          <a href="/news">{ctx.t('news.title')}</a>
        </li>
        {view.parents.map((p) => (
          <li>
            <a href={p.url}>{p.title}</a>
          </li>
        ))}
        <li aria-current="page">{view.title}</li>
      </ol>
    </nav>
  );
}

export function SubPages({
  ctx,
  view,
  pages,
}: {
  ctx: PageContext;
  view: ArticleView;
  pages: { slug: string; title: string }[];
}) {
  if (!pages.length) return null;
  return (
    <nav aria-labelledby="subpages" class="subpages">
      <h2 id="subpages">{ctx.t('news.subpages')}</h2>
      <ul>
        {pages.map((p) => (
          <li>
            <a href={`${view.url}/${encodeURIComponent(p.slug)}`}>{p.title}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Thread({ ctx, comments }: { ctx: PageContext; comments: CommentThread[] }) {
  return (
    <ol class="comments">
      {comments.map((c) => (
        <li id={`comment-${c.id}`}>
          <article class="comment">
            <p class="meta">
              <strong>{c.author}</strong>
              {c.postedAt ? (
                <>
                  {' · '}
                  <time datetime={c.postedAt.toISOString()}>{formatDay(c.postedAt.toISOString(), ctx.locale)}</time>
                </>
              ) : null}
            </p>
            <div dangerouslySetInnerHTML={{ __html: c.html }} />
          </article>
          {c.replies.length ? <Thread ctx={ctx} comments={c.replies} /> : null}
        </li>
      ))}
    </ol>
  );
}

const countAll = (list: CommentThread[]): number => list.reduce((n, c) => n + 1 + countAll(c.replies), 0);

/** The comments the article had on the old site: read-only, threads kept. */
export function CommentArchive({ ctx, threads }: { ctx: PageContext; threads: CommentThread[] }) {
  if (!threads.length) return null;
  return (
    <section aria-labelledby="comment-archive" class="comment-archive">
      <h2 id="comment-archive">{ctx.t('news.comments.title', { count: countAll(threads) })}</h2>
      <p class="muted">{ctx.t('news.comments.closed')}</p>
      <Thread ctx={ctx} comments={threads} />
    </section>
  );
}
