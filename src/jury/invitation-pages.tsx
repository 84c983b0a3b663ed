import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createSession } from '../accounts/service.js';
import * as calls from '../calls/service.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { SESSION_COOKIE } from '../web/context.js';
import { AppError } from '../web/errors.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { acceptInvitation, peekInvitation } from './invitations.js';

type Params = { token: string };

/**
 * The invitation link: a GET only shows what it is and a button (mail scanners and link previews
 * open links, and must neither sign anyone in nor use up a single-use link); the POST, behind
 * CSRF, uses it and signs the juror in.
 */
export function invitationPages(app: FastifyInstance, db: Db, config: Config): void {
  const page = async (req: FastifyRequest, reply: FastifyReply, refusal?: string) => {
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const { juror, call, stage, state } = await peekInvitation(db, req.network, (req.params as Params).token);
    const title = t('jury.invite.title', { title: call.title[locale] });
    const reason =
      refusal ??
      (state === 'used'
        ? t('jury.invite.used')
        : state === 'expired'
          ? t('jury.invite.expired', { date: calls.formatInstant(juror.inviteExpiresAt, locale) })
          : undefined);
    return sendPage(
      reply.header('referrer-policy', 'no-referrer'),
      <Layout ctx={ctx} title={title}>
        <h1>{title}</h1>
        <p>{t('jury.invite.intro', { name: juror.name, stage: stage.name })}</p>
        {reason ? (
          <>
            <p class="errors" role="alert">
              {reason}
            </p>
            <p>
              {ctx.user?.id === juror.userId ? (
                <a href={`/jury/${call.slug}`}>{t('jury.invite.goToJury')}</a>
              ) : (
                <a href={`/login?next=${encodeURIComponent(`/jury/${call.slug}`)}`}>{t('jury.invite.signIn')}</a>
              )}
            </p>
          </>
        ) : (
          <form method="post" action={`/jury/invite/${(req.params as Params).token}`} class="stack" novalidate>
            <CsrfField ctx={ctx} />
            <p class="muted">{t('jury.invite.valid', { until: calls.formatInstant(juror.inviteExpiresAt, locale) })}</p>
            <div>
              <button type="submit">{t('jury.invite.button')}</button>
            </div>
          </form>
        )}
      </Layout>,
      reason ? 410 : 200,
    );
  };

  app.get('/jury/invite/:token', (req, reply) => page(req, reply));

  app.post(
    '/jury/invite/:token',
    { preHandler: app.csrfProtection, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (req, reply) => {
      try {
        const { user, call } = await acceptInvitation(db, req.network, (req.params as Params).token);
        // Jurors need no password and no member profile: the invitation signs them in, once.
        const session = await createSession(db, user);
        reply.setCookie(SESSION_COOKIE, session.cookie, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: config.secureCookies,
          expires: session.expiresAt,
        });
        return reply.redirect(`/jury/${call.slug}`, 303);
      } catch (err) {
        if (err instanceof AppError && err.code === 'conflict') return page(req, reply, err.detail);
        throw err;
      }
    },
  );
}
