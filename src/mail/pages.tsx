import { instanceSecret } from '../networks/service.js';
import { CsrfField } from '../web/page.js';
import { readUnsubscribeToken, unsubscribe } from './notices.js';
import type { FastifyInstance } from 'fastify';
import type * as preact from 'preact';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { selectChapterName } from './queries.js';
import { outboxPages } from './admin-pages.js';

/** Admins see what was sent, what waits for a retry and why, and what is held without SMTP. */
export function mailPages(app: FastifyInstance, db: Db, config: Config): void {
  outboxPages(app, db, config);

  /**
   * List-Unsubscribe target. GET shows a button; POST needs no CSRF token because the signed
   * token is the credential, and RFC 8058 one-click clients POST without any page.
   */
  const who = async (token: string) => {
    const found = readUnsubscribeToken(await instanceSecret(db, 'unsubscribe-secret'), token);
    if (!found) return undefined;
    const chapter = await selectChapterName(db, found.chapterId);
    return chapter !== undefined ? { ...found, chapter } : undefined;
  };
  const unsubscribePage = (
    req: Parameters<typeof pageContext>[0],
    reply: Parameters<typeof pageContext>[1],
    body: (t: ReturnType<typeof pageContext>['t'], ctx: ReturnType<typeof pageContext>) => preact.ComponentChildren,
    status = 200,
  ) => {
    const ctx = pageContext(req, reply);
    return sendPage(
      reply.header('referrer-policy', 'no-referrer'),
      <Layout ctx={ctx} title={ctx.t('unsubscribe.title')}>
        <h1>{ctx.t('unsubscribe.title')}</h1>
        {body(ctx.t, ctx)}
      </Layout>,
      status,
    );
  };

  app.get<{ Params: { token: string } }>('/unsubscribe/:token', async (req, reply) => {
    const found = await who(req.params.token);
    if (!found) return unsubscribePage(req, reply, (t) => <p class="errors">{t('unsubscribe.invalid')}</p>, 404);
    return unsubscribePage(req, reply, (t, ctx) => (
      <form method="post" action={`/unsubscribe/${req.params.token}`} novalidate>
        <CsrfField ctx={ctx} />
        <button type="submit">{t('unsubscribe.confirm', { chapter: found.chapter })}</button>
      </form>
    ));
  });

  app.post<{ Params: { token: string } }>(
    '/unsubscribe/:token',
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const found = await who(req.params.token);
      if (!found) return unsubscribePage(req, reply, (t) => <p class="errors">{t('unsubscribe.invalid')}</p>, 404);
      await unsubscribe(db, found);
      return unsubscribePage(req, reply, (t) => (
        <p class="notice" role="status">
          {t('unsubscribe.done', { chapter: found.chapter })}
        </p>
      ));
    },
  );
}
