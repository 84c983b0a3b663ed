import { intlLocales, type T } from '../web/i18n.js';
import { instanceSecret } from '../networks/service.js';
import { CsrfField } from '../web/page.js';
import { readUnsubscribeToken, unsubscribe } from './notices.js';
import type { FastifyInstance } from 'fastify';
import type * as preact from 'preact';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { authorizeOutbox } from './policy.js';
import { selectChapterName, selectOutbox } from './queries.js';
import { kinds } from './render.js';

/** Admins see what was sent, what waits for a retry and why, and what is held without SMTP. */
/** The subject a message not yet written will carry, in the reader's language. */
function pendingSubject(t: T, kind: string, title: string | null, payload: Record<string, string | number>): string {
  const k = kinds[kind];
  if (!k || title === null) return kind;
  return t(`mail.${k}.subject`, { title, position: Number(payload.position ?? 0) });
}

export function mailPages(app: FastifyInstance, db: Db, config: Config): void {
  app.get('/admin/outbox', async (req, reply) => {
    authorizeOutbox(req.user);
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const rows = await selectOutbox(db, req.network.id, 200);
    const when = new Intl.DateTimeFormat(intlLocales[ctx.locale], {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Europe/Brussels',
    });
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('admin.outbox')}>
        <h1>{t('admin.outbox')}</h1>
        {!config.smtpUrl ? <p class="notice">{t('admin.outboxHeld')}</p> : null}
        {rows.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('event.when')}</th>
                  <th scope="col">{t('outbox.to')}</th>
                  <th scope="col">{t('outbox.subject')}</th>
                  <th scope="col">{t('outbox.status')}</th>
                  <th scope="col">{t('outbox.attempts')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ message: m, eventTitle }) => (
                  <tr>
                    <td>{when.format(m.createdAt)}</td>
                    <td>{m.toEmail}</td>
                    <td>{m.subject ?? pendingSubject(t, m.kind, eventTitle, m.payload)}</td>
                    <td>{t(`outbox.${m.status}`)}</td>
                    <td>
                      {m.attempts}
                      {m.lastError ? <span class="muted"> — {m.lastError}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{t('admin.nothing')}</p>
        )}
      </Layout>,
    );
  });

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
      <form method="post" action={`/unsubscribe/${req.params.token}`}>
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
