import { msg } from '../web/i18n.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { markEmailVerified, resendVerificationFor } from '../signup/service.js';
import { ErrorSummary, Field, formError, parseForm, Select, type FormErrors, type FormValues } from '../web/forms.js';
import { PasswordSchema, UserCreateSchema } from '../accounts/schemas.js';
import { createUser } from '../accounts/service.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { authorize } from '../web/policy.js';
import { deleteMember, exportMember } from '../gdpr/service.js';
import { blobStoreFor } from '../storage/service.js';
import { OffsetQuerySchema } from '../web/pagination.js';
import { memberPolicy } from './policy.js';
import { findMember, listMembers } from './service.js';
import { notFound } from '../web/errors.js';
import { isUuid } from '../web/schemas.js';
import { TableWrap } from '../web/table-wrap.js';
import { formatDay } from '../events/format.js';

const PAGE = 50;
type IdParams = { Params: { id: string } };
/** A repeated `?q=` (q=a&q=b) searches for the first; anything not text searches for nothing. */
const MembersQuerySchema = OffsetQuerySchema.extend({
  q: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().catch('')).optional(),
});

type Form = { values: FormValues; errors: FormErrors };

/** What the page says after an action that came back to it. */
const DONE = {
  resent: 'members.admin.resentDone',
  verified: 'members.admin.verifiedDone',
  passwordLink: 'members.admin.passwordLinkDone',
} as const;

async function membersPage(db: Db, req: FastifyRequest, reply: FastifyReply, form?: Form, status = 200) {
  const ctx = pageContext(req, reply);
  const { t, locale } = ctx;
  const query = MembersQuerySchema.parse(req.query ?? {});
  const q = (query.q ?? '').trim().slice(0, 120);
  const { offset } = query;
  const rows = await listMembers(db, req.network.id, { q: q || undefined, limit: PAGE + 1, offset });
  const more = (n: number) =>
    `/admin/members?${new URLSearchParams({ ...(q ? { q } : {}), offset: String(n) }).toString()}`;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('members.admin.title')}>
      <h1>{t('members.admin.title')}</h1>
      {ctx.done && ctx.done in DONE ? (
        <p class="notice" role="status">
          {t(DONE[ctx.done as keyof typeof DONE])}
        </p>
      ) : null}
      <form method="get" action="/admin/members" class="inline" role="search">
        <label htmlFor="f-q">{t('members.admin.search')}</label> <input id="f-q" name="q" type="search" value={q} />{' '}
        <button type="submit">{t('members.admin.searchSubmit')}</button>
      </form>
      {rows.length ? (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('field.name')}</th>
                <th scope="col">{t('field.email')}</th>
                <th scope="col">{t('field.role')}</th>
                <th scope="col">{t('members.admin.since')}</th>
                <th scope="col">{t('members.admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, PAGE).map((m) => (
                <tr>
                  <td>{m.name}</td>
                  <td>
                    {m.email} {m.emailVerifiedAt ? null : <span class="badge">{t('members.admin.unverified')}</span>}
                  </td>
                  <td>{t(`role.${m.role}`)}</td>
                  <td>{formatDay(m.createdAt, locale, 'medium')}</td>
                  <td>
                    <div class="actions">
                      {/* POST forms: a prefetch or a crawler following a link must not export (each export is audited). */}
                      <form method="post" action={`/admin/members/${m.id}/export`} novalidate>
                        <CsrfField ctx={ctx} />
                        <button type="submit" class="link" aria-label={t('members.admin.exportOf', { name: m.name })}>
                          {t('members.admin.export')}
                        </button>
                      </form>
                      <a
                        href={`/admin/members/${m.id}/delete`}
                        aria-label={t('members.admin.deleteOf', { name: m.name })}
                      >
                        {t('form.delete')}
                      </a>
                      {/* The route is the accounts feature's (src/accounts/password-pages.tsx). */}
                      <form method="post" action={`/admin/members/${m.id}/password-link`} novalidate>
                        <CsrfField ctx={ctx} />
                        <button
                          type="submit"
                          class="link"
                          aria-label={t('members.admin.passwordLinkOf', { name: m.name })}
                        >
                          {t('members.admin.passwordLink')}
                        </button>
                      </form>
                      {m.emailVerifiedAt ? null : (
                        <>
                          <form method="post" action={`/admin/members/${m.id}/resend-confirmation`} novalidate>
                            <CsrfField ctx={ctx} />
                            <button
                              type="submit"
                              class="link"
                              aria-label={t('members.admin.resendOf', { name: m.name })}
                            >
                              {t('members.admin.resend')}
                            </button>
                          </form>
                          <form method="post" action={`/admin/members/${m.id}/verify`} novalidate>
                            <CsrfField ctx={ctx} />
                            <button
                              type="submit"
                              class="link"
                              aria-label={t('members.admin.verifyOf', { name: m.name })}
                            >
                              {t('members.admin.verify')}
                            </button>
                          </form>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p class="muted">{t('members.admin.none')}</p>
      )}
      <p>
        {offset > 0 ? <a href={more(Math.max(0, offset - PAGE))}>{t('members.newer')}</a> : null}{' '}
        {rows.length > PAGE ? <a href={more(offset + PAGE)}>{t('members.older')}</a> : null}
      </p>
      <p>
        <a href="/admin/members/import">{t('import.title')}</a> · <a href="/admin/audit">{t('audit.title')}</a>
      </p>
      <h2 id="new-account">{t('admin.newAccount')}</h2>
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <form method="post" action="/admin/members" class="stack" novalidate aria-labelledby="new-account">
        <CsrfField ctx={ctx} />
        <Field name="name" label={t('field.name')} values={form?.values} errors={form?.errors} required />
        <Field
          name="email"
          type="email"
          label={t('field.email')}
          values={form?.values}
          errors={form?.errors}
          required
        />
        <Field
          name="password"
          type="password"
          label={t('field.password')}
          errors={form?.errors}
          autocomplete="new-password"
          required
        />
        <Select
          name="role"
          label={t('field.role')}
          values={form?.values ?? { role: 'member' }}
          options={(['member', 'admin'] as const).map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <div>
          <button type="submit">{t('form.create')}</button>
        </div>
      </form>
    </Layout>,
    status,
  );
}

async function confirmDeletePage(
  db: Db,
  req: FastifyRequest<IdParams>,
  reply: FastifyReply,
  errors?: FormErrors,
  status = 200,
) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const member = isUuid(req.params.id) ? await findMember(db, req.network.id, req.params.id) : undefined;
  if (!member) throw notFound(msg('gdpr.problem.member', { id: req.params.id }));
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('members.admin.deleteTitle', { name: member.name })}>
      <h1>{t('members.admin.deleteTitle', { name: member.name })}</h1>
      <p>{t('members.admin.deleteExplain', { email: member.email })}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={`/admin/members/${member.id}/delete`} novalidate>
        <CsrfField ctx={ctx} />
        <button type="submit" class="danger">
          {t('members.admin.deleteSubmit', { name: member.name })}
        </button>
      </form>
      <p>
        <a href="/admin/members">{t('members.admin.back')}</a>
      </p>
    </Layout>,
    status,
  );
}

