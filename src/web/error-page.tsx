import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { Problem } from './errors.js';
import { translator } from './i18n.js';
import { finishHtml, Layout, pageContext } from './page.js';

/**
 * An error met while browsing (403, 404, 409…), in the site's frame (header, menu, language switch)
 * and the page's language. When the request failed before its network was known, a plain page:
 * it cannot rely on anything that may have failed.
 */
/** `suggestions`: pages that may be what a 404 was looking for (found by the composition root, which knows the features). */
export function renderErrorPage(
  req: FastifyRequest,
  reply: FastifyReply,
  problem: Problem,
  suggestions: { title: string; url: string }[] = [],
): string {
  const t = translator(req.locale ?? 'en');
  const detail = problem.status === 404 ? t('error.notFound') : problem.detail;
  const body = (
    <>
      <h1>{t('error.title')}</h1>
      <p class="error-code">{t('error.code', { status: String(problem.status) })}</p>
      <p>{detail}</p>
      {suggestions.length ? (
        <nav aria-labelledby="suggestions">
          <h2 id="suggestions">{t('error.suggestions')}</h2>
          <ul>
            {suggestions.map((s) => (
              <li>
                <a href={s.url}>{s.title}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <p>
        <a href="/">{t('error.back')}</a>
      </p>
    </>
  );
  if (req.network) {
    try {
      const ctx = pageContext(req, reply);
      return `<!DOCTYPE html>${finishHtml(
        renderToString(
          <Layout ctx={ctx} title={t('error.title')}>
            {body}
          </Layout>,
        ),
      )}`;
    } catch {
      // Fall through to the plain page: the frame itself failed (a session lookup, a CSRF secret).
    }
  }
  return `<!DOCTYPE html>${finishHtml(
    renderToString(
      <html lang={t.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${problem.status} · ${t('error.title')}`}</title>
          <link rel="stylesheet" href="/assets/app.css" />
        </head>
        <body>
          <main id="main">{body}</main>
        </body>
      </html>,
    ),
  )}`;
}
