import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { SESSION_COOKIE } from '../web/context.js';
import { AppError, fieldErrors } from '../web/errors.js';
import {
  ErrorSummary,
  Field,
  formErrors,
  parseForm,
  type FormErrors,
  type FormValues,
  AccountField,
} from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { consumeLoginLink, peekLoginLink } from './login-links.js';
import { requestLoginLink } from './login-mail.js';
import { EmailSchema, LoginSchema } from './schemas.js';
import * as accounts from './service.js';

type Form = { values: FormValues; errors: FormErrors };

/** Only same-site paths: an open redirect would let a phishing link borrow our login page. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\\\s]*$/.test(next) && !next.startsWith('/login') ? next : '/admin';
}

function loginPage(req: FastifyRequest, reply: FastifyReply, form?: Form, status = 200, linkSent = false) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const next = safeNext((req.query as Record<string, unknown>).next ?? form?.values.next);
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('login.title')}>
      <h1>{t('login.title')}</h1>
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <form method="post" action="/login" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="next" value={next} />
        <AccountField kind="email" label={t('login.email')} autocomplete="username" form={form} />
        <AccountField kind="password" label={t('login.password')} autocomplete="current-password" form={form} />
        <div>
          <button type="submit">{t('login.submit')}</button>
        </div>
        <p>
          <a href="/login/forgot">{t('account.forgot.link')}</a>
        </p>
      </form>
      <h2>{t('login.linkTitle')}</h2>
      {linkSent ? (
        <p class="notice" role="status">
          {t('login.linkSent')}
        </p>
      ) : null}
      <form method="post" action="/login/link" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <Field name="link-email" type="email" label={t('login.linkEmail')} autocomplete="username" required />
        <div>
          <button type="submit">{t('login.linkSubmit')}</button>
        </div>
      </form>
    </Layout>,
    status,
  );
}

function linkPage(req: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply, email: string | undefined) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  return sendPage(
    reply.header('referrer-policy', 'no-referrer'),
    <Layout ctx={ctx} title={t('login.title')}>
      <h1>{t('login.title')}</h1>
      {email ? (
        <form method="post" action={`/login/link/${req.params.token}`} novalidate>
          <CsrfField ctx={ctx} />
          <button type="submit">{t('login.linkConfirm', { email })}</button>
        </form>
      ) : (
        <p class="errors">{t('login.linkInvalid')}</p>
      )}
    </Layout>,
    email ? 200 : 400,
  );
}

export function accountPages(app: FastifyInstance, db: Db, config: Config): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get('/login', (req, reply) => loginPage(req, reply));

  app.post('/login', { ...csrf, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, string>;
    const form = parseForm(LoginSchema, { email: body.email, password: body.password });
    const values = { email: body.email ?? '', next: body.next ?? '' };
    if (!form.ok) return loginPage(req, reply, { values, errors: form.errors }, 400);
    try {
      const user = await accounts.authenticate(db, req.network.id, form.data.email, form.data.password);
      const session = await accounts.createSession(db, user, req.locale);
      reply.setCookie(SESSION_COOKIE, session.cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        expires: session.expiresAt,
      });
      return reply.redirect(safeNext(body.next), 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'unauthenticated') {
        return loginPage(req, reply, { values, errors: { email: pageContext(req, reply).t('login.failed') } }, 401);
      }
      throw err;
    }
  });

  app.post(
    '/login/link',
    { ...csrf, config: { rateLimit: { max: 5, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, string>;
      const email = EmailSchema.safeParse(body['link-email'] ?? '');
      if (!email.success)
        return loginPage(
          req,
          reply,
          { values: {}, errors: { 'link-email': formErrors(fieldErrors(email.error.issues))['(body)'] ?? '' } },
          400,
        );
      // The same answer whether or not the account exists.
      await requestLoginLink(db, req.network, email.data, config.baseUrl, req.locale);
      return loginPage(req, reply, undefined, 200, true);
    },
  );

  // GET only shows a button: mail scanners open links, and must not use up a single-use one.
  app.get<{ Params: { token: string } }>('/login/link/:token', async (req, reply) =>
    linkPage(req, reply, (await peekLoginLink(db, req.network, req.params.token))?.email),
  );

  app.post<{ Params: { token: string } }>(
    '/login/link/:token',
    { ...csrf, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const user = await consumeLoginLink(db, req.network, req.params.token);
      if (!user) return linkPage(req, reply, undefined);
      const session = await accounts.createSession(db, user, req.locale);
      reply.setCookie(SESSION_COOKIE, session.cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        expires: session.expiresAt,
      });
      return reply.redirect('/admin', 303);
    },
  );

  app.post('/logout', csrf, async (req, reply) => {
    const cookie = req.cookies[SESSION_COOKIE];
    if (cookie) await accounts.endSession(db, cookie);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  // The accounts list became the members page (search, export, delete, and the new-account form).
  app.get('/admin/accounts', (_req, reply) => reply.redirect('/admin/members', 301));
}
