import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { AppError } from '../web/errors.js';
import { ErrorSummary, Field, type FormErrors, type FormValues, formError, parseForm } from '../web/forms.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { CONTACT_LIMITS } from './policy.js';
import { ContactMessageSchema } from './schemas.js';
import { blockState, type ContactTarget, contactTarget, sendContactMessage, setBlocked } from './service.js';

type Params = { Params: { id: string } };

function contactForm(
  req: FastifyRequest,
  reply: FastifyReply,
  to: Pick<ContactTarget, 'id' | 'name'>,
  opts: { values?: FormValues; errors?: FormErrors; status?: number } = {},
) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const values = opts.values ?? {};
  const name = to.name;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('contact.title', { name })}>
      <p>
        <a href={`/members/${to.id}`}>{t('contact.back')}</a>
      </p>
      <h1>{t('contact.title', { name })}</h1>
      {ctx.done === 'sent' ? <p role="status">{t('contact.sent', { name })}</p> : null}
      <p>{t('contact.intro', { name })}</p>
      <ErrorSummary ctx={ctx} errors={opts.errors} />
      <form method="post" action={`/members/${to.id}/contact`} class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <Field
          name="subject"
          label={t('contact.subject')}
          help={t('contact.subjectHelp')}
          values={values}
          errors={opts.errors}
        />
        <Field
          name="body"
          label={t('contact.body')}
          help={t('contact.bodyHelp')}
          values={values}
          errors={opts.errors}
          multiline
          required
        />
        <div>
          <input
            type="checkbox"
            id="f-shareAddress"
            name="shareAddress"
            value="on"
            checked={values.shareAddress === 'on'}
            aria-describedby="f-shareAddress-help"
          />{' '}
          <label htmlFor="f-shareAddress">{t('contact.share', { name })}</label>
          <p class="help" id="f-shareAddress-help">
            {t('contact.shareHelp', { name })}
          </p>
        </div>
        <p class="muted">{t('contact.limits', CONTACT_LIMITS)}</p>
        <div>
          <button type="submit">{t('contact.send')}</button>
        </div>
      </form>
    </Layout>,
    opts.status,
  );
}

function blockPage(req: FastifyRequest, reply: FastifyReply, state: { id: string; name: string; blocked: boolean }) {
  const ctx = pageContext(req, reply);
  const { t } = ctx;
  const { name } = state;
  return sendPage(
    reply,
    <Layout ctx={ctx} title={t('contact.block.title', { name })}>
      <h1>{t('contact.block.title', { name })}</h1>
      {state.blocked ? <p role="status">{t('contact.block.is', { name })}</p> : null}
      <p>{t('contact.block.explain', { name })}</p>
      <form method="post" action={`/members/${state.id}/block`} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="blocked" value={state.blocked ? 'no' : 'yes'} />
        <button type="submit" class={state.blocked ? 'secondary' : undefined}>
          {state.blocked ? t('contact.block.undo', { name }) : t('contact.block.do', { name })}
        </button>
      </form>
    </Layout>,
  );
}

/**
 * /members/:id/contact (the form; visitors are sent to sign in, refusals are the API's) and
 * /members/:id/block, linked from every contact mail.
 */
export function contactPages(app: FastifyInstance, db: Db, config: Config): void {
  const csrf = { preHandler: app.csrfProtection };

  app.get<Params>('/members/:id/contact', async (req, reply) =>
    contactForm(req, reply, await contactTarget(db, req.network, req.user, req.params.id)),
  );

  app.post<Params>('/members/:id/contact', csrf, async (req, reply) => {
    const to = await contactTarget(db, req.network, req.user, req.params.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = parseForm(ContactMessageSchema, body, {
      extra: { input: { shareAddress: body.shareAddress === 'on' }, replaces: (f) => f === 'shareAddress' },
    });
    const values = form.values;
    if (!form.ok) return contactForm(req, reply, to, { values, errors: form.errors, status: 400 });
    try {
      await sendContactMessage(db, req.network, req.user, to.id, form.data, config.baseUrl);
    } catch (err) {
      // Too many messages: said above the form, which keeps what was typed.
      if (err instanceof AppError && err.code === 'rate_limited')
        return contactForm(req, reply, to, { values, errors: { '(form)': err.detail }, status: 429 });
      const { errors } = formError(err, values);
      return contactForm(req, reply, to, { values, errors, status: 400 });
    }
    return reply.redirect(`/members/${to.id}/contact?done=sent`, 303);
  });

  app.get<Params>('/members/:id/block', async (req, reply) =>
    blockPage(req, reply, await blockState(db, req.network, req.user, req.params.id)),
  );

  app.post<Params>('/members/:id/block', csrf, async (req, reply) => {
    const blocked = ((req.body ?? {}) as Record<string, unknown>).blocked !== 'no';
    await setBlocked(db, req.network, req.user, req.params.id, blocked);
    return reply.redirect(`/members/${req.params.id}/block`, 303);
  });
}
