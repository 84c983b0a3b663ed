import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import { blobStoreFor } from '../storage/service.js';
import { AppError } from '../web/errors.js';
import { formErrors, type FormErrors, validate } from '../web/forms.js';
import { SubmissionCreateSchema, SubmissionUpdateSchema } from './submission-schemas.js';
import { CsrfField, Layout, pageContext, sendPage } from '../web/page.js';
import { BlindSubmission } from './components.js';
import { formatInstant } from './format.js';
import * as calls from './service.js';
import { sendAttachment } from './submission-routes.js';
import * as subs from './submissions.js';
import { msg } from '../web/i18n.js';

import { AUTOSAVE, errorsOf, fromForm, SubmissionForm, type Form } from './submission-form.js';

/** Applicants' pages: apply without an account, come back by the secret link, preview the blind view. */
export function submissionPages(app: FastifyInstance, db: Db, config: Config): void {
  app.get('/assets/autosave.js', { schema: { hide: true } }, (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(AUTOSAVE),
  );
  const store = blobStoreFor(config);
  const slugOf = (req: FastifyRequest) => (req.params as { slug: string }).slug;
  const secretOf = (req: FastifyRequest) => (req.params as { secret: string }).secret;

  const applyPage = async (req: FastifyRequest, reply: FastifyReply, errors?: FormErrors, status = 200) => {
    const ctx = pageContext(req, reply);
    const call = await calls.findCall(db, req.network, slugOf(req));
    const state = calls.callState(call);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={call.title[ctx.locale]}>
        <h1>{call.title[ctx.locale]}</h1>
        <p>{ctx.t('calls.closes', { when: formatInstant(call.closesAt, ctx.locale) })}</p>
        {state === 'open' ? (
          <SubmissionForm ctx={ctx} call={call} action={`/calls/${call.slug}/apply`} errors={errors} />
        ) : (
          <p class="notice">{ctx.t(state === 'closed' ? 'calls.closed' : 'calls.notYetOpen')}</p>
        )}
      </Layout>,
      status,
    );
  };

  app.get('/calls/:slug/apply', (req, reply) => applyPage(req, reply));
  app.post(
    '/calls/:slug/apply',
    { preHandler: app.csrfProtection, config: { rateLimit: { max: 20, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const body = (req.body ?? {}) as Form;
      const call = await calls.findCall(db, req.network, slugOf(req));
      try {
        const input = validate(
          SubmissionCreateSchema,
          { name: body.name ?? '', email: (body.email ?? '').trim(), ...fromForm(call, body) },
          {},
        );
        if (!input.ok) return applyPage(req, reply, input.errors, 400);
        const { secret } = await subs.startSubmission(db, req.network, req.user, call.id, input.data, {
          baseUrl: config.baseUrl,
          locale: req.locale,
        });
        return reply.redirect(`/s/${secret}?done=saved`, 303);
      } catch (err) {
        const errors = errorsOf(err);
        if (!errors) throw err;
        return applyPage(req, reply, errors, err instanceof AppError ? err.status : 400);
      }
    },
  );

  const mine = async (req: FastifyRequest, reply: FastifyReply, errors?: FormErrors, status = 200) => {
    const ctx = pageContext(req, reply);
    const { t, locale } = ctx;
    const { submission: s, call } = await subs.submissionBySecret(db, req.network, secretOf(req));
    const view = await subs.submissionView(db, req.network, s);
    const state = calls.callState(call);
    const base = `/s/${secretOf(req)}`;
    return sendPage(
      reply,
      <Layout ctx={ctx} title={call.title[locale]}>
        <h1>{call.title[locale]}</h1>
        <p>
          {t(`subs.status.${s.status}`)} · {t('calls.closes', { when: formatInstant(call.closesAt, locale) })}
        </p>
        <p>
          <a href={`${base}/preview`}>{t('subs.preview')}</a>
          {state === 'closed' && s.status === 'submitted' ? (
            <>
              {' · '}
              <a href={`${base}/appeal`}>{t('jury.appeal.link')}</a>
            </>
          ) : null}
        </p>
        {state === 'open' && s.status !== 'withdrawn' ? (
          <>
            <SubmissionForm ctx={ctx} call={call} action={base} s={s} errors={errors} />
            <p
              id="autosave-status"
              role="status"
              data-saved={t('subs.autosaved')}
              data-failed={t('subs.autosaveFailed')}
            />
            <script src="/assets/autosave.js" defer />
            {call.rules.fields
              .filter((f) => f.kind === 'file')
              .map((f) => (
                <form
                  method="post"
                  action={`${base}/files/${f.key}`}
                  enctype="multipart/form-data"
                  class="stack"
                  novalidate
                >
                  <CsrfField ctx={ctx} />
                  <label htmlFor={`f-file-${f.key}`}>{f.label[locale]}</label>
                  <input id={`f-file-${f.key}`} type="file" name="file" accept=".pdf,.jpg,.jpeg,.png,.webp,.docx" />
                  <p class="help">{t('subs.fileHelp')}</p>
                  {view.files.some((x) => x.field === f.key) ? <p>{t('subs.fileOk')}</p> : null}
                  <button type="submit" class="secondary">
                    {t('subs.upload')}
                  </button>
                </form>
              ))}
          </>
        ) : (
          <p class="notice">{t('calls.closed')}</p>
        )}
      </Layout>,
      status,
    );
  };

  app.get('/s/:secret', (req, reply) => mine(req, reply));
  app.post('/s/:secret', { preHandler: app.csrfProtection }, async (req, reply) => {
    const body = (req.body ?? {}) as Form;
    const { submission: s, call } = await subs.submissionBySecret(db, req.network, secretOf(req));
    try {
      const input = validate(SubmissionUpdateSchema, fromForm(call, body), {});
      if (!input.ok) return mine(req, reply, input.errors, 400);
      await subs.updateSubmission(db, req.network, { user: req.user, secret: secretOf(req) }, s.id, input.data, {
        baseUrl: config.baseUrl,
        locale: req.locale,
      });
      return reply.redirect(`/s/${secretOf(req)}?done=saved`, 303);
    } catch (err) {
      const errors = errorsOf(err);
      if (!errors) throw err;
      return mine(req, reply, errors, err instanceof AppError ? err.status : 400);
    }
  });

  app.get('/s/:secret/preview', async (req, reply) => {
    const ctx = pageContext(req, reply);
    const { submission: s, call } = await subs.submissionBySecret(db, req.network, secretOf(req));
    const view = await subs.submissionView(db, req.network, s);
    return sendPage(
      reply,
      <Layout ctx={ctx} title={ctx.t('subs.preview')}>
        <h1>{ctx.t('subs.preview')}</h1>
        <p>{ctx.t('subs.previewIntro')}</p>
        <BlindSubmission ctx={ctx} call={call} view={view.blind} fileHref={(id) => `/s/${secretOf(req)}/files/${id}`} />
        <p>
          <a href={`/s/${secretOf(req)}`}>{ctx.t('subs.back')}</a>
        </p>
      </Layout>,
    );
  });

  app.get('/s/:secret/files/:fileId', async (req, reply) => {
    const { submission: s } = await subs.submissionBySecret(db, req.network, secretOf(req));
    return sendAttachment(db, store, req.network, s.id, (req.params as { fileId: string }).fileId, reply);
  });

  void app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      throwFileSizeLimit: false,
      limits: { fileSize: 20 * 1_048_576, files: 1, fields: 3, parts: 4 },
      async onFile(part: MultipartFile) {
        const bytes = await part.toBuffer();
        (part as unknown as { value: unknown }).value = { bytes, truncated: part.file.truncated };
      },
    });
    scope.post('/s/:secret/files/:field', { preHandler: scope.csrfProtection }, async (req, reply) => {
      const { submission: s } = await subs.submissionBySecret(db, req.network, secretOf(req));
      const file = (req.body as { file?: { bytes: Buffer; truncated: boolean } } | undefined)?.file;
      const field = (req.params as { field: string }).field;
      try {
        if (file?.truncated)
          throw new AppError('payload_too_large', msg('call.problem.fileTooLarge'), [
            { field, message: msg('validation.tooLarge') },
          ]);
        await subs.attachFile(
          db,
          store,
          req.network,
          { user: req.user, secret: secretOf(req) },
          s.id,
          field,
          new Uint8Array(file?.bytes ?? []),
          { locale: req.locale },
        );
        return reply.redirect(`/s/${secretOf(req)}?done=saved`, 303);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const errors: FormErrors = formErrors(err.errors);
        if (!err.errors.length) errors[field] = err.detail;
        return mine(req, reply, errors, err.status);
      }
    });
  });
}