export function adminMemberPages(app: FastifyInstance, db: Db, config: Config): void {
  const csrf = { preHandler: app.csrfProtection };
  const guard = (req: FastifyRequest) => authorize(req.user, memberPolicy.manage(req.user), 'manage members');

  app.get('/admin/members', async (req, reply) => {
    guard(req);
    return membersPage(db, req, reply);
  });

  // An account made by an admin signs in with a password, so it is required here; it counts as confirmed.
  app.post('/admin/members', csrf, async (req, reply) => {
    guard(req);
    const form = parseForm(UserCreateSchema.extend({ password: PasswordSchema }), req.body);
    if (!form.ok)
      return membersPage(db, req, reply, { values: { ...form.values, password: '' }, errors: form.errors }, 400);
    try {
      await createUser(db, req.network.id, form.data, { actor: req.user });
    } catch (err) {
      return membersPage(db, req, reply, formError(err, { ...form.values, password: '' }), 409);
    }
    return reply.redirect('/admin/members?done=created', 303);
  });

  // Exports are POST only (a GET, followed by a prefetch, would export and audit): a GET of the old
  // address goes back to the list, where the button is.
  app.get<IdParams>('/admin/members/:id/export', async (req, reply) => {
    guard(req);
    if (!isUuid(req.params.id)) throw notFound(msg('gdpr.problem.member', { id: req.params.id }));
    return reply.redirect('/admin/members', 303);
  });

  app.post<IdParams>('/admin/members/:id/export', csrf, async (req, reply) => {
    guard(req);
    if (!isUuid(req.params.id)) throw notFound(msg('gdpr.problem.member', { id: req.params.id }));
    const data = await exportMember(db, req.network, req.params.id, req.user!);
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `attachment; filename="member-${req.params.id}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  // A sign-up finished without SMTP: the admin sends the link again (readable in the outbox) or
  // vouches for the address.
  app.post<IdParams>('/admin/members/:id/resend-confirmation', csrf, async (req, reply) => {
    guard(req);
    if (!isUuid(req.params.id)) throw notFound(msg('gdpr.problem.member', { id: req.params.id }));
    await resendVerificationFor(db, req.network, req.params.id, req.user!, req.locale, config.baseUrl);
    return reply.redirect('/admin/members?done=resent', 303);
  });

  app.post<IdParams>('/admin/members/:id/verify', csrf, async (req, reply) => {
    guard(req);
    if (!isUuid(req.params.id)) throw notFound(msg('gdpr.problem.member', { id: req.params.id }));
    await markEmailVerified(db, req.network, req.params.id, req.user!);
    return reply.redirect('/admin/members?done=verified', 303);
  });

  app.get<IdParams>('/admin/members/:id/delete', async (req, reply) => {
    guard(req);
    return confirmDeletePage(db, req, reply);
  });

  app.post<IdParams>('/admin/members/:id/delete', csrf, async (req, reply) => {
    guard(req);
    if (!isUuid(req.params.id)) throw notFound(msg('gdpr.problem.member', { id: req.params.id }));
    try {
      await deleteMember(db, blobStoreFor(config), req.network, req.params.id, req.user!);
    } catch (err) {
      return confirmDeletePage(db, req, reply, formError(err, {}).errors, 409);
    }
    return reply.redirect('/admin/members?done=deleted', 303);
  });
}
