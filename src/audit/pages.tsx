import { intlLocales } from '../web/i18n.js';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { Layout, pageContext, sendPage } from '../web/page.js';
import { authorizeAuditLog } from './policy.js';
import { auditCursor, beforeOf } from './present.js';
import { type AuditAction, listAudit } from './service.js';

const PAGE = 50;
const knownActions = [
  'member.export',
  'member.delete',
  'member.self_delete',
  'members.import',
  'call.create',
  'call.version',
  'call.conflict',
  'call.recusal',
  'call.assignment',
  'call.score',
  'call.redaction',
  'call.decision',
  'call.decisions_sent',
  'member.verify',
  'member.verify_resent',
  'expense.create',
  'expense.update',
  'expense.submit',
  'expense.approve',
  'expense.reject',
  'expense.incomplete',
  'expense.pay',
  'expense.receipt',
  'venue.dashboard.view',
  'venue.contacts.export',
  'event.cancel',
  'call.juror_reinvited',
  'call.juror_joined',
  'call.appeal',
  'call.appeal_answered',
  'invitations.send',
  'chapter.create',
  'chapter.update',
  'chapter.delete',
  'chapter.organizer_add',
  'chapter.organizer_remove',
  'venue.create',
  'venue.update',
  'venue.manager_add',
  'venue.manager_remove',
  'account.create',
  'token.create',
  'token.revoke',
  'news.editor_add',
  'news.editor_remove',
  'treasurer.add',
  'treasurer.remove',
  'mail.resend',
  'mail.cancel',
  'webhook.create',
  'webhook.update',
  'webhook.delete',
  'partnership.create',
  'partnership.update',
  'redirect.create',
  'redirect.update',
  'redirect.delete',
  'redirect.import',
] as const satisfies readonly AuditAction[];
// Every action the service may record has a label: a new one without it fails the type check here.
const everyActionLabelled: Exclude<AuditAction, (typeof knownActions)[number]> extends never ? true : never = true;
void everyActionLabelled;

export function auditPages(app: FastifyInstance, db: Db, _config: Config): void {
  app.get('/admin/audit', async (req, reply) => {
    authorizeAuditLog(req.user);
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const cursor = (req.query as Record<string, string | undefined>).cursor;
    const rows = await listAudit(db, req.network.id, { limit: PAGE + 1, before: beforeOf(cursor) });
    const next = auditCursor(rows, PAGE);
    const when = new Intl.DateTimeFormat(intlLocales[locale], {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Brussels',
    });
    const action = (a: string) =>
      (knownActions as readonly string[]).includes(a) ? t(`audit.action.${a as (typeof knownActions)[number]}`) : a;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={t('audit.title')}>
        <h1>{t('audit.title')}</h1>
        <p>{t('audit.intro')}</p>
        {rows.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audit.when')}</th>
                  <th scope="col">{t('audit.who')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.subject')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, PAGE).map((e) => (
                  <tr>
                    <td>
                      <time dateTime={e.createdAt.toISOString()}>{when.format(e.createdAt)}</time>
                    </td>
                    <td>{e.actorEmail}</td>
                    <td>{action(e.action)}</td>
                    <td>{e.subject}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">{t('audit.empty')}</p>
        )}
        {next ? (
          <p>
            <a href={`/admin/audit?cursor=${next}`}>{t('audit.older')}</a>
          </p>
        ) : null}
        <p>
          <a href="/admin/members">{t('members.admin.title')}</a>
        </p>
      </Layout>,
    );
  });
}
