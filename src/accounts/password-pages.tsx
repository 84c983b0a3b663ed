import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { SESSION_COOKIE } from '../web/context.js';
import { AppError, fieldErrors } from '../web/errors.js';
import { ErrorSummary, Field, formErrors, parseForm, type FormErrors } from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { authorize, isAdmin } from '../web/policy.js';
import { peekLoginLink } from './login-links.js';
import { changePassword, resetPassword } from './password-change.js';
import { requestPasswordReset, sendPasswordLink } from './password-mail.js';
import { EmailSchema, PasswordChangeSchema, PasswordSchema } from './schemas.js';
import * as accounts from './service.js';

// The pages' forms add a second entry of the new password: a typo in a hidden field would lock the person out.
const again = <T extends { newPassword: string; newPasswordAgain: string }>(v: T, ctx: z.RefinementCtx) => {
  if (v.newPassword !== v.newPasswordAgain)
    ctx.addIssue({ code: 'custom', path: ['newPasswordAgain'], message: 'account.password.mismatch' });
};
const ChangeForm = PasswordChangeSchema.extend({ newPasswordAgain: z.string() }).superRefine(again);
const ResetForm = z.object({ newPassword: PasswordSchema, newPasswordAgain: z.string() }).superRefine(again);

type Req = FastifyRequest;
type TokenReq = FastifyRequest<{ Params: { token: string } }>;

/** The new password twice, never sent back to the browser. */
function NewPasswordFields({ ctx, errors }: { ctx: ReturnType<typeof pageContext>; errors?: FormErrors | undefined }) {
  const { t } = ctx;
  return (
    <>
      <Field
        name="newPassword"
        type="password"
        label={t('field.newPassword')}
        help={t('account.password.help')}
        autocomplete="new-password"
        errors={errors}
        required
      />
      <Field
        name="newPasswordAgain"
        type="password"
        label={t('field.newPasswordAgain')}
        autocomplete="new-password"
        errors={errors}
        required
      />
    </>
  );
}

function changePage(req: Req, reply: FastifyReply, errors?: FormErrors, status = 200) {
  authorize(req.user, true, 'change your password');
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const changed = (req.query as Record<string, unknown>).changed !== undefined && !errors;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('account.password.title')}>
      <h1>{t('account.password.title')}</h1>
      {changed ? (
        <p class="notice" role="status">
          {t('account.password.changed')}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <p>{t(req.user.passwordHash ? 'account.password.intro' : 'account.password.none')}</p>
      <form method="post" action="/me/password" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        {/* A password manager files the new password under this address. */}
        <input type="hidden" name="username" autocomplete="username" value={req.user.email} />
        {req.user.passwordHash ? (
          <Field
            name="currentPassword"
            type="password"
            label={t('field.currentPassword')}
            autocomplete="current-password"
            errors={errors}
            required
          />
        ) : null}
        <NewPasswordFields ctx={ctx} errors={errors} />
        <div>
          <button type="submit">{t('account.password.submit')}</button>
        </div>
      </form>
      <p>
        <a href="/me">{t('members.me.title')}</a>
      </p>
    </Layout>,
    status,
  );
}

function forgotPage(req: Req, reply: FastifyReply, errors?: FormErrors, sent = false, status = 200, typed = '') {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('account.forgot.title')}>
      <h1>{t('account.forgot.title')}</h1>
      {sent ? (
        <p class="notice" role="status">
          {t('account.forgot.sent')}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      {/* Once sent, the notice says it all; the address stays in the field, to spot a typo or ask again. */}
      {sent ? null : <p>{t('account.forgot.intro')}</p>}
      <form method="post" action="/login/forgot" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        {/* A mistyped address comes back as typed, to be corrected rather than retyped. */}
        <Field
          name="email"
          type="email"
          label={t('login.email')}
          autocomplete="username"
          values={{ email: typed }}
          errors={errors}
          required
        />
        <div>
          <button type="submit">{t('account.forgot.submit')}</button>
        </div>
      </form>
      <p>
        <a href="/login">{t('login.title')}</a>
      </p>
    </Layout>,
    status,
  );
}

