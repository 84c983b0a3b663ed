import type { FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import type { Problem } from './errors.js';
import { translator } from './i18n.js';
import { htmlVoids } from './page.js';

/** A plain page for errors met while browsing; it cannot rely on anything that may have failed. */
export function renderErrorPage(req: FastifyRequest, problem: Problem): string {
  const locale = req.locale ?? 'en';
  const t = translator(locale);
  const detail = problem.status === 404 ? t('error.notFound') : problem.detail;
  return `<!DOCTYPE html>${htmlVoids(
    renderToString(
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${problem.status} · ${t('error.title')}`}</title>
          <link rel="stylesheet" href="/assets/app.css" />
        </head>
        <body>
          <main id="main">
            <h1>{t('error.title')}</h1>
            <p>{detail}</p>
            <p>
              <a href="/">{t('error.back')}</a>
            </p>
          </main>
        </body>
      </html>,
    ),
  )}`;
}
