import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { findArticle } from '../news/service.js';
import { blobStoreFor } from '../storage/service.js';
import { requireUser } from '../web/context.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { fetchArticleMedia } from './remote-media.js';

/** The editor's "fetch the pictures" of one article: done at once, then what came and what did not. */
export function remoteMediaPages(app: FastifyInstance, db: Db, config: Config): void {
  const store = blobStoreFor(config);
  app.post<{ Params: { id: string } }>(
    '/admin/news/:id/fetch-media',
    { preHandler: app.csrfProtection },
    async (req, reply) => {
      const user = requireUser(req);
      const report = await fetchArticleMedia(db, req.network, user, req.params.id, {
        ownOrigin: [config.baseUrl, `${req.protocol}://${req.host}`],
        media: { store, allowPrivate: config.allowPrivateWebhooks },
      });
      const article = await findArticle(db, req.network, req.params.id);
      const ctx = pageContext(req, reply);
      const { t } = ctx;
      const title = t('newsImport.remote.title', { title: article.title });
      return sendPage(
        reply,
        <Layout ctx={ctx} title={title}>
          <h1>{title}</h1>
          <p>{t('newsImport.remote.summary', { fetched: report.fetched.length, failed: report.failed.length })}</p>
          {report.failed.length ? (
            <section aria-labelledby="not-fetched">
              <h2 id="not-fetched">{t('newsImport.remote.failed')}</h2>
              <ul>
                {report.failed.map((f) => (
                  <li>
                    <code>{f.url}</code> — {f.reason}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <p>
            <a href={`/admin/news/${article.id}`}>{t('newsImport.remote.back')}</a>
          </p>
        </Layout>,
      );
    },
  );
}