function resetPage(req: TokenReq, reply: FastifyReply, email: string | undefined, errors?: FormErrors) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  return sendPage(
    // The token is in the address: it must not leave in a Referer header.
    reply.header('referrer-policy', 'no-referrer'),
    <Layout ctx={ctx} title={t('account.reset.title')}>
      <h1>{t('account.reset.title')}</h1>
      {email ? (
        <>
          <ErrorSummary ctx={ctx} errors={errors} />
          <p>{t('account.reset.intro', { email })}</p>
          <form method="post" action={`/login/reset/${req.params.token}`} class="stack" novalidate>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="username" autocomplete="username" value={email} />
            <NewPasswordFields ctx={ctx} errors={errors} />
            <div>
              <button type="submit">{t('account.reset.submit')}</button>
            </div>
          </form>
        </>
      ) : (
        <>
          <p class="errors">{t('account.reset.invalid')}</p>
          <p>
            <a href="/login/forgot">{t('account.reset.again')}</a>
          </p>
        </>
      )}
    </Layout>,
    email && !errors ? 200 : 400,
  );
}

export function passwordPages(app: FastifyInstance, db: Db, config: Config): void {
  const csrf = { preHandler: app.csrfProtection };
  const signIn = async (reply: FastifyReply, user: accounts.User, req: Req) => {
    const session = await accounts.createSession(db, user, req.locale);
    reply.setCookie(SESSION_COOKIE, session.cookie, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      expires: session.expiresAt,
    });
  };
  const mailing = (req: Req) => ({ baseUrl: config.baseUrl, locale: req.locale });

  app.get('/me/password', (req, reply) => changePage(req, reply));

  // As few attempts at the current password as at a sign-in.
  app.post(
    '/me/password',
    { ...csrf, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      authorize(req.user, true, 'change your password');
      const body = (req.body ?? {}) as Record<string, string>;
      const form = parseForm(ChangeForm, body, { omitEmpty: ['currentPassword'] });
      if (!form.ok) {
        // Every mistake at once: a missing current password is named now, not on the next try.
        const missing = req.user.passwordHash && !body.currentPassword;
        const errors = missing
          ? { currentPassword: pageContext(req, reply).t('validation.required'), ...form.errors }
          : form.errors;
        return changePage(req, reply, errors, 400);
      }
      const { newPasswordAgain: _, ...input } = form.data;
      try {
        await changePassword(db, req.network, req.user, input, { cookie: req.cookies[SESSION_COOKIE] }, mailing(req));
      } catch (err) {
        if (err instanceof AppError && err.errors.length)
          return changePage(req, reply, formErrors(err.errors), err.status);
        throw err;
      }
      return reply.redirect('/me/password?changed', 303);
    },
  );

  // An admin sends a member the link to choose a password (the button on /admin/members), and
  // comes back to the list showing that member.
  app.post<{ Params: { id: string } }>('/admin/members/:id/password-link', csrf, async (req, reply) => {
    authorize(req.user, isAdmin(req.user), 'send a password link');
    const user = await sendPasswordLink(db, req.network, req.params.id, req.user, config.baseUrl, req.locale);
    return reply.redirect(`/admin/members?${new URLSearchParams({ done: 'passwordLink', q: user.email })}`, 303);
  });

  app.get('/login/forgot', (req, reply) => forgotPage(req, reply));

  // Sends mail: as few as sign-in links.
  app.post(
    '/login/forgot',
    { ...csrf, config: { rateLimit: { max: 5, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const typed = String(((req.body ?? {}) as Record<string, unknown>).email ?? '');
      const email = EmailSchema.safeParse(typed);
      if (!email.success)
        return forgotPage(
          req,
          reply,
          { email: formErrors(fieldErrors(email.error.issues))['(body)'] ?? '' },
          false,
          400,
          typed,
        );
      // The same answer whether or not the account exists.
      await requestPasswordReset(db, req.network, email.data, config.baseUrl, req.locale);
      return forgotPage(req, reply, undefined, true, 200, typed);
    },
  );

  // GET only shows the form: mail scanners open links, and must not use up a single-use one.
  app.get<{ Params: { token: string } }>('/login/reset/:token', async (req, reply) =>
    resetPage(req, reply, (await peekLoginLink(db, req.network, req.params.token, 'reset'))?.email),
  );

  app.post<{ Params: { token: string } }>(
    '/login/reset/:token',
    { ...csrf, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const holder = await peekLoginLink(db, req.network, req.params.token, 'reset');
      if (!holder) return resetPage(req, reply, undefined);
      const form = parseForm(ResetForm, (req.body ?? {}) as Record<string, string>);
      if (!form.ok) return resetPage(req, reply, holder.email, form.errors);
      const user = await resetPassword(db, req.network, req.params.token, form.data.newPassword, mailing(req));
      if (!user) return resetPage(req, reply, undefined);
      await signIn(reply, user, req);
      return reply.redirect('/me/password?changed', 303);
    },
  );
}
