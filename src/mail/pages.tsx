import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { authorize, isAdmin } from '../web/policy.js';
import { outboundMessages } from './tables.js';

/** Admins see what was sent, what waits for a retry and why, and what is held without SMTP. */
export function mailPages(app: FastifyInstance, db: Db, config: Config): void {
  app.get('/admin/outbox', async (req, reply) => {
    authorize(req.user, isAdmin(req.user), 'see the outbox');
    const ctx = pageContext(req, reply);
    const { t } = ctx;
    const rows = await db.select().from(outboundMessages).where(eq(outboundMessages.networkId, req.network.id)).orderBy(desc(outboundMessages.createdAt)).limit(200);
    const when = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Brussels' });
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
                {rows.map((m) => (
                  <tr>
                    <td>{when.format(m.createdAt)}</td>
                    <td>{m.toEmail}</td>
                    <td>{m.subject ?? m.kind}</td>
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
}
