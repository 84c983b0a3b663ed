import type { FastifyInstance } from 'fastify';
import { auditAct } from '../audit/service.js';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { formatDayTime } from '../events/format.js';
import { msg } from '../web/i18n.js';
import { notFound } from '../web/errors.js';
import { OffsetQuerySchema } from '../web/pagination.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { isUuid } from '../web/schemas.js';
import { authorizeOutbox } from './policy.js';
import { PRIVATE_BODY } from './tables.js';
import { cancelMessage, countOutbox, requeueMessage, selectOutbox, selectOutboxMessage } from './queries.js';
import { TableWrap } from '../web/table-wrap.js';

const PAGE = 50;
const statuses = ['pending', 'held', 'sent', 'cancelled'] as const;
/** Anything unexpected in the filters shows everything rather than an error page. */
const OutboxQuerySchema = OffsetQuerySchema.extend({
  status: z.enum(statuses).optional().catch(undefined),
  to: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().max(200).catch('')).optional(),
});
type IdParams = { Params: { id: string } };

// "27/11/2026 20:17": the same shape in the three languages (French's short style says "27/11/26").
/** A member's private message after it went (or was cancelled): its text is gone, by design. */
const purged = (m: { payload: Record<string, unknown>; subject: string | null; status: string }) =>
  PRIVATE_BODY in m.payload && m.subject === null && (m.status === 'sent' || m.status === 'cancelled');
const when = (ctx: PageContext) => ({ format: (d: Date) => formatDayTime(d, ctx.locale) });

/**
 * Admins read what was sent, what waits and why, and what is held without SMTP: a message's text
 * (its links included) is how a sign-up is finished on a server without a mail server.
 */
