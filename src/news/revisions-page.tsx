import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connection.js';
import { formatDayTime } from '../events/format.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { revisionChanges, type WordChange } from './revision-changes.js';
import { noteKeys } from './revision-messages.js';
import * as news from './service.js';

type Params = { Params: { id: string } };

/** The text with its changes marked: <ins> for added words, <del> for removed ones. */
function Words({ words }: { words: WordChange[] }) {
  return (
    <pre class="diff">
      {words.map((w) =>
        w.kind === 'added' ? <ins>{w.text}</ins> : w.kind === 'removed' ? <del>{w.text}</del> : w.text,
      )}
    </pre>
  );
}

/** An article's revisions, newest first, each with what changed in words an editor reads. */
export function revisionsPage(app: FastifyInstance, db: Db): void {
  app.get<Params>('/admin/news/:id/revisions', async (req, reply) => {
    const article = await news.findArticle(db, req.network, req.params.id);
    const revisions = await revisionChanges(db, req.network, req.user, article.id);
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const sep = t('form.labelSeparator');
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('news.admin.revisions')}>
        <h1>
          {t('news.admin.revisions')}
          {sep}
          {article.title}
        </h1>
        <p class="help">{t('news.revisions.legend')}</p>
        {revisions
          .slice()
          .reverse()
          .map((r) => {
            const note = r.note ? (noteKeys[r.note] ? t(noteKeys[r.note]!) : r.note) : '';
            return (
              <section>
                <h2>{t('news.admin.revision', { n: r.number })}</h2>
                <p>
                  {t(`news.status.${r.status}`)} · {t('news.admin.who')}
                  {sep}
                  {r.editedBy ?? t('news.admin.system')}
                  {note ? ` (${note})` : ''} · {formatDayTime(r.createdAt, ctx.locale)}
                </p>
                {r.statusBefore ? (
                  <p>
                    {t('news.admin.field.status')}
                    {sep}
                    {t(`news.status.${r.statusBefore}`)} → {t(`news.status.${r.status}`)}
                  </p>
                ) : null}
                {r.titleBefore !== undefined ? (
                  <p>
                    {t('news.admin.field.title')}
                    {sep}
                    <del>{r.titleBefore}</del> → <ins>{r.title}</ins>
                  </p>
                ) : null}
                {r.words.length ? (
                  <>
                    <h3>{t('news.revisions.text')}</h3>
                    <Words words={r.words} />
                  </>
                ) : (
                  <p>{t('news.revisions.noTextChange')}</p>
                )}
              </section>
            );
          })}
      </Layout>,
    );
  });
}
