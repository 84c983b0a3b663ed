import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connection.js';
import { formatDayTime } from '../events/format.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import * as news from './service.js';

type Params = { Params: { id: string } };

/** An article's revisions, newest first, each with what changed. */
export function revisionsPage(app: FastifyInstance, db: Db): void {
  app.get<Params>('/admin/news/:id/revisions', async (req, reply) => {
    const article = await news.findArticle(db, req.network, req.params.id);
    const revisions = await news.articleRevisions(db, req.network, req.user, article.id);
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('news.admin.revisions')}>
        <h1>
          {t('news.admin.revisions')}: {article.title}
        </h1>
        {revisions
          .slice()
          .reverse()
          .map((r) => (
            <section>
              <h2>{t('news.admin.revision', { n: r.number })}</h2>
              <p>
                {t(`news.status.${r.status}`)} · {t('news.admin.who')}: {r.editedBy ?? t('news.admin.system')}
                {r.note ? ` (${r.note})` : ''} · {formatDayTime(new Date(r.createdAt), ctx.locale)}
              </p>
              <pre class="diff">{r.diff}</pre>
            </section>
          ))}
      </Layout>,
    );
  });
}
