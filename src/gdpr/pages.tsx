import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../accounts/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { blobStoreFor } from '../storage/service.js';
import { SESSION_COOKIE } from '../web/context.js';
import { ErrorSummary, Field, formError, type FormErrors } from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { deleteMember, exportMember } from './service.js';

function deletePage(req: FastifyRequest, reply: FastifyReply, user: User, errors?: FormErrors, status = 200) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('members.delete.title')}>
      <h1>{t('members.delete.title')}</h1>
      <p>{t('members.delete.explain')}</p>
      <form method="post" action="/me/export" novalidate>
        <CsrfField ctx={ctx} />
        <button type="submit" class="link">
          {t('members.me.export')}
        </button>
      </form>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/me/delete" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <Field
          name="confirm"
          type="email"
          label={t('members.delete.confirmLabel', { email: user.email })}
          errors={errors}
          autocomplete="off"
          required
        />
        <div>
          <button type="submit" class="danger">
            {t('members.delete.submit')}
          </button>
        </div>
      </form>
    </Layout>,
    status,
  );
}

/** My data: download it, or delete my account (the admins' side is on the member list). */
export function gdprPages(app: FastifyInstance, db: Db, config: Config): void {
  const store = blobStoreFor(config);
  const csrf = { preHandler: app.csrfProtection };

  // POST only: an export is recorded in the audit log, and a GET would be run by prefetches and
  // crawlers. A GET of the old address goes to the page that has the button.
  app.get('/me/export', async (req, reply) => {
    authorize(req.user, true, 'download your data');
    return reply.redirect('/me/delete', 303);
  });

  app.post('/me/export', csrf, async (req, reply) => {
    authorize(req.user, true, 'download your data');
    const data = await exportMember(db, req.network, req.user.id, req.user);
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="my-data-${new Date().toISOString().slice(0, 10)}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/me/delete', async (req, reply) => {
    authorize(req.user, true, 'delete your account');
    return deletePage(req, reply, req.user);
  });

  app.post('/me/delete', csrf, async (req, reply) => {
    authorize(req.user, true, 'delete your account');
    const typed = String((req.body as Record<string, unknown> | undefined)?.confirm ?? '')
      .trim()
      .toLowerCase();
    if (typed !== req.user.email)
      return deletePage(req, reply, req.user, { confirm: pageContext(req, reply).t('members.delete.mismatch') }, 400);
    try {
      await deleteMember(db, store, req.network, req.user.id, req.user);
    } catch (err) {
      // The network's only admin: said on the form rather than on an error page.
      return deletePage(req, reply, req.user, formError(err, {}).errors, 409);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/?done=deleted', 303);
  });
}