export function outboxPages(app: FastifyInstance, db: Db, config: Config): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get('/admin/outbox', async (req, reply) => {
    authorizeOutbox(req.user);
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const query = OutboxQuerySchema.parse(req.query ?? {});
    const filter = { status: query.status, to: (query.to ?? '').trim() || undefined };
    const [rows, total] = await Promise.all([
      selectOutbox(db, req.network.id, filter, { limit: PAGE, offset: query.offset }),
      countOutbox(db, req.network.id, filter),
    ]);
    const at = (offset: number) =>
      `/admin/outbox?${new URLSearchParams({
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.to ? { to: filter.to } : {}),
        offset: String(offset),
      }).toString()}`;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('admin.outbox')}>
        <h1>{t('admin.outbox')}</h1>
        {!config.smtpUrl ? <p class="notice">{t('admin.outboxHeld')}</p> : null}
        <form method="get" action="/admin/outbox" class="inline" role="search">
          <label htmlFor="f-status">{t('outbox.status')}</label>{' '}
          <select id="f-status" name="status">
            <option value="">{t('outbox.allStatuses')}</option>
            {statuses.map((s) => (
              <option value={s} selected={filter.status === s}>
                {t(`outbox.${s}`)}
              </option>
            ))}
          </select>{' '}
          <label htmlFor="f-to">{t('outbox.to')}</label> <input id="f-to" name="to" type="search" value={filter.to} />{' '}
          <button type="submit">{t('outbox.filter')}</button>
        </form>
        <p class="muted">{t('outbox.count', { count: total })}</p>
        {rows.length ? (
          <TableWrap>
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
                {rows.map((m) => (
                  <tr>
                    <td>{when(ctx).format(m.createdAt)}</td>
                    <td>{m.toEmail}</td>
                    <td>
                      {/* The subject is in the recipient's language, not necessarily the page's. */}
                      <a
                        href={`/admin/outbox/${m.id}`}
                        lang={m.subject && m.locale !== ctx.locale ? m.locale : undefined}
                      >
                        {m.subject ?? (purged(m) ? t('outbox.privateTitle') : m.kind)}
                      </a>
                    </td>
                    <td>{t(`outbox.${m.status}`)}</td>
                    <td>
                      {m.attempts}
                      {m.lastError ? <span class="muted"> — {m.lastError}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ) : (
          <p class="muted">{t('admin.nothing')}</p>
        )}
        <p>
          {query.offset > 0 ? <a href={at(Math.max(0, query.offset - PAGE))}>{t('outbox.newer')}</a> : null}{' '}
          {query.offset + PAGE < total ? <a href={at(query.offset + PAGE)}>{t('outbox.older')}</a> : null}
        </p>
      </Layout>,
    );
  });

  app.get<IdParams>('/admin/outbox/:id', async (req, reply) => {
    authorizeOutbox(req.user);
    const m = isUuid(req.params.id) ? await selectOutboxMessage(db, req.network.id, req.params.id) : undefined;
    if (!m) throw notFound(msg('mail.problem.message', { id: req.params.id }));
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const title = m.subject ?? (purged(m) ? t('outbox.privateTitle') : m.kind);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={title}>
        <h1 lang={m.subject && m.locale !== ctx.locale ? m.locale : undefined}>{title}</h1>
        {ctx.done === 'resent' || ctx.done === 'cancelled' ? (
          <p class="notice" role="status">
            {t(ctx.done === 'resent' ? 'outbox.resentDone' : 'outbox.cancelledDone')}
          </p>
        ) : null}
        <dl class="facts">
          <dt>{t('outbox.to')}</dt>
          <dd class="wrap">{m.toName ? `${m.toName} (${m.toEmail})` : m.toEmail}</dd>
          <dt>{t('outbox.status')}</dt>
          <dd>{t(`outbox.${m.status}`)}</dd>
          <dt>{t('outbox.created')}</dt>
          <dd>{when(ctx).format(m.createdAt)}</dd>
          {m.sentAt ? (
            <>
              <dt>{t('outbox.sentAt')}</dt>
              <dd>{when(ctx).format(m.sentAt)}</dd>
            </>
          ) : null}
          <dt>{t('outbox.attempts')}</dt>
          <dd>{m.attempts}</dd>
          {m.lastError ? (
            <>
              <dt>{t('outbox.lastError')}</dt>
              <dd>{m.lastError}</dd>
            </>
          ) : null}
        </dl>
        {m.textBody ? (
          <pre class="mail-text" lang={m.locale}>
            {m.textBody}
          </pre>
        ) : (
          <p class="muted">{t(purged(m) ? 'outbox.purged' : 'outbox.notWritten')}</p>
        )}
        <div class="actions">
          {m.status === 'pending' || purged(m) ? null : (
            <form method="post" action={`/admin/outbox/${m.id}/resend`} novalidate>
              <CsrfField ctx={ctx} />
              <button type="submit">{t('outbox.resend')}</button>
            </form>
          )}
          {m.status === 'pending' || m.status === 'held' ? (
            <form method="post" action={`/admin/outbox/${m.id}/cancel`} novalidate>
              <CsrfField ctx={ctx} />
              <button type="submit" class="danger">
                {t('outbox.cancel')}
              </button>
            </form>
          ) : null}
        </div>
        <p>
          <a href="/admin/outbox">{t('outbox.back')}</a>
        </p>
      </Layout>,
    );
  });

  for (const [action, change] of [
    ['resend', requeueMessage],
    ['cancel', cancelMessage],
  ] as const) {
    app.post<IdParams>(`/admin/outbox/:id/${action}`, csrf, async (req, reply) => {
      authorizeOutbox(req.user);
      const m = isUuid(req.params.id) ? await selectOutboxMessage(db, req.network.id, req.params.id) : undefined;
      if (!m) throw notFound(msg('mail.problem.message', { id: req.params.id }));
      // Sending a mail again (or not at all) is an admin's act on someone's mail: recorded with it.
      await db.transaction(async (tx) => {
        if (!(await change(tx, req.network.id, m.id))) return;
        await auditAct(tx, req.network.id, req.user, action === 'resend' ? 'mail.resend' : 'mail.cancel', m.toEmail, {
          messageId: m.id,
          subject: m.subject,
        });
      });
      const done = action === 'resend' ? 'resent' : 'cancelled';
      return reply.redirect(`/admin/outbox/${m.id}?done=${done}`, 303);
    });
  }
}
