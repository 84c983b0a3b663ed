import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EmailSchema } from '../accounts/schemas.js';
import { createSession, type User } from '../accounts/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { SESSION_COOKIE } from '../web/context.js';
import {
  ErrorSummary,
  Field,
  parseForm,
  Select,
  type FormErrors,
  type FormValues,
  AccountField,
  formErrors,
} from '../web/forms.js';
import { fieldErrors } from '../web/errors.js';
import { localeNames, locales } from '../web/i18n.js';
import { CsrfField, Layout, pageContext, sendPage, type PageContext } from '../web/page.js';
import { SignupSchema, VerifySchema } from './schemas.js';
import { countSignUp } from './limit.js';
import { confirmEmail, peekVerification, resendVerification, signUp } from './service.js';

type Form = { values: FormValues; errors: FormErrors };
type TokenParams = { Params: { token: string } };

/** "Did not get the mail?": a new confirmation link, answered the same for any address. */
export function ResendForm({ ctx, values, errors }: { ctx: PageContext; values?: FormValues; errors?: FormErrors }) {
  const { t } = ctx;
  return (
    <form method="post" action="/signup/resend" class="stack" novalidate aria-labelledby="resend-title">
      <h2 id="resend-title">{t('members.resend.title')}</h2>
      <CsrfField ctx={ctx} />
      <Field
        name="resend-email"
        type="email"
        label={t('login.email')}
        values={values}
        errors={errors}
        autocomplete="email"
        required
      />
      <div>
        <button type="submit">{t('members.resend.submit')}</button>
      </div>
    </form>
  );
}

function signupPage(req: FastifyRequest, reply: FastifyReply, form?: Form, status = 200) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('members.signup.title')}>
      <h1>{t('members.signup.heading', { network: ctx.network.name })}</h1>
      <p>{t('members.signup.intro')}</p>
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <form method="post" action="/signup" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <Field
          name="name"
          label={t('field.name')}
          values={form?.values}
          errors={form?.errors}
          autocomplete="name"
          required
        />
        <AccountField kind="email" label={t('login.email')} autocomplete="email" form={form} />
        <Select
          name="locale"
          label={t('members.profile.locale')}
          values={form?.values ?? { locale: ctx.locale }}
          errors={form?.errors}
          options={locales.map((l) => ({ value: l, label: localeNames[l] }))}
        />
        <div>
          <button type="submit">{t('members.signup.submit')}</button>
        </div>
      </form>
      <p>
        {t('members.signup.haveAccount')} <a href="/login?next=/me">{t('nav.login')}</a>
      </p>
    </Layout>,
    status,
  );
}

/** The same page after a sign-up or a resend, whatever the address: nothing tells whether it had an account. */
function checkMailPage(req: FastifyRequest, reply: FastifyReply, form?: Form, status = 200) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('members.checkMail.title')}>
      <h1>{t('members.checkMail.title')}</h1>
      {form ? null : (
        <p class="notice" role="status">
          {t('members.checkMail.body')}
        </p>
      )}
      <ErrorSummary ctx={ctx} errors={form?.errors} />
      <ResendForm ctx={ctx} values={form?.values} errors={form?.errors} />
    </Layout>,
    status,
  );
}

function verifyPage(
  req: FastifyRequest<TokenParams>,
  reply: FastifyReply,
  user: User | undefined,
  errors?: FormErrors,
) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  return sendPage(
    reply.header('referrer-policy', 'no-referrer'),
    <Layout ctx={ctx} title={t('members.verify.title')}>
      <h1>{t('members.verify.title')}</h1>
      {user ? (
        <form method="post" action={`/verify/${req.params.token}`} class="stack" novalidate>
          <CsrfField ctx={ctx} />
          <ErrorSummary ctx={ctx} errors={errors} />
          <AccountField
            kind="password"
            label={t('members.verify.password')}
            help={t('members.signup.passwordHelp')}
            autocomplete="new-password"
            form={{ errors }}
          />
          <div>
            <button type="submit">{t('members.verify.confirm', { email: user.email })}</button>
          </div>
        </form>
      ) : (
        <>
          <p class="errors">{t('members.verify.invalid')}</p>
          <ResendForm ctx={ctx} />
        </>
      )}
    </Layout>,
    user && !errors ? 200 : 400,
  );
}

export function signupPages(app: FastifyInstance, db: Db, config: Config): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get('/signup', (req, reply) => (req.user ? reply.redirect('/me', 303) : signupPage(req, reply)));

  // Limited once the form is valid (countSignUp): a refused form costs nothing, and the route's
  // generous limit still stops a flood of posts.
  app.post('/signup', { ...csrf, config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (req, reply) => {
    const form = parseForm(SignupSchema, req.body);
    if (!form.ok) return signupPage(req, reply, { values: { ...form.values, password: '' }, errors: form.errors }, 400);
    await countSignUp(app, req, reply);
    await signUp(db, req.network, form.data, req.locale, config.baseUrl);
    return checkMailPage(req, reply);
  });

  app.post(
    '/signup/resend',
    { ...csrf, config: { rateLimit: { max: 5, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, string>;
      const email = EmailSchema.safeParse(body['resend-email'] ?? '');
      if (!email.success)
        return checkMailPage(
          req,
          reply,
          {
            values: { 'resend-email': body['resend-email'] ?? '' },
            errors: { 'resend-email': formErrors(fieldErrors(email.error.issues))['(body)'] ?? '' },
          },
          400,
        );
      await resendVerification(db, req.network, email.data, req.locale, config.baseUrl);
      return checkMailPage(req, reply);
    },
  );

  // GET only shows a button: mail scanners open links, and must not use up a single-use one.
  app.get<TokenParams>('/verify/:token', async (req, reply) =>
    verifyPage(req, reply, await peekVerification(db, req.network, req.params.token)),
  );

  app.post<TokenParams>(
    '/verify/:token',
    { ...csrf, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const form = parseForm(VerifySchema, req.body);
      if (!form.ok)
        return verifyPage(req, reply, await peekVerification(db, req.network, req.params.token), form.errors);
      const user = await confirmEmail(db, req.network, req.params.token, form.data.password);
      if (!user) return verifyPage(req, reply, undefined);
      const session = await createSession(db, user, req.locale);
      reply.setCookie(SESSION_COOKIE, session.cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        expires: session.expiresAt,
      });
      return reply.redirect('/me/profile?welcome=1', 303);
    },
  );
}
