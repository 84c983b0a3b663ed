import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { authorizeArticleEdit, findArticle, isNewsEditor } from '../news/service.js';
import { requireUser } from '../web/context.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { damagedArticles, decideRepair, needsConfirmation } from './review.js';
import { repairsOf } from './service.js';

type Params = { Params: { id: string } };
/** A word of the editor's own that shares little with the damaged one, and why, waiting for a yes. */
type Confirmation = { repairId: string; choice: string; why: string };

/** Editors: the damaged articles, then each one's queued words, one at a time. */
export function repairPages(app: FastifyInstance, db: Db): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get('/admin/news/repairs', async (req, reply) => {
    const user = requireUser(req);
    authorize(user, await isNewsEditor(db, user, req.network.id), 'review damaged articles');
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const rows = await damagedArticles(db, req.network.id);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('repairs.title')}>
        <h1>{t('repairs.title')}</h1>
        <p>{t('repairs.intro')}</p>
        {rows.length ? (
          <ul>
            {rows.map((r) => (
              <li>
                <a href={`/admin/news/${r.id}/repairs`}>{r.title}</a> — {t('repairs.queued', { count: r.queued })}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('repairs.none')}</p>
        )}
      </Layout>,
    );
  });

  async function reviewPage(req: FastifyRequest<Params>, reply: FastifyReply, confirm?: Confirmation) {
    const user = requireUser(req);
    const article = await findArticle(db, req.network, req.params.id);
    // The same rule as the API and the decisions: whoever may edit this article reviews its words.
    await authorizeArticleEdit(db, user, article, 'review the repairs of this article');
    const rows = await repairsOf(db, req.network.id, article.id);
    const queued = rows.filter((r) => r.state === 'queued');
    const next = queued[0];
    const applied = rows.filter((r) => r.state === 'applied');
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const text =
      next?.field === 'title' ? article.title : next?.field === 'excerpt' ? article.excerpt : article.bodyMarkdown;
    let context: [string, string, string] | undefined;
    if (next) {
      const at = text.indexOf(next.original, Math.max(0, next.position - 400));
      const i = at < 0 ? text.indexOf(next.original) : at;
      if (i >= 0)
        context = [
          text.slice(Math.max(0, i - 80), i),
          next.original,
          text.slice(i + next.original.length, i + next.original.length + 80),
        ];
    }
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('repairs.title')}>
        <h1>{t('repairs.articleTitle', { title: article.title })}</h1>
        <p>{t('repairs.progress', { queued: queued.length, applied: applied.length })}</p>
        {next ? (
          <section aria-labelledby="next-word">
            <h2 id="next-word">{t('repairs.next')}</h2>
            {confirm?.repairId === next.id ? (
              <section role="alert" aria-labelledby="confirm-word" class="notice">
                <h3 id="confirm-word">{t('textRepair.confirm.title')}</h3>
                <p>{confirm.why}</p>
                <form method="post" action={`/admin/news/${article.id}/repairs/${next.id}`} class="inline" novalidate>
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="own" value={confirm.choice} />
                  <input type="hidden" name="confirm" value="yes" />
                  <button type="submit" name="action" value="apply">
                    {t('textRepair.confirm.yes', { choice: confirm.choice })}
                  </button>{' '}
                  <a href={`/admin/news/${article.id}/repairs`}>{t('textRepair.confirm.no')}</a>
                </form>
              </section>
            ) : null}
            {context ? (
              <blockquote>
                …{context[0]}
                <mark>{context[1]}</mark>
                {context[2]}…
              </blockquote>
            ) : null}
            <form method="post" action={`/admin/news/${article.id}/repairs/${next.id}`} class="stack" novalidate>
              <CsrfField ctx={ctx} />
              <fieldset>
                <legend>{t('repairs.choose', { confidence: Math.round(next.confidence * 100) })}</legend>
                {[next.replacement, ...next.alternatives].map((w, i) => (
                  <div>
                    <input type="radio" id={`choice-${i}`} name="choice" value={w} checked={i === 0} />{' '}
                    <label htmlFor={`choice-${i}`}>{w}</label>
                  </div>
                ))}
              </fieldset>
              <div>
                <label htmlFor="own">{t('repairs.own')}</label> <input type="text" id="own" name="own" />
              </div>
              <div>
                <button type="submit" name="action" value="apply">
                  {t('repairs.apply')}
                </button>{' '}
                <button type="submit" name="action" value="reject">
                  {t('repairs.reject')}
                </button>
              </div>
            </form>
          </section>
        ) : (
          <p>{t('repairs.done')}</p>
        )}
        {applied.length ? (
          <section aria-labelledby="applied">
            <h2 id="applied">{t('repairs.applied')}</h2>
            <ul>
              {applied.map((r) => (
                <li>
                  <form method="post" action={`/admin/news/${article.id}/repairs/${r.id}`} class="inline" novalidate>
                    <CsrfField ctx={ctx} />
                    <code>{r.original}</code> → <strong>{r.replacement}</strong> ({Math.round(r.confidence * 100)} %){' '}
                    <button type="submit" name="action" value="undo" class="link">
                      {t('repairs.undo')}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </Layout>,
      confirm ? 409 : undefined,
    );
  }

  app.get<Params>('/admin/news/:id/repairs', (req, reply) => reviewPage(req, reply));

  app.post<Params & { Params: { repairId: string }; Body: Record<string, string> }>(
    '/admin/news/:id/repairs/:repairId',
    csrf,
    async (req, reply) => {
      const action = req.body?.action === 'reject' ? 'reject' : req.body?.action === 'undo' ? 'undo' : 'apply';
      const choice = req.body?.own?.trim() || req.body?.choice;
      const confirm = req.body?.confirm === 'yes';
      try {
        await decideRepair(db, req.network, req.user, req.params.id, req.params.repairId, { action, choice, confirm });
      } catch (err) {
        // Nothing changed: the same page asks whether that word is really the one meant.
        if (needsConfirmation(err) && choice)
          return reviewPage(req, reply, { repairId: req.params.repairId, choice, why: err.detail });
        throw err;
      }
      return reply.redirect(`/admin/news/${req.params.id}/repairs?done=saved`, 303);
    },
  );
}
